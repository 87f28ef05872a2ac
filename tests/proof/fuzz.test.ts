import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import type { ToolOutcome } from '../helpers/in-process.js';
import { proofRig, structuredProblem, type ProofRig } from './proof-setup.js';
import { mutatedArgs, validArgs, type JsonSchema } from './schema-arbitrary.js';

/**
 * Property-based fuzzing of every registered tool through the MCP protocol (in-process linked transports, against the
 * sandbox). Inputs the tool's schema rejects must come back as `invalid_input` with nothing sent to the sandbox; inputs it
 * accepts (valid random values, huge strings, unicode, path tricks within the schema) must come back ok or as a structured
 * error. The calls (FUZZ_TOTAL, default 10,200) are spread evenly over the tools, an eighth of them schema-valid; seed: FUZZ_SEED.
 */
const TOTAL_CALLS = Number(process.env.FUZZ_TOTAL ?? 10_200);
const VALID_SHARE = 0.12;
const SEED = Number(process.env.FUZZ_SEED ?? 20_260_101);

interface Failure {
  tool: string;
  problem: string;
  args: string;
}

const counts = { clientErrors: 0, invalidCalls: 0, validCalls: 0, beyondSchemaAccepted: 0, okResults: 0, errorCodes: {} as Record<string, number> };
const failures: Failure[] = [];
let failureCount = 0;

function fail(tool: Tool, problem: string, args: Record<string, unknown>): void {
  failureCount += 1;
  if (failures.length < 25) failures.push({ tool: tool.name, problem, args: JSON.stringify(args).slice(0, 400) });
}

describe('fuzzing every registered tool (fast-check)', () => {
  let rig: ProofRig;
  let invalidRuns = 0;
  let validRuns = 0;

  beforeAll(async () => {
    rig = await proofRig();
    const perTool = Math.ceil(TOTAL_CALLS / rig.tools.length);
    validRuns = Math.max(1, Math.round(perTool * VALID_SHARE));
    invalidRuns = Math.max(1, perTool - validRuns);
  });

  afterAll(async () => {
    process.stderr.write(
      `fuzz: ${rig.tools.length} tools, ${counts.invalidCalls + counts.validCalls} calls ` +
        `(${counts.invalidCalls} schema-invalid, ${counts.validCalls} schema-valid of which ${counts.beyondSchemaAccepted} were mutations the schema still accepts), ` +
        `${counts.okResults} ok, errors by code ${JSON.stringify(counts.errorCodes)}, failures ${failureCount} (client-side rejections ${counts.clientErrors})\n`,
    );
    if (process.env.FUZZ_PROFILE) process.stderr.write(`fuzz timings: ${JSON.stringify(timings)}\n`);
    await rig.t.close();
  });

  /** A call whose result the client cannot accept (protocol error, output schema mismatch) is a failure, not an abort. */
  async function callSafely(tool: Tool, args: Record<string, unknown>): Promise<ToolOutcome | undefined> {
    try {
      return await rig.t.call(tool.name, args);
    } catch (error) {
      counts.clientErrors += 1;
      fail(tool, `unstructured: the client rejected the answer: ${error instanceof Error ? error.message : String(error)}`, args);
      return undefined;
    }
  }

  it('covers every registered tool', () => {
    expect(rig.tools.map((t) => t.name).sort()).toEqual(rig.t.app.registry.list().map((t) => t.name).sort());
    expect(rig.tools.length).toBeGreaterThan(0);
  });

  it('refuses schema-invalid input with invalid_input and sends nothing', async () => {
    const { t } = rig;
    for (const tool of rig.tools) {
      const schema = tool.inputSchema as JsonSchema;
      const invalid = mutatedArgs(schema, rig.domain).filter(({ args }) => !rig.acceptedBySchema(tool, args));
      await fc.assert(
        fc.asyncProperty(invalid, async ({ args, mutation }) => {
          const before = t.sandbox.requests.count();
          const started = performance.now();
          const outcome = await callSafely(tool, args);
          timing(mutation, performance.now() - started);
          counts.invalidCalls += 1;
          if (outcome === undefined) return;
          tally(outcome.error?.code);
          const sent = t.sandbox.requests.count() - before;
          if (outcome.ok || outcome.error?.code !== 'invalid_input') {
            fail(tool, `${mutation}: expected invalid_input, got ${outcome.ok ? 'ok' : outcome.error?.code}`, args);
          } else if (sent > 0) {
            fail(tool, `${mutation}: ${sent} request(s) reached the sandbox`, args);
          } else if (structuredProblem(outcome)) {
            fail(tool, `${mutation}: ${structuredProblem(outcome)}`, args);
          }
        }),
        { numRuns: invalidRuns, seed: SEED, endOnFailure: true },
      );
    }
    expect(failures).toEqual([]);
    expect(counts.invalidCalls).toBe(invalidRuns * rig.tools.length);
  }, 300_000);

  it('answers schema-valid input (random values, and mutations the schema accepts) with ok or a structured error', async () => {
    const { t } = rig;
    for (const tool of rig.tools) {
      const schema = tool.inputSchema as JsonSchema;
      const inputs = fc.oneof(
        { weight: 3, arbitrary: validArgs(schema, rig.domain).map((args) => ({ args, mutation: undefined as string | undefined })) },
        { weight: 1, arbitrary: mutatedArgs(schema, rig.domain) },
      );
      await fc.assert(
        fc.asyncProperty(inputs, async ({ args, mutation }) => {
          const accepted = rig.acceptedBySchema(tool, args);
          const before = t.sandbox.requests.count();
          const started = performance.now();
          const outcome = await callSafely(tool, args);
          timing(`valid ${tool.name}`, performance.now() - started);
          counts.validCalls += 1;
          if (outcome === undefined) return;
          tally(outcome.ok ? undefined : outcome.error?.code);
          if (outcome.ok) counts.okResults += 1;
          const problem = structuredProblem(outcome);
          if (problem) fail(tool, problem, args);
          if (!accepted) {
            // A mutation the schema rejects: the same rule as above.
            if (outcome.error?.code !== 'invalid_input') fail(tool, `schema rejects it, but got ${outcome.ok ? 'ok' : outcome.error?.code}`, args);
            if (t.sandbox.requests.count() > before) fail(tool, 'schema rejects it, but requests reached the sandbox', args);
          } else if (mutation !== undefined) {
            counts.beyondSchemaAccepted += 1;
          }
        }),
        { numRuns: validRuns, seed: SEED + 1, endOnFailure: true },
      );
    }
    expect(failures).toEqual([]);
    // The server still answers normally afterwards.
    const after = await t.call('list_servers', { workspace: t.sandbox.workspace });
    expect(after.ok).toBe(true);
  }, 300_000);

  it('made at least 10,000 calls in total', () => {
    expect(counts.invalidCalls + counts.validCalls).toBeGreaterThanOrEqual(Math.min(10_000, TOTAL_CALLS));
  });
});

const timings: Record<string, { n: number; ms: number }> = {};
function timing(mutation: string, ms: number): void {
  const kind = mutation.split(' ').slice(0, 2).join(' ');
  const entry = (timings[kind] ??= { n: 0, ms: 0 });
  entry.n += 1;
  entry.ms += ms;
}

function tally(code: string | undefined): void {
  const key = code ?? 'ok';
  counts.errorCodes[key] = (counts.errorCodes[key] ?? 0) + 1;
}

