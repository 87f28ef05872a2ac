import {
  ArrayMaxSize,
  IsArray,
  IsFQDN,
  IsIn,
  IsInt,
  IsIP,
  IsOptional,
  IsString,
  IsUUID,
  JSONSchema,
  Matches,
  Max,
  MaxLength,
  Min,
  PageInput,
  WorkspaceInput,
  withFields,
} from '../../core/index.js';

/** Python server's states plus the CLI's `processing` and `issued` (alpacon-cli `cmd/csr/csr_list.go`). */
export const CSR_STATUSES = ['requested', 'processing', 'signing', 'signed', 'issued', 'failed', 'canceled', 'denied'] as const;
export const REVOKE_STATUSES = ['requested', 'revoking', 'revoked', 'failed', 'denied', 'canceled'] as const;
/** RFC 5280 CRLReason codes the API accepts. */
export const REVOKE_REASONS = [0, 1, 2, 3, 4, 5, 6, 9, 10] as const;

export class ListCertificateAuthoritiesInput extends withFields(PageInput) {}

export class GetCertificateAuthorityInput extends WorkspaceInput {
  @IsUUID()
  @JSONSchema({ description: 'CA id (list_certificate_authorities)' })
  authority_id!: string;
}

export class ListSignRequestsInput extends withFields(PageInput) {
  @IsOptional()
  @IsIn(CSR_STATUSES)
  @JSONSchema({ description: 'Only this status' })
  status?: string;
}

export class GetSignRequestInput extends WorkspaceInput {
  @IsUUID()
  @JSONSchema({ description: 'Sign request id (list_sign_requests)' })
  sign_request_id!: string;
}

export class CreateSignRequestInput extends WorkspaceInput {
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsFQDN({ allow_wildcard: true }, { each: true })
  @JSONSchema({ type: 'array', items: { type: 'string' }, description: 'DNS names; the first under a CA domain picks the CA' })
  domain_list?: string[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsIP(undefined, { each: true })
  @JSONSchema({ type: 'array', items: { type: 'string' }, description: 'IP addresses' })
  ip_list?: string[];

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(3650)
  @JSONSchema({ description: 'Validity in days (CA default if omitted)' })
  valid_days?: number;

  @IsOptional()
  @IsString()
  @MaxLength(65_536)
  @Matches(/-----BEGIN (NEW )?CERTIFICATE REQUEST-----/, { message: 'csr_text must be a PEM certificate signing request' })
  @JSONSchema({ type: 'string', description: 'PEM CSR you generated (e.g. openssl req -new); submitted right after the request is created. Without it the request waits for one.' })
  csr_text?: string;
}

export class SubmitCsrInput extends GetSignRequestInput {
  @IsString()
  @MaxLength(65_536)
  @Matches(/-----BEGIN (NEW )?CERTIFICATE REQUEST-----/, { message: 'csr_text must be a PEM certificate signing request' })
  @JSONSchema({ type: 'string', description: 'PEM CSR you generated for the request\'s names (e.g. with openssl req -new)' })
  csr_text!: string;
}

export class ListCertificatesInput extends withFields(PageInput) {
  @IsOptional()
  @IsUUID()
  @JSONSchema({ description: 'Only certificates of this CA' })
  authority_id?: string;
}

export class GetCertificateInput extends WorkspaceInput {
  @IsUUID()
  @JSONSchema({ description: 'Certificate id (list_certificates)' })
  certificate_id!: string;
}

export class RevokeCertificateInput extends GetCertificateInput {
  @IsOptional()
  @IsIn(REVOKE_REASONS)
  @JSONSchema({ description: 'RFC 5280 reason: 0 unspecified, 1 key compromise, 4 superseded, 5 cessation, ...' })
  reason?: number;

  @IsOptional()
  @IsString()
  @MaxLength(512)
  @JSONSchema({ description: 'Free-text reason' })
  requested_reason?: string;
}

export class ListRevokeRequestsInput extends withFields(PageInput) {
  @IsOptional()
  @IsIn(REVOKE_STATUSES)
  @JSONSchema({ description: 'Only this status' })
  status?: string;

  @IsOptional()
  @IsUUID()
  @JSONSchema({ description: 'Only requests for this certificate' })
  certificate_id?: string;
}

export class GetRevokeRequestInput extends WorkspaceInput {
  @IsUUID()
  @JSONSchema({ description: 'Revoke request id (list_revoke_requests)' })
  revoke_request_id!: string;
}
