import { afterAll, beforeAll, describe } from '@jest/globals';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { connectToSandbox, toOutcome, type Connected, type ConnectOptions, type SandboxCredential, type SandboxedConnection, type ToolOutcome } from '../helpers/in-process.js';
import { SANDBOX_GENERATIONS, type Sandbox, type SandboxGeneration, type SandboxOptions } from '../../sandbox/index.js';

/**
 * Contract suite helper: runs the same `describe` body against every server generation the sandbox plays
 * (`current` = today's service as the official CLI speaks to it, `2024` = alpacanetworks/alpacon-server), each with an
 * in-process MCP host connected to its own sandbox. Every fixture in `tests/contract/` cites the section-0 fact of
 * `shared/alpacon-api.md` and the official file it encodes.
 */
export interface GenerationHarness {
  readonly generation: SandboxGeneration;
  /** The connected host + sandbox; call it inside tests (it exists after `beforeAll`). */
  mcp(): SandboxedConnection;
  /** The value for this generation out of one per generation. */
  pick<T>(values: Record<SandboxGeneration, T>): T;
}

export interface GenerationOptions extends ConnectOptions {
  sandbox?: SandboxOptions;
  /** The credential the host is configured with (default: the sandbox's API token, what token.json holds). */
  credential?: SandboxCredential;
}

export function describeGenerations(title: string, body: (harness: GenerationHarness) => void, options: GenerationOptions = {}): void {
  describe.each(SANDBOX_GENERATIONS.map((generation) => [generation]))(`${title} [%s server]`, (generation: SandboxGeneration) => {
    generationBody(generation, body, options);
  });
}

/** The same harness for one generation only: facts that exist on one server (approval, cancel, the events WebSocket). */
export function describeGeneration(generation: SandboxGeneration, title: string, body: (harness: GenerationHarness) => void, options: GenerationOptions = {}): void {
  describe(`${title} [${generation} server]`, () => generationBody(generation, body, options));
}

function generationBody(generation: SandboxGeneration, body: (harness: GenerationHarness) => void, options: GenerationOptions): void {
  let connection: SandboxedConnection | undefined;
  beforeAll(async () => {
    // Every plugin, and the sandbox's workspace as the default so fixtures need not repeat it.
    connection = await connectToSandbox({
      rc: { plugins: ['all'] },
      ...options,
      overrides: { defaultWorkspace: options.sandbox?.workspace ?? 'sandbox', ...options.overrides },
      sandbox: { ...options.sandbox, generation },
    });
  });
  afterAll(async () => connection?.close());
  body({
    generation,
    mcp: () => {
      if (connection === undefined) throw new Error('describeGenerations: the connection exists only inside tests');
      return connection;
    },
    pick: (values) => values[generation],
  });
}

export { SANDBOX_GENERATIONS, type SandboxGeneration };

export interface ProgressedCall {
  outcome: ToolOutcome;
  /** The `message` of every progress notification, in order. */
  messages: string[];
}

/** Calls a tool with a progress token (the SDK client sends one when onprogress is set) and collects the messages. */
export async function callWithProgress(connection: Connected, name: string, args: Record<string, unknown>): Promise<ProgressedCall> {
  const messages: string[] = [];
  const raw = await connection.client.callTool({ name, arguments: args }, undefined, {
    onprogress: (progress: { message?: string }) => {
      if (progress.message !== undefined) messages.push(progress.message);
    },
    timeout: 60_000,
  });
  return { outcome: toOutcome(raw as CallToolResult), messages };
}

/** Raw sandbox HTTP, to show what the server itself answers (the fact a fixture encodes). */
export async function sandboxGet(sandbox: Sandbox, path: string): Promise<{ status: number; contentType: string; body: unknown }> {
  const response = await fetch(`${sandbox.url}${path}`, { headers: { Authorization: `token="${sandbox.token}"` } });
  const text = await response.text();
  const contentType = response.headers.get('content-type') ?? '';
  return { status: response.status, contentType, body: contentType.includes('json') ? (JSON.parse(text) as unknown) : text };
}
