import { chmod, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { tokenEnvName } from '../../core/auth/token-env.js';
import { connect, connectToSandbox, type SandboxedConnection } from '../helpers/in-process.js';

const FILE_TOKEN = 'canary-file-token-4b1d9e';
const ENV_TOKEN = 'canary-env-token-8c2a7f';

describe('workspace plugin', () => {
  describe('list_workspaces', () => {
    it('lists file and env workspaces with their source, never the token, and sends nothing', async () => {
      const dir = await mkdtemp(path.join(tmpdir(), 'alpacon-mcp-ws-'));
      const tokenFile = path.join(dir, 'token.json');
      await writeFile(tokenFile, JSON.stringify({ ap1: { alpha: FILE_TOKEN }, us1: { beta: FILE_TOKEN } }));
      await chmod(tokenFile, 0o600);
      const c = await connect({ env: { ALPACON_MCP_TOKEN_FILE: tokenFile, [tokenEnvName('eu1', 'gamma')]: ENV_TOKEN } });
      try {
        const result = await c.call('list_workspaces');
        expect(result.error).toBeUndefined();
        const { workspaces } = result.data as { workspaces: { region: string; workspace: string; source: string }[] };
        expect(workspaces).toEqual(
          expect.arrayContaining([
            { region: 'ap1', workspace: 'alpha', source: `file:${tokenFile}` },
            { region: 'us1', workspace: 'beta', source: `file:${tokenFile}` },
            { region: 'eu1', workspace: 'gamma', source: `env:${tokenEnvName('eu1', 'gamma')}` },
          ]),
        );
        expect(workspaces).toHaveLength(3);
        const everything = JSON.stringify(result.raw) + c.logs.join('\n');
        expect(everything).not.toContain(FILE_TOKEN);
        expect(everything).not.toContain(ENV_TOKEN);
      } finally {
        await c.close();
      }
    });

    it('filters by region', async () => {
      const c = await connect({ env: { [tokenEnvName('ap1', 'alpha')]: ENV_TOKEN, [tokenEnvName('us1', 'beta')]: ENV_TOKEN } });
      try {
        const result = await c.call('list_workspaces', { region: 'us1' });
        expect(result.data).toEqual({ workspaces: [{ region: 'us1', workspace: 'beta', source: `env:${tokenEnvName('us1', 'beta')}` }] });
      } finally {
        await c.close();
      }
    });

    it('refuses unexpected arguments and unknown regions', async () => {
      const c = await connect({ env: {} });
      try {
        const result = await c.call('list_workspaces', { workspace: 'alpha', region: 'mars' });
        expect(result.error?.code).toBe('invalid_input');
        expect((result.error?.details?.fields as { field: string }[]).map((f) => f.field).sort()).toEqual(['region', 'workspace']);
      } finally {
        await c.close();
      }
    });
  });

  describe('get_current_user against the sandbox', () => {
    let t: SandboxedConnection;
    beforeAll(async () => {
      t = await connectToSandbox();
    });
    afterAll(async () => t.close());

    it('asks /api/iam/users/-/ and reports the privilege', async () => {
      t.sandbox.requests.clear();
      const result = await t.call('get_current_user', { workspace: t.sandbox.workspace });
      expect(result.error).toBeUndefined();
      expect(result.data).toMatchObject({ username: 'sandbox-admin', privilege: 'staff' });
      expect(result.raw.structuredContent).toMatchObject({ workspace: t.sandbox.workspace, region: 'ap1' });
      expect(t.sandbox.requests.all()).toEqual([expect.objectContaining({ method: 'GET', path: '/api/iam/users/-/', query: {}, status: 200 })]);
      expect(JSON.stringify(result.raw)).not.toContain(t.sandbox.token);
    });

    it('reports a general user as general', async () => {
      const general = t.sandbox.world.users.all().find((u) => !u.is_staff && !u.is_superuser)!;
      const { key } = t.sandbox.addToken({ username: general.username });
      const c = await connect({ env: { [tokenEnvName(t.sandbox.region, t.sandbox.workspace)]: key }, overrides: { baseUrl: t.sandbox.url } });
      try {
        const result = await c.call('get_current_user', { workspace: t.sandbox.workspace });
        expect(result.data).toMatchObject({ username: general.username, privilege: 'general' });
      } finally {
        await c.close();
      }
    });

    it('refuses a bad workspace or region without a request', async () => {
      t.sandbox.requests.clear();
      const result = await t.call('get_current_user', { workspace: 'no/such', region: 'mars' });
      expect(result.error?.code).toBe('invalid_input');
      const fields = (result.error?.details?.fields as { field: string }[]).map((f) => f.field).sort();
      expect(fields).toEqual(['region', 'workspace']);
      expect(t.sandbox.requests.all()).toHaveLength(0);
    });

    it('maps a rejected token to unauthorized and MFA to mfa_required', async () => {
      const c = await connect({ env: { [tokenEnvName(t.sandbox.region, t.sandbox.workspace)]: 'wrong-token' }, overrides: { baseUrl: t.sandbox.url } });
      try {
        const result = await c.call('get_current_user', { workspace: t.sandbox.workspace });
        expect(result.error?.code).toBe('unauthorized');
        expect(result.error?.status).toBe(401);
      } finally {
        await c.close();
      }
      t.sandbox.access.mfaRequired = true;
      try {
        const result = await t.call('get_current_user', { workspace: t.sandbox.workspace });
        expect(result.error?.code).toBe('mfa_required');
      } finally {
        t.sandbox.access.mfaRequired = false;
      }
    });
  });
});
