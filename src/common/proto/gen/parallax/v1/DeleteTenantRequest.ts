// Original file: proto/parallax/v1/control.proto


export interface DeleteTenantRequest {
  'name'?: (string);
  'force'?: (boolean);
}

export interface DeleteTenantRequest__Output {
  'name': (string);
  'force': (boolean);
}
