// Original file: proto/parallax/v1/raft.proto


export interface DiscoverRequest {
  'nodeId'?: (string);
}

export interface DiscoverRequest__Output {
  'nodeId': (string);
}
