// Original file: proto/parallax/v1/control.proto


export interface DeleteVariableResponse {
}

export interface DeleteVariableResponse__Output {
}
