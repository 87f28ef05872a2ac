import { principalOf, type SandboxContext } from '../context.js';
import { badRequest, permissionDenied } from '../http/errors.js';
import type { Router, SandboxRequest } from '../http/types.js';
import { fakePem, type CertAuthority, type Certificate, type RevokeRequest, type SignRequest } from '../world/ext-certs.js';
import { BodyReader } from './body-reader.js';
import type { ExtStore } from './ext-common.js';

export interface CertStores {
  authorities: ExtStore<CertAuthority>;
  signRequests: ExtStore<SignRequest>;
  certificates: ExtStore<Certificate>;
  revokeRequests: ExtStore<RevokeRequest>;
}

type Json<T> = (item: T) => Record<string, unknown>;

const DOMAIN = /^([a-z0-9-]+\.)+[a-z]{2,}$/i;
const KEY_SIZES: Record<string, number[]> = { rsa: [2048, 4096], ecdsa: [256, 384] };

/**
 * Writing side of the private CA. Paths: alpacon-cli api/cert/cert.go (CreateAuthority, UpdateAuthority, DeleteCA, ApproveCSR,
 * DenyCSR, RetryCSR, DeleteCSR) and api/cert/revoke.go (Approve/Deny/Retry/CancelRevokeRequest); actions POST `{}`.
 * Create body: api/cert/types.go AuthorityRequest (`agent`, `owner`, ...); `key_algorithm`/`key_size` only from the Python
 * server's tools/cert_tools.py. Which states allow which action follows the Python server's descriptions: approve and
 * delete/cancel need `requested`; retry needs `signing`/`revoking` (Python) or `failed` (the CLI's "retry a failed CSR").
 * CA owners and staff decide; the sandbox CA signs and revokes at once.
 */
