// Original file: proto/parallax/v1/raft.proto


export interface SnapshotPair {
  'key'?: (string);
  'value'?: (Buffer | Uint8Array | string);
}

export interface SnapshotPair__Output {
  'key': (string);
  'value': (Buffer);
}
