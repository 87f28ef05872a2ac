import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { tokenEnvName } from '../../core/auth/token-env.js';
import { connect, connectToSandbox, type SandboxedConnection } from '../helpers/in-process.js';
import { expectRefusedWithoutRequest } from '../helpers/expect-refused.js';
import { UNKNOWN_ID } from '../helpers/ids.js';

// Routes under test: sandbox/routes/ext-certs-manage.ts, written to alpacon-cli api/cert/cert.go + revoke.go and the Python
// server's tools/cert_tools.py (argument names ca_id, csr_id, revoke_id, server_id, owner).

interface Item {
  id: string;
  name?: string;
  status: string;
  is_revoked?: boolean;
  authority: { id: string; name: string };
}
interface PageOf<T> {
  count: number;
  results: T[];
}

describe('certs plugin: managing CAs and deciding requests', () => {
  let t: SandboxedConnection;
  let ws: { workspace: string };
  beforeAll(async () => {
    t = await connectToSandbox({ rc: { plugins: ['certs'] } });
    ws = { workspace: t.sandbox.workspace };
  });
  afterAll(async () => t.close());

  const noRequestFor = (tool: string, args: Record<string, unknown>) => expectRefusedWithoutRequest(t, tool, { ...ws, ...args });
  /** A request in the wrong state: Alpacon answers 400 (the body of that answer is not documented). */
  const refusedByState = async (tool: string, args: Record<string, unknown>) => {
    const result = await t.call(tool, { ...ws, ...args });
    expect(result.ok).toBe(false);
    expect(result.error?.status).toBe(400);
  };
  const list = async (tool: string, args: Record<string, unknown> = {}) => (await t.call(tool, { ...ws, ...args })).data as PageOf<Item>;

  it('create, update and delete a certificate authority', async () => {
    const server = t.sandbox.world.servers.all()[1];
    const owner = t.sandbox.world.users.all()[0];
    t.sandbox.requests.clear();
    const created = await t.call('create_certificate_authority', {
      ...ws, name: 'Edge CA', domain: 'edge.example', organization: 'Sandbox Inc.', server_id: server.id, owner: owner.id,
      default_valid_days: 30, max_valid_days: 90, key_algorithm: 'ecdsa', key_size: 384, install: true,
    });
    expect(created.error).toBeUndefined();
    const ca = created.data as { id: string; instruction: string; agent: { id: string } };
    expect(ca).toMatchObject({ name: 'Edge CA', domain: 'edge.example', default_valid_days: 30, max_valid_days: 90, agent: { id: server.id } });
    expect(ca.instruction).toContain(ca.id);
    expect(t.sandbox.requests.all()).toEqual([expect.objectContaining({
      method: 'POST', path: '/api/cert/authorities/',
      body: { name: 'Edge CA', domain: 'edge.example', organization: 'Sandbox Inc.', agent: server.id, owner: owner.id, default_valid_days: 30, max_valid_days: 90, key_algorithm: 'ecdsa', key_size: 384, install: true },
    })]);
    const duplicate = await t.call('create_certificate_authority', { ...ws, name: 'Again', domain: 'edge.example', organization: 'X', server_id: server.id, owner: owner.id });
    expect(duplicate.error?.code).toBe('invalid_input');

    t.sandbox.requests.clear();
    const updated = await t.call('update_certificate_authority', { ...ws, ca_id: ca.id, max_valid_days: 120 });
    expect(updated.data).toMatchObject({ id: ca.id, max_valid_days: 120, default_valid_days: 30 });
    expect(t.sandbox.requests.all()).toEqual([expect.objectContaining({ method: 'PATCH', path: `/api/cert/authorities/${ca.id}/`, body: { max_valid_days: 120 } })]);
    const inverted = await t.call('update_certificate_authority', { ...ws, ca_id: ca.id, default_valid_days: 500 });
    expect(inverted.error?.code).toBe('invalid_input');
    expect((await t.call('update_certificate_authority', { ...ws, ca_id: UNKNOWN_ID, max_valid_days: 10 })).error?.code).toBe('not_found');

    t.sandbox.requests.clear();
    const deleted = await t.call('delete_certificate_authority', { ...ws, ca_id: ca.id });
    expect(deleted.data).toEqual({ deleted: true, ca_id: ca.id });
    expect(t.sandbox.requests.all()).toEqual([expect.objectContaining({ method: 'DELETE', path: `/api/cert/authorities/${ca.id}/` })]);
    expect((await t.call('get_certificate_authority', { ...ws, authority_id: ca.id })).error?.code).toBe('not_found');

    await noRequestFor('create_certificate_authority', { name: 'X', domain: 'not a domain', organization: 'X', server_id: server.id, owner: owner.id });
    await noRequestFor('create_certificate_authority', { name: 'X', domain: 'x.example', organization: 'X', server_id: 'web-1', owner: owner.id });
    await noRequestFor('create_certificate_authority', { name: 'X', domain: 'x.example', organization: 'X', server_id: server.id, owner: owner.id, key_size: 1024 });
    await noRequestFor('update_certificate_authority', { ca_id: ca.id });
    await noRequestFor('delete_certificate_authority', { ca_id: 'edge' });
  });

  it('approve, deny, retry and delete sign requests, each only in the state that allows it', async () => {
    const requested = (await list('list_sign_requests', { status: 'requested' })).results[0];
    t.sandbox.requests.clear();
    const approved = await t.call('approve_sign_request', { ...ws, csr_id: requested.id });
    expect(approved.data).toMatchObject({ csr_id: requested.id, action: 'approve', answer: { status: 'signed' } });
    expect(t.sandbox.requests.all()).toEqual([expect.objectContaining({ method: 'POST', path: `/api/cert/sign-requests/${requested.id}/approve/`, body: {} })]);
    await refusedByState('approve_sign_request', { csr_id: requested.id });

    const failed = (await list('list_sign_requests', { status: 'failed' })).results[0];
    expect((await t.call('retry_sign_request', { ...ws, csr_id: failed.id })).data).toMatchObject({ action: 'retry', answer: { status: 'signed' } });
    await refusedByState('retry_sign_request', { csr_id: requested.id });

    const fresh = (await t.call('create_sign_request', { ...ws, domain_list: ['tmp.internal.example'] })).data as Item;
    expect((await t.call('deny_sign_request', { ...ws, csr_id: fresh.id })).data).toMatchObject({ action: 'deny', answer: { status: 'denied' } });
    const another = (await t.call('create_sign_request', { ...ws, domain_list: ['tmp2.internal.example'] })).data as Item;
    t.sandbox.requests.clear();
    expect((await t.call('delete_sign_request', { ...ws, csr_id: another.id })).data).toEqual({ deleted: true, csr_id: another.id });
    expect(t.sandbox.requests.all()).toEqual([expect.objectContaining({ method: 'DELETE', path: `/api/cert/sign-requests/${another.id}/` })]);
    expect(((await t.call('get_sign_request', { ...ws, sign_request_id: another.id })).data as Item).status).toBe('canceled');
    await refusedByState('delete_sign_request', { csr_id: fresh.id });
    expect((await t.call('deny_sign_request', { ...ws, csr_id: UNKNOWN_ID })).error?.code).toBe('not_found');
    await noRequestFor('approve_sign_request', { csr_id: 'web' });
    await noRequestFor('retry_sign_request', {});
  });

  it('approve, deny, retry and cancel revoke requests', async () => {
    const cert = (await list('list_certificates')).results[0];
    const pending = (await list('list_revoke_requests', { status: 'requested' })).results[0];
    t.sandbox.requests.clear();
    const denied = await t.call('deny_revoke_request', { ...ws, revoke_id: pending.id });
    expect(denied.data).toMatchObject({ revoke_id: pending.id, action: 'deny', answer: { status: 'denied' } });
    expect(t.sandbox.requests.all()).toEqual([expect.objectContaining({ method: 'POST', path: `/api/cert/revoke-requests/${pending.id}/deny/`, body: {} })]);
    await refusedByState('approve_revoke_request', { revoke_id: pending.id });

    const failed = (await list('list_revoke_requests', { status: 'failed' })).results[0];
    expect((await t.call('retry_revoke_request', { ...ws, revoke_id: failed.id })).data).toMatchObject({ action: 'retry', answer: { status: 'revoked' } });
    expect(((await t.call('get_certificate', { ...ws, certificate_id: cert.id })).data as Item).is_revoked).toBe(true);
    await refusedByState('retry_revoke_request', { revoke_id: failed.id });
    expect((await t.call('cancel_revoke_request', { ...ws, revoke_id: UNKNOWN_ID })).error?.code).toBe('not_found');
    await noRequestFor('cancel_revoke_request', { revoke_id: 'x' });
    await noRequestFor('approve_revoke_request', {});
  });

  it('cancel_revoke_request withdraws a pending request; approve_revoke_request revokes', async () => {
    // A general user files a revoke request (pending: not auto-approved); the admin decides.
    const general = t.sandbox.world.users.all().find((u) => !u.is_staff && !u.is_superuser)!;
    const { key } = t.sandbox.addToken({ username: general.username });
    const c = await connect({ rc: { plugins: ['certs'] }, env: { [tokenEnvName(t.sandbox.region, t.sandbox.workspace)]: key }, overrides: { baseUrl: t.sandbox.url } });
    try {
      const csr = (await c.call('create_sign_request', { ...ws, domain_list: ['app.internal.example'] })).data as Item;
      const refused = await c.call('approve_sign_request', { ...ws, csr_id: csr.id });
      expect(refused.error?.code).toBe('forbidden');
      await t.call('approve_sign_request', { ...ws, csr_id: csr.id });
      const cert = (await list('list_certificates')).results.find((x) => (x as unknown as { common_name: string }).common_name === 'app.internal.example')!;
      const first = (await c.call('revoke_certificate', { ...ws, certificate_id: cert.id })).data as Item;
      expect(first.status).toBe('requested');
      t.sandbox.requests.clear();
      expect((await c.call('cancel_revoke_request', { ...ws, revoke_id: first.id })).data).toEqual({ deleted: true, revoke_id: first.id });
      expect(t.sandbox.requests.all()).toEqual([expect.objectContaining({ method: 'DELETE', path: `/api/cert/revoke-requests/${first.id}/` })]);
      const second = (await c.call('revoke_certificate', { ...ws, certificate_id: cert.id })).data as Item;
      expect((await c.call('approve_revoke_request', { ...ws, revoke_id: second.id })).error?.code).toBe('forbidden');
      expect((await t.call('approve_revoke_request', { ...ws, revoke_id: second.id })).data).toMatchObject({ answer: { status: 'revoked' } });
      expect(((await t.call('get_certificate', { ...ws, certificate_id: cert.id })).data as Item).is_revoked).toBe(true);
    } finally {
      await c.close();
    }
  });

  it('annotations and output schemas', async () => {
    const tools = (await t.client.listTools()).tools;
    const hints = Object.fromEntries(tools.map((tool) => [tool.name, [tool.annotations?.readOnlyHint, tool.annotations?.destructiveHint, tool.annotations?.idempotentHint]]));
    const create = [false, false, false];
    const update = [false, true, true];
    const destroy = [false, true, false];
    expect(hints).toMatchObject({
      create_certificate_authority: create, update_certificate_authority: update, delete_certificate_authority: destroy,
      approve_sign_request: create, deny_sign_request: destroy, retry_sign_request: update, delete_sign_request: destroy,
      approve_revoke_request: destroy, deny_revoke_request: destroy, retry_revoke_request: update, cancel_revoke_request: destroy,
    });
    // Output schemas are published only with outputSchemas on; the registry always has them.
    for (const name of ['approve_sign_request', 'cancel_revoke_request', 'create_certificate_authority']) {
      expect(t.app.registry.get(name)?.outputSchema).toBeDefined();
    }
  });
});
