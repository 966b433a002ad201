// Original file: proto/parallax/v1/control.proto


export interface ClusterStatusRequest {
  /**
   * the answering node's own view; by default a follower answers with the leader's
   */
  'local'?: (boolean);
}

export interface ClusterStatusRequest__Output {
  /**
   * the answering node's own view; by default a follower answers with the leader's
   */
  'local': (boolean);
}
