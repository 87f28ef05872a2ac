import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { connectToSandbox, type SandboxedConnection } from '../helpers/in-process.js';
import { expectRefusedWithoutRequest } from '../helpers/expect-refused.js';
import { UNKNOWN_ID } from '../helpers/ids.js';

interface Item {
  id: string;
  status?: string;
  name?: string;
  crt_text?: string;
  authority: { id: string; name: string };
}
interface PageOf<T> {
  count: number;
  results: T[];
}

describe('certs plugin against the sandbox', () => {
  let t: SandboxedConnection;
  let ws: { workspace: string };
  beforeAll(async () => {
    t = await connectToSandbox({ rc: { plugins: ['certs'] } });
    ws = { workspace: t.sandbox.workspace };
  });
  afterAll(async () => t.close());

  const noRequestFor = (tool: string, args: Record<string, unknown>) => expectRefusedWithoutRequest(t, tool, { ...ws, ...args });
  const list = async <T = Item>(tool: string, args: Record<string, unknown> = {}) => (await t.call(tool, { ...ws, ...args })).data as PageOf<T>;

  it('list and get certificate authorities', async () => {
    t.sandbox.requests.clear();
    const page = await list<{ id: string; name: string; crt_text?: string }>('list_certificate_authorities', { page_size: 5 });
    expect(page.results.map((a) => a.name)).toEqual(['internal-ca', 'lab-ca']);
    expect(page.results[0].crt_text).toBeUndefined();
    expect(t.sandbox.requests.all()).toEqual([expect.objectContaining({ method: 'GET', path: '/api/cert/authorities/', query: { page: '1', page_size: '5' } })]);
    t.sandbox.requests.clear();
    const one = await t.call('get_certificate_authority', { ...ws, authority_id: page.results[0].id });
    expect((one.data as { crt_text: string }).crt_text).toContain('BEGIN CERTIFICATE');
    expect(t.sandbox.requests.all()).toEqual([expect.objectContaining({ method: 'GET', path: `/api/cert/authorities/${page.results[0].id}/` })]);
    const missing = await t.call('get_certificate_authority', { ...ws, authority_id: UNKNOWN_ID });
    expect(missing.error?.code).toBe('not_found');
    expect(missing.error?.message).toContain(UNKNOWN_ID);
    await noRequestFor('get_certificate_authority', { authority_id: 'internal-ca' });
    await noRequestFor('list_certificate_authorities', { page_size: 101 });
  });

  it('list, get and create sign requests', async () => {
    t.sandbox.requests.clear();
    const pending = await list('list_sign_requests', { status: 'requested' });
    expect(pending.results.map((r) => r.status)).toEqual(['requested']);
    expect(t.sandbox.requests.all()).toEqual([expect.objectContaining({
      method: 'GET', path: '/api/cert/sign-requests/', query: { status: 'requested', page: '1', page_size: '20' },
    })]);
    const signed = (await list('list_sign_requests', { status: 'signed' })).results[0];
    const detail = await t.call('get_sign_request', { ...ws, sign_request_id: signed.id });
    expect((detail.data as Item).crt_text).toContain('BEGIN CERTIFICATE');
    expect((await t.call('get_sign_request', { ...ws, sign_request_id: UNKNOWN_ID })).error?.code).toBe('not_found');

    t.sandbox.requests.clear();
    const created = await t.call('create_sign_request', { ...ws, domain_list: ['api.internal.example'], ip_list: ['10.0.0.9'], valid_days: 30 });
    expect(created.error).toBeUndefined();
    expect(created.data).toMatchObject({ status: 'requested', common_name: 'api.internal.example', valid_days: 30, authority: { name: 'internal-ca' } });
    expect(t.sandbox.requests.all()).toEqual([expect.objectContaining({
      method: 'POST', path: '/api/cert/sign-requests/', body: { domain_list: ['api.internal.example'], ip_list: ['10.0.0.9'], valid_days: 30 },
    })]);

    await noRequestFor('create_sign_request', {});
    await noRequestFor('create_sign_request', { domain_list: ['not a host'] });
    await noRequestFor('create_sign_request', { ip_list: ['10.0.0.999'] });
    await noRequestFor('create_sign_request', { domain_list: ['a.internal.example'], valid_days: 0 });
    await noRequestFor('list_sign_requests', { status: 'approved' });
    await noRequestFor('get_sign_request', { sign_request_id: 'x' });
    const noCa = await t.call('create_sign_request', { ...ws, domain_list: ['www.elsewhere.org'] });
    expect(noCa.error?.code).toBe('invalid_input');
    const tooLong = await t.call('create_sign_request', { ...ws, domain_list: ['b.internal.example'], valid_days: 3000 });
    expect(tooLong.error?.code).toBe('invalid_input');
  });

  it('list and get certificates; the CA filter is csr__authority__id', async () => {
    const [internal, lab] = (await list<{ id: string }>('list_certificate_authorities')).results;
    t.sandbox.requests.clear();
    const certs = await list('list_certificates', { authority_id: internal.id });
    expect(certs.count).toBe(1);
    expect(certs.results[0].crt_text).toBeUndefined();
    expect(t.sandbox.requests.all()).toEqual([expect.objectContaining({
      method: 'GET', path: '/api/cert/certificates/', query: { csr__authority__id: internal.id, page: '1', page_size: '20' },
    })]);
    expect((await list('list_certificates', { authority_id: lab.id })).count).toBe(0);
    const one = await t.call('get_certificate', { ...ws, certificate_id: certs.results[0].id });
    expect(one.data).toMatchObject({ id: certs.results[0].id, is_revoked: false, crt_text: expect.stringContaining('BEGIN CERTIFICATE') });
    expect((await t.call('get_certificate', { ...ws, certificate_id: UNKNOWN_ID })).error?.code).toBe('not_found');
    await noRequestFor('list_certificates', { authority_id: 'lab' });
    await noRequestFor('get_certificate', { certificate_id: '' });
  });

  it('revoke_certificate files a revoke request, auto-approved for an admin; list and get revoke requests', async () => {
    const cert = (await list('list_certificates')).results[0];
    t.sandbox.requests.clear();
    const revoked = await t.call('revoke_certificate', { ...ws, certificate_id: cert.id, reason: 1, requested_reason: 'key leaked' });
    expect(revoked.error).toBeUndefined();
    const request = revoked.data as { id: string; status: string; reason: number };
    expect(request).toMatchObject({ status: 'revoked', reason: 1, requested_reason: 'key leaked' });
    expect(t.sandbox.requests.all()).toEqual([expect.objectContaining({
      method: 'POST', path: '/api/cert/revoke-requests/', body: { certificate: cert.id, reason: 1, requested_reason: 'key leaked' },
    })]);
    expect(((await t.call('get_certificate', { ...ws, certificate_id: cert.id })).data as { is_revoked: boolean }).is_revoked).toBe(true);

    const again = await t.call('revoke_certificate', { ...ws, certificate_id: cert.id });
    expect(again.error?.code).toBe('invalid_input');
    expect((await t.call('revoke_certificate', { ...ws, certificate_id: UNKNOWN_ID })).error?.code).toBe('invalid_input');
    await noRequestFor('revoke_certificate', { certificate_id: cert.id, reason: 7 });
    await noRequestFor('revoke_certificate', { certificate_id: 'web' });

    t.sandbox.requests.clear();
    const forCert = await list('list_revoke_requests', { certificate_id: cert.id, status: 'revoked' });
    expect(forCert.results.map((r) => r.id)).toEqual([request.id]);
    expect(t.sandbox.requests.all()).toEqual([expect.objectContaining({
      method: 'GET', path: '/api/cert/revoke-requests/', query: { status: 'revoked', certificate: cert.id, page: '1', page_size: '20' },
    })]);
    expect((await list('list_revoke_requests', { status: 'requested' })).count).toBe(1);
    const one = await t.call('get_revoke_request', { ...ws, revoke_request_id: request.id });
    expect(one.data).toMatchObject({ id: request.id, certificate: cert.id, serial_number: expect.any(String) });
    expect((await t.call('get_revoke_request', { ...ws, revoke_request_id: UNKNOWN_ID })).error?.code).toBe('not_found');
    await noRequestFor('list_revoke_requests', { status: 'approved' });
    await noRequestFor('get_revoke_request', { revoke_request_id: 'x' });
  });

  it('annotations', async () => {
    const tools = (await t.client.listTools()).tools;
    const hints = Object.fromEntries(tools.map((tool) => [tool.name, [tool.annotations?.readOnlyHint, tool.annotations?.destructiveHint, tool.annotations?.idempotentHint]]));
    const read = [true, false, true];
    // The managing tools (CA writes, request decisions) are checked in ext-certs-manage.test.ts.
    expect(hints).toMatchObject({
      list_certificate_authorities: read, get_certificate_authority: read, list_sign_requests: read, get_sign_request: read,
      create_sign_request: [false, false, false], list_certificates: read, get_certificate: read,
      revoke_certificate: [false, true, false], list_revoke_requests: read, get_revoke_request: read, submit_csr: [false, false, false],
    });
  });

  // alpacon-cli cmd/csr/csr_create.go + api/cert/cert.go SubmitCSR: create, then PATCH submit_url {csr_text};
  // cmd/csr/csr_list.go lists processing and issued among the statuses.
  const CSR = '-----BEGIN CERTIFICATE REQUEST-----\nMIIBfake\n-----END CERTIFICATE REQUEST-----\n';
  it('create_sign_request with csr_text submits it to submit_url; without, it says a CSR is still needed', async () => {
    const cas = (await t.call('list_certificate_authorities', { ...ws })).data as { results: { domain: string }[] };
    const name = `csr.${cas.results[0].domain}`;
    t.sandbox.requests.clear();
    const submitted = await t.call('create_sign_request', { ...ws, domain_list: [name], csr_text: CSR });
    expect(submitted.error).toBeUndefined();
    const id = (submitted.data as { id: string; status: string }).id;
    expect(submitted.data).toMatchObject({ status: 'processing' });
    expect(JSON.stringify(submitted.data)).not.toContain('submit_url');
    const sent = t.sandbox.requests.all().map((r) => [r.method, r.path]);
    expect(sent).toEqual([['POST', '/api/cert/sign-requests/'], ['PATCH', `/api/cert/sign-requests/${id}/submit/`]]);
    expect(t.sandbox.requests.all()[1].body).toEqual({ csr_text: CSR });
    expect(((await t.call('list_sign_requests', { ...ws, status: 'processing' })).data as { results: { id: string }[] }).results.map((r) => r.id)).toContain(id);
    expect((await t.call('list_sign_requests', { ...ws, status: 'issued' })).error).toBeUndefined();

    const waiting = await t.call('create_sign_request', { ...ws, domain_list: [`later.${cas.results[0].domain}`] });
    const later = waiting.data as { id: string; status: string; next_step: string };
    expect(later).toMatchObject({ status: 'requested' });
    expect(later.next_step).toContain('submit_csr');
    const done = await t.call('submit_csr', { ...ws, sign_request_id: later.id, csr_text: CSR });
    expect(done.data).toMatchObject({ id: later.id, status: 'processing' });
    expect((await t.call('submit_csr', { ...ws, sign_request_id: later.id, csr_text: 'not a csr' })).error?.code).toBe('invalid_input');
  });
});
