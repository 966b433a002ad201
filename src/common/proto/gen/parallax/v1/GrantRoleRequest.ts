// Original file: proto/parallax/v1/control.proto


export interface GrantRoleRequest {
  'user'?: (string);
  'role'?: (string);
  /**
   * the grant holds in every tenant and over the cluster, instead of the request's tenant
   */
  'clusterWide'?: (boolean);
}

export interface GrantRoleRequest__Output {
  'user': (string);
  'role': (string);
  /**
   * the grant holds in every tenant and over the cluster, instead of the request's tenant
   */
  'clusterWide': (boolean);
}
