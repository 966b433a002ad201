// Original file: proto/parallax/v1/control.proto


export interface DeleteRoleRequest {
  'name'?: (string);
}

export interface DeleteRoleRequest__Output {
  'name': (string);
}
