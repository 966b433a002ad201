// Original file: proto/parallax/v1/control.proto


export interface LoginInfoRequest {
}

export interface LoginInfoRequest__Output {
}
