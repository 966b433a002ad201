// Original file: proto/parallax/v1/control.proto


export interface DeleteRoleResponse {
}

export interface DeleteRoleResponse__Output {
}
