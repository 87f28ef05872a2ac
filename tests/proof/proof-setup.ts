import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv';
import { connectToSandbox, type ConnectOptions, type SandboxedConnection, type ToolOutcome } from '../helpers/in-process.js';
import type { SandboxOptions } from '../../sandbox/index.js';
import type { FuzzDomain, JsonSchema } from './schema-arbitrary.js';

export interface ProofRig {
  t: SandboxedConnection;
  tools: Tool[];
  domain: FuzzDomain;
  /** True when the tool's own input schema accepts the arguments. */
  acceptedBySchema(tool: Tool, args: Record<string, unknown>): boolean;
}

/**
 * Every registered tool (plugins: "all") in-process against a sandbox. Local file tools are confined to a throwaway folder,
 * so valid but destructive inputs reach only the sandbox and that folder.
 */
export async function proofRig(options: { rc?: Record<string, unknown>; sandbox?: SandboxOptions; connect?: ConnectOptions } = {}): Promise<ProofRig> {
  const localRoot = await mkdtemp(path.join(tmpdir(), 'alpacon-proof-local-'));
  for (const name of ['a.txt', 'b.txt', 'notes.txt']) await writeFile(path.join(localRoot, name), `proof file ${name}\n`);
  const t = await connectToSandbox({
    ...options.connect,
    // A second configured workspace keeps workspace and region published (one alone would hide them), so the schema the
    // fuzzer reads is the whole argument surface.
    env: { ALPACON_MCP_EU1_ELSEWHERE_TOKEN: 'proof-token-of-a-second-workspace', ...options.connect?.env },
    // Output schemas on: the SDK client then checks every result against its tool's schema.
    rc: { plugins: ['all'], outputSchemas: true, webftp: { localRoots: [localRoot] }, ...options.rc },
    sandbox: { servers: 5, ...options.sandbox },
  });
  const tools = (await t.client.listTools()).tools;
  const domain: FuzzDomain = {
    workspace: t.sandbox.workspace,
    region: t.sandbox.region,
    serverIds: t.sandbox.world.servers.all().map((s) => s.id),
    localRoot,
  };
  const ajv = new AjvJsonSchemaValidator();
  const validators = new Map(tools.map((tool) => [tool.name, ajv.getValidator(tool.inputSchema as JsonSchema as never)]));
  return {
    t,
    tools,
    domain,
    // region "" is taken as a region left out (the Python server's default; docs/migrating.md), beyond what the schema says.
    acceptedBySchema: (tool, args) => validators.get(tool.name)?.(args.region === '' ? withoutRegion(args) : args).valid === true,
  };
}

/** A result a client can act on: ok, or an error with a stable code (and never the catch-all for unexpected exceptions). */
export function structuredProblem(outcome: ToolOutcome): string | undefined {
  if (outcome.ok) return outcome.raw.isError === true ? 'ok result marked isError' : undefined;
  if (outcome.raw.isError !== true) return 'failure without isError';
  const code = outcome.error?.code;
  if (typeof code !== 'string' || !/^[a-z][a-z0-9_]*$/.test(code)) return `no structuredContent.error.code (${JSON.stringify(outcome.raw).slice(0, 300)})`;
  if (typeof outcome.error?.message !== 'string' || outcome.error.message.length === 0) return `error ${code} without a message`;
  if (code === 'internal_error') return `internal_error: ${outcome.error.message}`;
  return undefined;
}

function withoutRegion(args: Record<string, unknown>): Record<string, unknown> {
  const { region: _region, ...rest } = args;
  return rest;
}
