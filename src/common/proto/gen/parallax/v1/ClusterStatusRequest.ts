// Original file: proto/parallax/v1/control.proto


export interface ClusterStatusRequest {
}

export interface ClusterStatusRequest__Output {
}
