import { ALPACON, AlpaconClient, Effects, inject, injectable, InvalidInputError, reply, Tool, type AlpaconTarget, type ToolContext } from '../../core/index.js';
import {
  ApproveRevokeRequestInput, ApproveSignRequestInput, CancelRevokeRequestInput, CreateCertificateAuthorityInput, DeleteCertificateAuthorityInput,
  DeleteSignRequestInput, DenyRevokeRequestInput, DenySignRequestInput, RetryRevokeRequestInput, RetrySignRequestInput,
  UpdateCertificateAuthorityInput,
} from './dto-manage.js';

interface CertObject {
  id: string;
  name?: string;
  status?: string;
  [key: string]: unknown;
}

const AUTHORITIES = '/api/cert/authorities/';
const SIGN_REQUESTS = '/api/cert/sign-requests/';
const REVOKE_REQUESTS = '/api/cert/revoke-requests/';

const CA_OUTPUT = {
  type: 'object',
  properties: {
    id: { type: 'string' }, name: { type: 'string' }, domain: { type: 'string' }, organization: { type: 'string' },
    root_valid_days: { type: 'integer' }, default_valid_days: { type: 'integer' }, max_valid_days: { type: 'integer' },
  },
  required: ['id'],
};
const actionOutput = (idField: string) => ({
  type: 'object',
  properties: { [idField]: { type: 'string' }, action: { type: 'string' }, answer: { description: 'What Alpacon answered (its shape is not documented)' } },
  required: [idField, 'action'],
});
const deleteOutput = (idField: string) => ({
  type: 'object', properties: { deleted: { type: 'boolean' }, [idField]: { type: 'string' } }, required: ['deleted', idField],
});

/**
 * Managing the private CA: authorities, and deciding sign and revoke requests. Paths and bodies from alpacon-cli api/cert
 * (cert.go, revoke.go, types.go AuthorityRequest); tool and argument names from the Python server's tools/cert_tools.py.
 */
@injectable()
export class CertManageTools {
  constructor(@inject(ALPACON) private readonly alpacon: AlpaconClient) {}

  @Tool({ name: 'create_certificate_authority', title: 'Create certificate authority', description: 'Creates a private CA run by an agent on server_id; sign requests under its domain go to it. The answer carries install instructions. key_algorithm/key_size: sent only by the Python server (unconfirmed).', input: CreateCertificateAuthorityInput, annotations: Effects.create, output: CA_OUTPUT, searchHint: 'certificate authority CA create pki tls' })
  async createCertificateAuthority(input: CreateCertificateAuthorityInput, ctx: ToolContext) {
    const { workspace, region, server_id, ...fields } = input;
    const body = defined({ ...fields, agent: server_id });
    const ca = await this.alpacon.post<CertObject>({ workspace, region }, AUTHORITIES, body, { signal: ctx.signal });
    return reply(ca, `Certificate authority ${ca.name ?? fields.name} created (${ca.id}).`);
  }

  @Tool({ name: 'update_certificate_authority', title: 'Update certificate authority', description: 'Changes default_valid_days, max_valid_days or owner of a CA (name, domain, agent and keys cannot change). Admin or CA owner.', input: UpdateCertificateAuthorityInput, annotations: Effects.update, output: CA_OUTPUT, searchHint: 'certificate authority CA update owner validity' })
  async updateCertificateAuthority({ ca_id, workspace, region, ...fields }: UpdateCertificateAuthorityInput, ctx: ToolContext) {
    const changes = defined(fields);
    if (Object.keys(changes).length === 0) {
      throw new InvalidInputError([{ field: '(arguments)', problems: ['give at least one of: default_valid_days, max_valid_days, owner'] }]);
    }
    const ca = await this.alpacon.patch<CertObject>({ workspace, region }, `${AUTHORITIES}${ca_id}/`, changes, { resource: { what: 'Certificate authority', id: ca_id }, signal: ctx.signal });
    return reply(ca, `Certificate authority ${ca.name ?? ca_id} updated: ${Object.keys(changes).join(', ')}.`);
  }

  @Tool({ name: 'delete_certificate_authority', title: 'Delete certificate authority', description: 'Deletes a CA with its certificate and sign requests, for good; what it issued can no longer be verified. Admin or CA owner.', input: DeleteCertificateAuthorityInput, annotations: Effects.destructive, output: deleteOutput('ca_id'), searchHint: 'certificate authority CA delete remove' })
  deleteCertificateAuthority({ ca_id, ...target }: DeleteCertificateAuthorityInput, ctx: ToolContext) {
    return this.remove(target, AUTHORITIES, 'Certificate authority', 'ca_id', ca_id, 'deleted', ctx);
  }

  @Tool({ name: 'approve_sign_request', title: 'Approve sign request', description: 'Approves a requested CSR; the CA then signs it (see get_sign_request). Admin or CA owner.', input: ApproveSignRequestInput, annotations: Effects.create, output: actionOutput('csr_id'), searchHint: 'certificate csr signing request approve' })
  approveSignRequest({ csr_id, ...target }: ApproveSignRequestInput, ctx: ToolContext) {
    return this.act(target, SIGN_REQUESTS, 'Sign request', 'csr_id', csr_id, 'approve', ctx);
  }

