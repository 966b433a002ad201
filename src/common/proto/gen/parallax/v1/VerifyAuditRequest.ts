// Original file: proto/parallax/v1/control.proto


export interface VerifyAuditRequest {
}

export interface VerifyAuditRequest__Output {
}
