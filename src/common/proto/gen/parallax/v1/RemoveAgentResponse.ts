// Original file: proto/parallax/v1/control.proto


export interface RemoveAgentResponse {
}

export interface RemoveAgentResponse__Output {
}
