// Original file: proto/parallax/v1/raft.proto


export interface RaftAck {
}

export interface RaftAck__Output {
}
