// Original file: proto/parallax/v1/agent.proto


export interface Ack {
}

export interface Ack__Output {
}
