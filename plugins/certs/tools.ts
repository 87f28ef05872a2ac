import { ALPACON, AlpaconClient, AlpaconMcpError, Effects, ErrorCode, inject, injectable, InvalidInputError, reply, Tool, type AlpaconTarget, type Query, type ToolContext, summarizeItems, type ItemShape } from '../../core/index.js';
import {
  CreateSignRequestInput, GetCertificateAuthorityInput, GetCertificateInput, GetRevokeRequestInput, GetSignRequestInput,
  ListCertificateAuthoritiesInput, ListCertificatesInput, ListRevokeRequestsInput, ListSignRequestsInput, RevokeCertificateInput, SubmitCsrInput,
} from './dto.js';

interface CertObject {
  id: string;
  status?: string;
  common_name?: string;
  name?: string;
  crt_text?: string;
  [key: string]: unknown;
}

const CERT = '/api/cert';

/** Alpacon's private CA (`/api/cert/...`, paths from alpacon-cli api/cert; tool names from the Python MCP server). */
/** What each list shows of an item by default (the `fields` argument adds the rest; get_* has everything). */
const CA_SUMMARY = ['id', 'name', 'domain', 'status', 'expires_at'];
const CERTIFICATE_SUMMARY = ['id', 'common_name', 'status', 'expires_at', 'authority.name'];
const SIGN_REQUEST_SUMMARY = ['id', 'common_name', 'status', 'authority.name', 'added_at'];
const REVOKE_REQUEST_SUMMARY = ['id', 'common_name', 'status', 'requested_reason', 'added_at'];

@injectable()
export class CertTools {
  constructor(@inject(ALPACON) private readonly alpacon: AlpaconClient) {}

  @Tool({ name: 'list_certificate_authorities', title: 'List certificate authorities', description: 'Private CAs of the workspace (name, root domain, validity limits).', input: ListCertificateAuthoritiesInput, annotations: Effects.read, searchHint: 'certificate authority CA pki' })
  listCertificateAuthorities({ fields, page = 1, page_size = 20, ...target }: ListCertificateAuthoritiesInput, ctx: ToolContext) {
    return this.list(target, 'authorities', 'CA', page, page_size, {}, { summary: CA_SUMMARY, fields }, ctx);
  }

  @Tool({ name: 'get_certificate_authority', aliases: { ca_id: 'authority_id' }, title: 'Get certificate authority', description: 'One CA with its root certificate (crt_text).', input: GetCertificateAuthorityInput, annotations: Effects.read, searchHint: 'ca pem ssl tls' })
  getCertificateAuthority({ authority_id, ...target }: GetCertificateAuthorityInput, ctx: ToolContext) {
    return this.getOne(target, 'authorities', 'Certificate authority', authority_id, ctx);
  }

  @Tool({ name: 'list_sign_requests', title: 'List sign requests', description: 'Certificate signing requests (CSRs), optionally by status.', input: ListSignRequestsInput, annotations: Effects.read, searchHint: 'certificate csr signing request pending' })
  listSignRequests({ status, fields, page = 1, page_size = 20, ...target }: ListSignRequestsInput, ctx: ToolContext) {
    return this.list(target, 'sign-requests', 'sign request', page, page_size, { status }, { summary: SIGN_REQUEST_SUMMARY, fields }, ctx);
  }

  @Tool({ name: 'get_sign_request', aliases: { csr_id: 'sign_request_id' }, title: 'Get sign request', description: 'One CSR: status, names, CA; crt_text once signed.', input: GetSignRequestInput, annotations: Effects.read, searchHint: 'certificate csr status' })
  getSignRequest({ sign_request_id, ...target }: GetSignRequestInput, ctx: ToolContext) {
    return this.getOne(target, 'sign-requests', 'Sign request', sign_request_id, ctx);
  }

