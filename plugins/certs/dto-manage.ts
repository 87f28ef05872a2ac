import { IsBoolean, IsFQDN, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, JSONSchema, Max, MaxLength, Min, WorkspaceInput } from '../../core/index.js';

/** Argument names follow the Python alpacon-mcp server (tools/cert_tools.py), so its prompts keep working. */

export const KEY_ALGORITHMS = ['rsa', 'ecdsa'] as const;
export const KEY_SIZES = [2048, 4096, 256, 384] as const;

export class CreateCertificateAuthorityInput extends WorkspaceInput {
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  @JSONSchema({ description: "CA name, e.g. 'AlpacaX Root CA'" })
  name!: string;

  @IsFQDN()
  @JSONSchema({ type: 'string', description: 'Root domain of the CA, unique in the workspace, e.g. internal.example' })
  domain!: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  @JSONSchema({ description: 'Organization the CA belongs to' })
  organization!: string;

  @IsUUID()
  @JSONSchema({ description: 'Server (agent) that runs the CA (list_servers)' })
  server_id!: string;

  @IsUUID()
  @JSONSchema({ description: 'Owner user id (list_iam_users)' })
  owner!: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(36500)
  @JSONSchema({ description: 'Validity of the root certificate in days' })
  root_valid_days?: number;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(36500)
  @JSONSchema({ description: 'Default validity of issued certificates in days' })
  default_valid_days?: number;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(36500)
  @JSONSchema({ description: 'Longest validity a sign request may ask for, in days' })
  max_valid_days?: number;

  @IsOptional()
  @IsIn(KEY_ALGORITHMS)
  @JSONSchema({ type: 'string', enum: [...KEY_ALGORITHMS], description: 'Key algorithm (unconfirmed field: Python server only)' })
  key_algorithm?: string;

  @IsOptional()
  @IsIn(KEY_SIZES)
  @JSONSchema({ type: 'integer', enum: [...KEY_SIZES], description: 'Key size: 2048/4096 for rsa, 256/384 for ecdsa (unconfirmed field: Python server only)' })
  key_size?: number;

  @IsOptional()
  @IsBoolean()
  @JSONSchema({ description: 'Install the CA on the agent right away' })
  install?: boolean;
}

class CaIdInput extends WorkspaceInput {
  @IsUUID()
  @JSONSchema({ description: 'CA id (list_certificate_authorities)' })
  ca_id!: string;
}

export class UpdateCertificateAuthorityInput extends CaIdInput {
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(36500)
  @JSONSchema({ description: 'New default validity of issued certificates in days' })
  default_valid_days?: number;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(36500)
  @JSONSchema({ description: 'New longest validity a sign request may ask for, in days' })
  max_valid_days?: number;

  @IsOptional()
  @IsUUID()
  @JSONSchema({ description: 'New owner user id (list_iam_users)' })
  owner?: string;
}

export class DeleteCertificateAuthorityInput extends CaIdInput {}

class CsrIdInput extends WorkspaceInput {
  @IsUUID()
  @JSONSchema({ description: 'Sign request id (list_sign_requests)' })
  csr_id!: string;
}

export class ApproveSignRequestInput extends CsrIdInput {}
export class DenySignRequestInput extends CsrIdInput {}
export class RetrySignRequestInput extends CsrIdInput {}
export class DeleteSignRequestInput extends CsrIdInput {}

class RevokeIdInput extends WorkspaceInput {
  @IsUUID()
  @JSONSchema({ description: 'Revoke request id (list_revoke_requests)' })
  revoke_id!: string;
}

export class ApproveRevokeRequestInput extends RevokeIdInput {}
export class DenyRevokeRequestInput extends RevokeIdInput {}
export class RetryRevokeRequestInput extends RevokeIdInput {}
export class CancelRevokeRequestInput extends RevokeIdInput {}
