import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { proofRig, structuredProblem, type ProofRig } from './proof-setup.js';
import { mutatedArgs, validArgs, type JsonSchema } from './schema-arbitrary.js';

/**
 * Canary tokens planted where secrets live — the sandbox workspace's API token (sent in every request), a token file
 * (./config/token.json) and an environment variable — must never surface: after every tool has run (successes, validation
 * errors, API errors, auth failures, MFA, 5xx), no log line, tool result, error or audit line contains one.
 */
const canary = (label: string) => `canary-${label}-${randomBytes(16).toString('hex')}`;
const CANARIES = { api: canary('api'), file: canary('file'), env: canary('env') };
/** A leak of a token's middle part counts too (masking may keep a few characters at the ends, never this). */
const fragments = Object.values(CANARIES).flatMap((c) => [c, c.slice(10, 34)]);

describe('canary tokens never leak', () => {
  let rig: ProofRig;
  let auditFile: string;
  const produced: string[] = [];
  let calls = 0;

  beforeAll(async () => {
    const cwd = await mkdtemp(path.join(tmpdir(), 'alpacon-canary-'));
    await mkdir(path.join(cwd, 'config'), { mode: 0o700 });
    await writeFile(path.join(cwd, 'config', 'token.json'), JSON.stringify({ ap1: { elsewhere: CANARIES.file } }), { mode: 0o600 });
    auditFile = path.join(cwd, 'audit', 'audit.jsonl');
    rig = await proofRig({
      rc: { audit: { file: auditFile } },
      sandbox: { token: CANARIES.api },
      connect: { cwd, env: { ALPACON_MCP_US1_ENVSPACE_TOKEN: CANARIES.env } },
    });
  });

  afterAll(async () => {
    await rig.t.close();
  });

  const record = async (name: string, args: Record<string, unknown>) => {
    calls += 1;
    try {
      const outcome = await rig.t.call(name, args);
      produced.push(JSON.stringify(outcome.raw));
      return outcome;
    } catch (error) {
      produced.push(error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error));
      return undefined;
    }
  };

  it('exercises every tool across success and failure paths', async () => {
    const { t, domain } = rig;
    produced.push(JSON.stringify(await t.client.listTools()), JSON.stringify(t.client.getInstructions() ?? ''));
    for (const tool of rig.tools) {
      const schema = tool.inputSchema as JsonSchema;
      const samples = fc.sample(validArgs(schema, domain), { numRuns: 4, seed: 3 });
      const invalid = fc.sample(mutatedArgs(schema, domain), { numRuns: 2, seed: 5 }).map((m) => m.args);
      for (const args of [...samples, ...invalid]) await record(tool.name, args);
      // The same tool against the file's and the environment's workspaces: their tokens go out and get refused.
      const sample = samples[0] ?? {};
      if ('workspace' in (schema.properties ?? {})) {
        await record(tool.name, { ...sample, workspace: 'elsewhere', region: 'ap1' });
        await record(tool.name, { ...sample, workspace: 'envspace', region: 'us1' });
      }
      // MFA demanded, then a burst of server errors.
      t.sandbox.access.mfaRequired = true;
      await record(tool.name, sample);
      t.sandbox.access.mfaRequired = false;
      t.sandbox.faults.add({ kind: 'error5xx', status: 500, count: 3 });
      await record(tool.name, sample);
      t.sandbox.faults.clear();
    }
    const listed = await record('list_workspaces', {});
    expect(listed && structuredProblem(listed)).toBeUndefined();
    expect(calls).toBeGreaterThan(rig.tools.length * 6);
    // The canaries were really in play: the sandbox received the API canary, and the other two were looked up.
    expect(t.sandbox.requests.count()).toBeGreaterThan(0);
  }, 180_000);

  it('finds no canary in logs, results, errors or audit lines', async () => {
    const audit = await readFile(auditFile, 'utf8').catch(() => '');
    expect(audit.split('\n').filter(Boolean).length).toBeGreaterThan(0);
    const haystacks: Record<string, string[]> = { logs: rig.t.logs, results: produced, audit: audit.split('\n') };
    const leaks: string[] = [];
    for (const [where, lines] of Object.entries(haystacks)) {
      for (const line of lines) for (const f of fragments) if (line.includes(f)) leaks.push(`${where}: ${line.slice(0, 200)}`);
    }
    process.stderr.write(`canary: ${calls} calls, ${rig.t.logs.length} log lines, ${audit.split('\n').filter(Boolean).length} audit lines searched; leaks ${leaks.length}\n`);
    expect(leaks).toEqual([]);
    expect(rig.t.logs.length).toBeGreaterThan(0);
  });
});