  @Tool({ name: 'submit_csr', title: 'Submit a CSR', description: 'Sends the PEM CSR of a sign request that waits for one (create_sign_request without csr_text); Alpacon then processes it. The submit address comes from the request (unconfirmed beyond create answers).', input: SubmitCsrInput, annotations: Effects.create, searchHint: 'certificate csr submit pem' })
  async submitCsr({ sign_request_id, csr_text, ...target }: SubmitCsrInput, ctx: ToolContext) {
    const resource = { what: 'Sign request', id: sign_request_id };
    const request = await this.alpacon.get<CertObject>(target, `${CERT}/sign-requests/${sign_request_id}/`, { signal: ctx.signal, resource });
    if (typeof request.submit_url !== 'string' || request.submit_url === '') {
      throw new AlpaconMcpError(ErrorCode.Conflict, `Sign request ${sign_request_id} offers no submit address (status ${request.status ?? 'unknown'}).`, {
        hint: 'Create a new request with create_sign_request and pass csr_text in the same call, or submit with the Alpacon CLI (alpacon csr create).',
      });
    }
    const submitted = await this.alpacon.patch<CertObject>(target, pathOf(request.submit_url), { csr_text }, { signal: ctx.signal, resource });
    return reply(withoutSubmitUrl({ ...request, ...submitted }), `CSR submitted for sign request ${sign_request_id}: ${submitted.status ?? 'processing'}.`);
  }

  @Tool({ name: 'create_sign_request', title: 'Create sign request', description: 'Requests a certificate for DNS names and/or IPs; the CA is picked by root domain. Give at least one name or IP.', input: CreateSignRequestInput, annotations: Effects.create, searchHint: 'certificate csr request issue tls' })
  async createSignRequest({ domain_list = [], ip_list = [], valid_days, csr_text, ...target }: CreateSignRequestInput, ctx: ToolContext) {
    if (domain_list.length + ip_list.length === 0) {
      throw new InvalidInputError([{ field: 'domain_list', problems: ['give at least one DNS name in domain_list or one IP in ip_list'] }]);
    }
    const body = { domain_list, ip_list, ...(valid_days === undefined ? {} : { valid_days }) };
    const created = await this.alpacon.post<CertObject>(target, `${CERT}/sign-requests/`, body, { signal: ctx.signal });
    const name = created.common_name ?? domain_list[0] ?? ip_list[0];
    const submitUrl = typeof created.submit_url === 'string' ? created.submit_url : undefined;
    // As the CLI: the request is filed first, then the CSR goes to its submit_url (cmd/csr/csr_create.go, api/cert/cert.go SubmitCSR).
    if (csr_text !== undefined && submitUrl !== undefined) {
      const submitted = await this.alpacon.patch<CertObject>(target, pathOf(submitUrl), { csr_text }, { signal: ctx.signal, resource: { what: 'Sign request', id: created.id } });
      return reply(withoutSubmitUrl({ ...created, ...submitted }), `Sign request ${created.id} for ${name}: CSR submitted, ${submitted.status ?? 'processing'}.`);
    }
    const next_step = `Alpacon signs only after a CSR is submitted: generate a private key and a CSR for ${name} locally (e.g. openssl req -new -newkey rsa:2048 -nodes -keyout ${name}.key -out ${name}.csr -subj "/CN=${name}") and submit it with submit_csr (sign_request_id ${created.id}). The private key never leaves your machine.`;
    return reply({ ...withoutSubmitUrl(created), next_step }, `Sign request ${created.id} for ${name} is ${created.status ?? 'filed'}; it waits for a CSR.`);
  }

  @Tool({ name: 'list_certificates', title: 'List certificates', description: 'Issued certificates, optionally of one CA. PEM omitted; get_certificate has it.', input: ListCertificatesInput, annotations: Effects.read, searchHint: 'certificates issued expiry tls' })
  async listCertificates({ authority_id, fields, page = 1, page_size = 20, ...target }: ListCertificatesInput, ctx: ToolContext) {
    const query = { csr__authority__id: authority_id };
    return this.list(target, 'certificates', 'certificate', page, page_size, query, { summary: CERTIFICATE_SUMMARY, fields }, ctx);
  }

