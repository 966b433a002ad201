// Original file: proto/parallax/v1/raft.proto


export interface DiscoverMember {
  'id'?: (string);
  'address'?: (string);
  'voter'?: (boolean);
}

export interface DiscoverMember__Output {
  'id': (string);
  'address': (string);
  'voter': (boolean);
}