  @Tool({ name: 'deny_sign_request', title: 'Deny sign request', description: 'Denies a CSR; no certificate is issued. Admin or CA owner.', input: DenySignRequestInput, annotations: Effects.destructive, output: actionOutput('csr_id'), searchHint: 'certificate csr signing request deny reject' })
  denySignRequest({ csr_id, ...target }: DenySignRequestInput, ctx: ToolContext) {
    return this.act(target, SIGN_REQUESTS, 'Sign request', 'csr_id', csr_id, 'deny', ctx);
  }

  @Tool({ name: 'retry_sign_request', title: 'Retry sign request', description: 'Sends a CSR that failed or is stuck in signing to the CA again. Admin or CA owner.', input: RetrySignRequestInput, annotations: Effects.update, output: actionOutput('csr_id'), searchHint: 'certificate csr signing request retry failed stuck' })
  retrySignRequest({ csr_id, ...target }: RetrySignRequestInput, ctx: ToolContext) {
    return this.act(target, SIGN_REQUESTS, 'Sign request', 'csr_id', csr_id, 'retry', ctx);
  }

  @Tool({ name: 'delete_sign_request', title: 'Delete sign request', description: 'Deletes (cancels) a CSR that is still requested. Admin, CA owner or the requester.', input: DeleteSignRequestInput, annotations: Effects.destructive, output: deleteOutput('csr_id'), searchHint: 'certificate csr signing request delete cancel' })
  deleteSignRequest({ csr_id, ...target }: DeleteSignRequestInput, ctx: ToolContext) {
    return this.remove(target, SIGN_REQUESTS, 'Sign request', 'csr_id', csr_id, 'deleted', ctx);
  }

  @Tool({ name: 'approve_revoke_request', title: 'Approve revoke request', description: 'Approves a revoke request: the certificate is revoked and listed in the CRL. Admin or CA owner.', input: ApproveRevokeRequestInput, annotations: Effects.destructive, output: actionOutput('revoke_id'), searchHint: 'crl accept ssl tls' })
  approveRevokeRequest({ revoke_id, ...target }: ApproveRevokeRequestInput, ctx: ToolContext) {
    return this.act(target, REVOKE_REQUESTS, 'Revoke request', 'revoke_id', revoke_id, 'approve', ctx);
  }

  @Tool({ name: 'deny_revoke_request', title: 'Deny revoke request', description: 'Denies a revoke request; the certificate stays valid. Admin or CA owner.', input: DenyRevokeRequestInput, annotations: Effects.destructive, output: actionOutput('revoke_id'), searchHint: 'certificate revoke request deny reject' })
  denyRevokeRequest({ revoke_id, ...target }: DenyRevokeRequestInput, ctx: ToolContext) {
    return this.act(target, REVOKE_REQUESTS, 'Revoke request', 'revoke_id', revoke_id, 'deny', ctx);
  }

  @Tool({ name: 'retry_revoke_request', title: 'Retry revoke request', description: 'Sends a revoke request that failed or is stuck in revoking to the CA again. Admin or CA owner.', input: RetryRevokeRequestInput, annotations: Effects.update, output: actionOutput('revoke_id'), searchHint: 'certificate revoke request retry failed stuck' })
  retryRevokeRequest({ revoke_id, ...target }: RetryRevokeRequestInput, ctx: ToolContext) {
    return this.act(target, REVOKE_REQUESTS, 'Revoke request', 'revoke_id', revoke_id, 'retry', ctx);
  }

  @Tool({ name: 'cancel_revoke_request', title: 'Cancel revoke request', description: 'Withdraws a revoke request that is still requested; the certificate stays valid. Admin, CA owner or the requester.', input: CancelRevokeRequestInput, annotations: Effects.destructive, output: deleteOutput('revoke_id'), searchHint: 'certificate revoke request cancel withdraw' })
  cancelRevokeRequest({ revoke_id, ...target }: CancelRevokeRequestInput, ctx: ToolContext) {
    return this.remove(target, REVOKE_REQUESTS, 'Revoke request', 'revoke_id', revoke_id, 'cancelled', ctx);
  }

  /** DELETE `{id}/`; `done` is the word the summary uses (a revoke request is cancelled, the rest deleted). */
  private async remove(target: AlpaconTarget, base: string, what: string, idField: string, id: string, done: string, ctx: ToolContext) {
    await this.alpacon.delete(target, `${base}${id}/`, { resource: { what, id }, signal: ctx.signal });
    return reply({ deleted: true, [idField]: id }, `${what} ${id} ${done}.`);
  }

  /** POST `{id}/{action}/` with `{}` (as the CLI sends it); the answer is passed on as it came. */
  private async act(target: AlpaconTarget, base: string, what: string, idField: string, id: string, action: string, ctx: ToolContext) {
    const answer = await this.alpacon.post<unknown>(target, `${base}${id}/${action}/`, {}, { resource: { what, id }, signal: ctx.signal });
    const status = typeof answer === 'object' && answer !== null && 'status' in answer ? ` Status: ${String(answer.status)}.` : '';
    return reply({ [idField]: id, action, answer: answer ?? null }, `${what} ${id}: ${action} sent.${status}`);
  }
}

function defined(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
}
