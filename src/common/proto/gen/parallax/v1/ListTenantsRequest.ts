// Original file: proto/parallax/v1/control.proto


export interface ListTenantsRequest {
}

export interface ListTenantsRequest__Output {
}