  @Tool({ name: 'get_certificate', title: 'Get certificate', description: 'One issued certificate with its PEM (crt_text) and revocation state.', input: GetCertificateInput, annotations: Effects.read, searchHint: 'certificate pem details' })
  getCertificate({ certificate_id, ...target }: GetCertificateInput, ctx: ToolContext) {
    return this.getOne(target, 'certificates', 'Certificate', certificate_id, ctx);
  }

  @Tool({ name: 'revoke_certificate', title: 'Revoke certificate', description: 'Files a revoke request; CA owners and admins are auto-approved and the certificate is revoked at once.', input: RevokeCertificateInput, annotations: Effects.destructive, searchHint: 'certificate revoke crl invalidate' })
  async revokeCertificate({ certificate_id, reason, requested_reason, ...target }: RevokeCertificateInput, ctx: ToolContext) {
    const body = { certificate: certificate_id, ...(reason === undefined ? {} : { reason }), ...(requested_reason === undefined ? {} : { requested_reason }) };
    const request = await this.alpacon.post<CertObject>(target, `${CERT}/revoke-requests/`, body, { signal: ctx.signal });
    const pending = request.status === 'requested' ? ' Waits for approval by the CA owner or an admin.' : '';
    return reply(request, `Revoke request ${request.id} for certificate ${certificate_id}: ${request.status ?? 'filed'}.${pending}`);
  }

  @Tool({ name: 'list_revoke_requests', title: 'List revoke requests', description: 'Certificate revoke requests, by status or certificate.', input: ListRevokeRequestsInput, annotations: Effects.read, searchHint: 'certificate revocation requests' })
  listRevokeRequests({ status, certificate_id, fields, page = 1, page_size = 20, ...target }: ListRevokeRequestsInput, ctx: ToolContext) {
    const query = { status, certificate: certificate_id };
    return this.list(target, 'revoke-requests', 'revoke request', page, page_size, query, { summary: REVOKE_REQUEST_SUMMARY, fields }, ctx);
  }

  @Tool({ name: 'get_revoke_request', aliases: { revoke_id: 'revoke_request_id' }, title: 'Get revoke request', description: 'One revoke request: reason, status, certificate.', input: GetRevokeRequestInput, annotations: Effects.read, searchHint: 'certificate revocation status' })
  getRevokeRequest({ revoke_request_id, ...target }: GetRevokeRequestInput, ctx: ToolContext) {
    return this.getOne(target, 'revoke-requests', 'Revoke request', revoke_request_id, ctx);
  }

  private async list(target: AlpaconTarget, kind: string, noun: string, page: number, pageSize: number, query: Query, shape: ItemShape, ctx: ToolContext) {
    const result = await this.alpacon.page<CertObject>(target, `${CERT}/${kind}/`, page, pageSize, { query, signal: ctx.signal });
    // Lists stay small: PEM blocks are left out (the get_* tools return them).
    const results = result.results.map(({ crt_text: _pem, ...rest }) => rest);
    const more = result.next_page ? ` More on page ${result.next_page}.` : '';
    return reply({ ...result, ...summarizeItems(results, shape.summary, shape.fields) }, `${results.length} of ${result.count} ${noun}(s).${more}`);
  }

  private async getOne(target: AlpaconTarget, kind: string, what: string, id: string, ctx: ToolContext) {
    const item = await this.alpacon.get<CertObject>(target, `${CERT}/${kind}/${id}/`, { resource: { what, id }, signal: ctx.signal });
    return reply(item, `${what} ${item.common_name ?? item.name ?? item.id}${item.status ? ` (${item.status})` : ''}.`);
  }
}

/** submit_url may be a path or an absolute URL of the same workspace; the client always calls the path. */
function pathOf(url: string): string {
  return /^https?:\/\//i.test(url) ? new URL(url).pathname : url;
}

/** The submit URL is how the CSR reaches the request; the model gets the id and status, not a URL to call. */
function withoutSubmitUrl(request: CertObject): CertObject {
  const { submit_url: _url, ...rest } = request;
  return rest as CertObject;
}
