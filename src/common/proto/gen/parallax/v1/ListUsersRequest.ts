// Original file: proto/parallax/v1/control.proto


export interface ListUsersRequest {
}

export interface ListUsersRequest__Output {
}
