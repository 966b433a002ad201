// Original file: proto/parallax/v1/control.proto


export interface DeleteScheduleResponse {
}

export interface DeleteScheduleResponse__Output {
}
