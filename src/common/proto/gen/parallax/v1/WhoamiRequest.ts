// Original file: proto/parallax/v1/control.proto


export interface WhoamiRequest {
}

export interface WhoamiRequest__Output {
}
