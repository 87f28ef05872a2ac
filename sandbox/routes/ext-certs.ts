import { principalOf, type SandboxContext } from '../context.js';
import { fieldErrors } from '../http/errors.js';
import { paginate } from '../http/pagination.js';
import type { Router, SandboxRequest } from '../http/types.js';
import { seedCerts, type CertAuthority, type Certificate, type RevokeRequest, type SignRequest } from '../world/ext-certs.js';
import { BodyReader } from './body-reader.js';
import { registerCertManagement } from './ext-certs-manage.js';
import { ExtStore, serverSummary, userSummary } from './ext-common.js';

const REVOKE_REASONS = [0, 1, 2, 3, 4, 5, 6, 9, 10];
const HOST_NAME = /^(\*\.)?([a-z0-9-]+\.)*[a-z0-9-]+$/i;
const IPV4 = /^(\d{1,3})(\.\d{1,3}){3}$/;

/** Private CA (`/api/cert/...`, paths from alpacon-cli api/cert): authorities, sign requests, certificates, revoke requests. */
export function registerExtCerts(router: Router, ctx: SandboxContext): void {
  const { world } = ctx;
  const seed = seedCerts(world);
  const authorities = new ExtStore<CertAuthority>(seed.authorities);
  const signRequests = new ExtStore<SignRequest>(seed.signRequests);
  const certificates = new ExtStore<Certificate>(seed.certificates);
  const revokeRequests = new ExtStore<RevokeRequest>(seed.revokeRequests);

  const authoritySummary = (id: string) => {
    const ca = authorities.all().find((a) => a.id === id);
    return { id, name: ca?.name ?? null, owner: ca === undefined ? null : userSummary(world, ca.owner) };
  };
  const authorityJson = (a: CertAuthority) => ({ ...a, agent: serverSummary(world, a.agent), owner: userSummary(world, a.owner) });
  // submit_url: where the client PATCHes its locally generated CSR (alpacon-cli api/cert/cert.go SubmitCSR). Its path is a guess.
  const csrJson = (r: SignRequest) => ({
    ...r, authority: authoritySummary(r.authority), requested_by: userSummary(world, r.requested_by),
    submit_url: `/api/cert/sign-requests/${r.id}/submit/`,
  });
  const certJson = (c: Certificate) => ({ ...c, authority: authoritySummary(c.authority), status: c.is_revoked ? 'revoked' : 'valid', can_revoke: !c.is_revoked });
  const revokeJson = (r: RevokeRequest) => {
    const cert = certificates.all().find((c) => c.id === r.certificate);
    return {
      ...r, authority: authoritySummary(cert?.authority ?? ''), common_name: cert?.common_name ?? '', serial_number: cert?.serial_number ?? '',
      requested_by: userSummary(world, r.requested_by), approved_by: r.approved_by === null ? null : userSummary(world, r.approved_by),
      denied_by: null, error_message: '',
    };
  };
  const filtered = <T>(req: SandboxRequest, items: T[], filters: Record<string, (item: T, value: string) => boolean>) => {
    for (const [key, match] of Object.entries(filters)) {
      const value = req.query.get(key);
      if (value !== null && value !== '') items = items.filter((item) => match(item, value));
    }
    return items;
  };
  const list = <T extends { id: string }, J>(path: string, store: ExtStore<T>, json: (item: T) => J, filters: Record<string, (item: T, value: string) => boolean> = {}) => {
    router.add('GET', path, (req) => {
      const page = paginate(req, filtered(req, store.all(), filters));
      return { status: 200, body: { ...page, results: page.results.map(json) } };
    });
    router.add('GET', `${path}:id/`, (req) => ({ status: 200, body: json(store.find(req.params.id)) }));
  };

  list('/api/cert/authorities/', authorities, authorityJson);
  list('/api/cert/sign-requests/', signRequests, csrJson, { status: (r, v) => r.status === v, authority: (r, v) => r.authority === v });
  list('/api/cert/certificates/', certificates, certJson, { csr__authority__id: (c, v) => c.authority === v });
  list('/api/cert/revoke-requests/', revokeRequests, revokeJson, { status: (r, v) => r.status === v, certificate: (r, v) => r.certificate === v });

  router.add('POST', '/api/cert/sign-requests/', (req) => {
    const reader = new BodyReader(req.body);
    const domains = reader.stringList('domain_list') ?? [];
    const ips = reader.stringList('ip_list') ?? [];
    const validDays = reader.number('valid_days');
    reader.done();
    if (domains.some((d) => !HOST_NAME.test(d))) throw fieldErrors({ domain_list: ['Enter a valid domain name.'] });
    if (ips.some((ip) => !IPV4.test(ip))) throw fieldErrors({ ip_list: ['Enter a valid IPv4 or IPv6 address.'] });
    if (domains.length + ips.length === 0) throw fieldErrors({ non_field_errors: ['At least one domain or IP address is required.'] });
    // The CA is chosen by the first DNS name that falls under a CA's root domain.
    const ca = authorities.all().find((a) => domains.some((d) => d === a.domain || d.endsWith(`.${a.domain}`)));
    if (ca === undefined) throw fieldErrors({ domain_list: ['No certificate authority matches these names.'] });
    if (validDays !== undefined && (validDays < 1 || validDays > ca.max_valid_days)) {
      throw fieldErrors({ valid_days: [`Ensure this value is between 1 and ${ca.max_valid_days}.`] });
    }
    const request = signRequests.add({
      id: world.newId(), authority: ca.id, organization: ca.organization, common_name: domains[0] ?? ips[0], domain_list: domains, ip_list: ips,
      valid_days: validDays ?? ca.default_valid_days, status: 'requested', requested_ip: '127.0.0.1', requested_by: principalOf(req).userId,
      crt_text: '', added_at: new Date().toISOString(),
    });
    return { status: 201, body: csrJson(request) };
  });

  // The CLI creates the request, generates key + CSR locally, then PATCHes submit_url {csr_text} (cmd/csr/csr_create.go).
  router.add('PATCH', '/api/cert/sign-requests/:id/submit/', (req) => {
    const request = signRequests.find(req.params.id);
    const reader = new BodyReader(req.body);
    const csr = reader.string('csr_text', { required: true, max: 65_536 });
    reader.done();
    if (!/-----BEGIN (NEW )?CERTIFICATE REQUEST-----/.test(csr ?? '')) throw fieldErrors({ csr_text: ['Not a PEM certificate signing request.'] });
    if (request.status !== 'requested') throw fieldErrors({ non_field_errors: [`The sign request is ${request.status}; a CSR can be submitted only once.`] });
    Object.assign(request, { csr_text: csr, status: 'processing' });
    return { status: 200, body: csrJson(request) };
  });

  router.add('POST', '/api/cert/revoke-requests/', (req) => {
    const reader = new BodyReader(req.body);
    const certId = reader.reference('certificate', (id) => certificates.all().some((c) => c.id === id), true);
    const reason = reader.number('reason');
    if (reason !== undefined && !REVOKE_REASONS.includes(reason)) reader.error('reason', `"${reason}" is not a valid choice.`);
    const requestedReason = reader.string('requested_reason', { allowBlank: true, max: 512 });
    reader.done();
    const cert = certificates.find(certId ?? '');
    if (cert.is_revoked) throw fieldErrors({ certificate: ['This certificate is already revoked.'] });
    const principal = principalOf(req);
    const ca = authorities.find(cert.authority);
    // CA owners and admins are auto-approved (as the Python MCP server documents); others wait for approval.
    const approved = principal.isStaff || principal.isSuperuser || ca.owner === principal.userId;
    const now = new Date().toISOString();
    if (approved) Object.assign(cert, { is_revoked: true, revoked_at: now });
    const request = revokeRequests.add({
      id: world.newId(), certificate: cert.id, reason: reason ?? 0, status: approved ? 'revoked' : 'requested', requested_reason: requestedReason ?? '',
      requested_by: principal.userId, approved_by: approved ? principal.userId : null, added_at: now, handled_at: approved ? now : null,
    });
    return { status: 201, body: revokeJson(request) };
  });

  registerCertManagement(router, ctx, { authorities, signRequests, certificates, revokeRequests }, { authority: authorityJson, csr: csrJson, revoke: revokeJson });
}
