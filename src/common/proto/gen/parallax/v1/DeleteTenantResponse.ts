// Original file: proto/parallax/v1/control.proto


export interface DeleteTenantResponse {
}

export interface DeleteTenantResponse__Output {
}
