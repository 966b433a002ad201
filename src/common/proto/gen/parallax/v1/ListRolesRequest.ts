// Original file: proto/parallax/v1/control.proto


export interface ListRolesRequest {
}

export interface ListRolesRequest__Output {
}