export function registerCertManagement(router: Router, ctx: SandboxContext, stores: CertStores, json: { authority: Json<CertAuthority>; csr: Json<SignRequest>; revoke: Json<RevokeRequest> }): void {
  const { world } = ctx;
  const { authorities, signRequests, certificates, revokeRequests } = stores;

  const mayDecide = (req: SandboxRequest, caId: string) => {
    const principal = principalOf(req);
    const ca = authorities.all().find((a) => a.id === caId);
    if (!(principal.isStaff || principal.isSuperuser || ca?.owner === principal.userId)) throw permissionDenied();
  };
  const needStatus = (current: string, allowed: string[], what: string) => {
    if (!allowed.includes(current)) throw badRequest(`${what} is ${current}; this action needs ${allowed.join(' or ')}.`, 'invalid_status');
  };
  const issue = (csr: SignRequest) => {
    const serial = world.newId().replace(/-/g, '').slice(0, 16);
    csr.status = 'signed';
    csr.crt_text = fakePem(csr.common_name, serial);
    const now = Date.now();
    certificates.add({
      id: world.newId(), authority: csr.authority, csr: csr.id, crt_text: csr.crt_text, common_name: csr.common_name, serial_number: serial,
      valid_days: csr.valid_days, is_revoked: false, revoked_at: null, signed_at: new Date(now).toISOString(),
      expires_at: new Date(now + csr.valid_days * 86_400_000).toISOString(), signed_by: authorities.find(csr.authority).name,
    });
  };
  const revoke = (request: RevokeRequest, userId: string) => {
    const now = new Date().toISOString();
    Object.assign(certificates.find(request.certificate), { is_revoked: true, revoked_at: now });
    Object.assign(request, { status: 'revoked', approved_by: userId, handled_at: now });
  };
  const certAuthority = (r: RevokeRequest) => certificates.find(r.certificate).authority;

  router.add('POST', '/api/cert/authorities/', (req) => {
    const reader = new BodyReader(req.body);
    const name = reader.string('name', { required: true, max: 128 });
    const organization = reader.string('organization', { required: true, max: 128 });
    const domain = reader.string('domain', { required: true, pattern: DOMAIN, patternMessage: 'Enter a valid domain name.' });
    if (domain !== undefined && authorities.all().some((a) => a.domain === domain)) reader.error('domain', 'certificate authority with this domain already exists.');
    const agent = reader.reference('agent', (id) => world.servers.get(id) !== undefined, true);
    const owner = reader.reference('owner', (id) => world.users.get(id) !== undefined, true);
    const days = (key: string, fallback: number) => {
      const value = reader.number(key);
      if (value !== undefined && (!Number.isInteger(value) || value < 1)) reader.error(key, 'Ensure this value is greater than or equal to 1.');
      return value ?? fallback;
    };
    const rootDays = days('root_valid_days', 3650);
    const defaultDays = days('default_valid_days', 365);
    const maxDays = days('max_valid_days', 730);
    if (defaultDays > maxDays) reader.error('default_valid_days', 'Must not be greater than max_valid_days.');
    const algorithm = reader.string('key_algorithm', { pattern: /^(rsa|ecdsa)$/, patternMessage: '"rsa" or "ecdsa".' }) ?? 'rsa';
    const keySize = reader.number('key_size');
    if (keySize !== undefined && !(KEY_SIZES[algorithm] ?? []).includes(keySize)) reader.error('key_size', `Not a valid size for ${algorithm}.`);
    reader.boolean('install');
    reader.done();
    const now = new Date().toISOString();
    const ca = authorities.add({
      id: world.newId(), name: name ?? '', organization: organization ?? '', domain: domain ?? '', root_valid_days: rootDays,
      default_valid_days: defaultDays, max_valid_days: maxDays, agent: agent ?? '', owner: owner ?? '', status: 'active',
      crt_text: fakePem(name ?? '', domain ?? ''), updated_at: now, signed_at: now, expires_at: new Date(Date.now() + rootDays * 86_400_000).toISOString(),
    });
    const instruction = `Run on the agent server: sudo alpamon ca install --id ${ca.id}`;
    const { crt_text: _pem, status: _status, signed_at: _signed, expires_at: _expires, ...created } = json.authority(ca);
    return { status: 201, body: { ...created, instruction } };
  });

  router.add('PATCH', '/api/cert/authorities/:id/', (req) => {
    const ca = authorities.find(req.params.id);
    mayDecide(req, ca.id);
    const reader = new BodyReader(req.body, true);
    const defaultDays = reader.number('default_valid_days');
    const maxDays = reader.number('max_valid_days');
    const owner = reader.reference('owner', (id) => world.users.get(id) !== undefined);
    for (const key of ['name', 'domain', 'organization', 'agent', 'key_algorithm', 'key_size']) {
      if (reader.has(key)) reader.error(key, 'This field cannot be changed.');
    }
    if ((defaultDays ?? ca.default_valid_days) > (maxDays ?? ca.max_valid_days)) reader.error('default_valid_days', 'Must not be greater than max_valid_days.');
    reader.done();
    Object.assign(ca, {
      ...(defaultDays === undefined ? {} : { default_valid_days: defaultDays }), ...(maxDays === undefined ? {} : { max_valid_days: maxDays }),
      ...(owner === undefined ? {} : { owner }), updated_at: new Date().toISOString(),
    });
    return { status: 200, body: json.authority(ca) };
  });

  router.add('DELETE', '/api/cert/authorities/:id/', (req) => {
    const ca = authorities.find(req.params.id);
    mayDecide(req, ca.id);
    // "Delete a CA along with its certificate and CSR" (alpacon-cli cmd/authority/authority_delete.go).
    const certIds = new Set(certificates.all().filter((c) => c.authority === ca.id).map((c) => c.id));
    for (const r of revokeRequests.all()) if (certIds.has(r.certificate)) revokeRequests.delete(r.id);
    for (const id of certIds) certificates.delete(id);
    for (const r of signRequests.all()) if (r.authority === ca.id) signRequests.delete(r.id);
    authorities.delete(ca.id);
    return { status: 204 };
  });

  router.add('POST', '/api/cert/sign-requests/:id/approve/', (req) => {
    const csr = signRequests.find(req.params.id);
    mayDecide(req, csr.authority);
    needStatus(csr.status, ['requested'], 'The sign request');
    issue(csr);
    return { status: 200, body: json.csr(csr) };
  });
  router.add('POST', '/api/cert/sign-requests/:id/deny/', (req) => {
    const csr = signRequests.find(req.params.id);
    mayDecide(req, csr.authority);
    csr.status = 'denied';
    return { status: 200, body: json.csr(csr) };
  });
  router.add('POST', '/api/cert/sign-requests/:id/retry/', (req) => {
    const csr = signRequests.find(req.params.id);
    mayDecide(req, csr.authority);
    needStatus(csr.status, ['signing', 'failed'], 'The sign request');
    issue(csr);
    return { status: 200, body: json.csr(csr) };
  });
  router.add('DELETE', '/api/cert/sign-requests/:id/', (req) => {
    const csr = signRequests.find(req.params.id);
    if (csr.requested_by !== principalOf(req).userId) mayDecide(req, csr.authority);
    needStatus(csr.status, ['requested'], 'The sign request');
    csr.status = 'canceled';
    return { status: 204 };
  });

  router.add('POST', '/api/cert/revoke-requests/:id/approve/', (req) => {
    const request = revokeRequests.find(req.params.id);
    mayDecide(req, certAuthority(request));
    needStatus(request.status, ['requested'], 'The revoke request');
    revoke(request, principalOf(req).userId);
    return { status: 200, body: json.revoke(request) };
  });
  router.add('POST', '/api/cert/revoke-requests/:id/deny/', (req) => {
    const request = revokeRequests.find(req.params.id);
    mayDecide(req, certAuthority(request));
    needStatus(request.status, ['requested'], 'The revoke request');
    Object.assign(request, { status: 'denied', handled_at: new Date().toISOString() });
    return { status: 200, body: json.revoke(request) };
  });
  router.add('POST', '/api/cert/revoke-requests/:id/retry/', (req) => {
    const request = revokeRequests.find(req.params.id);
    mayDecide(req, certAuthority(request));
    needStatus(request.status, ['revoking', 'failed'], 'The revoke request');
    revoke(request, principalOf(req).userId);
    return { status: 200, body: json.revoke(request) };
  });
  router.add('DELETE', '/api/cert/revoke-requests/:id/', (req) => {
    const request = revokeRequests.find(req.params.id);
    if (request.requested_by !== principalOf(req).userId) mayDecide(req, certAuthority(request));
    needStatus(request.status, ['requested'], 'The revoke request');
    request.status = 'canceled';
    return { status: 204 };
  });
}
