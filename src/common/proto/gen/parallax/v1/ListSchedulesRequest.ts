// Original file: proto/parallax/v1/control.proto


export interface ListSchedulesRequest {
}

export interface ListSchedulesRequest__Output {
}
