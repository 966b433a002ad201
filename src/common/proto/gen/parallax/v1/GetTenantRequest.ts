// Original file: proto/parallax/v1/control.proto


export interface GetTenantRequest {
  'name'?: (string);
}

export interface GetTenantRequest__Output {
  'name': (string);
}
