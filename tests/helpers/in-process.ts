import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { createApp, type App, type AppOptions } from '../../core/app/create-app.js';
import { tokenEnvName } from '../../core/auth/token-env.js';
import { createLogger } from '../../core/logger.js';
import { BUILTIN_PLUGINS, DEFAULT_PLUGINS } from '../../plugins/builtin.js';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../sandbox/index.js';

export interface Connected {
  client: Client;
  app: App;
  /** Everything the server logged (stderr lines), for leak checks. */
  logs: string[];
  call(name: string, args?: Record<string, unknown>): Promise<ToolOutcome>;
  close(): Promise<void>;
}

export interface ToolOutcome {
  raw: CallToolResult;
  ok: boolean;
  data: unknown;
  error?: { code: string; message: string; hint?: string; status?: number; api_code?: string; details?: Record<string, unknown> };
}

export interface ConnectOptions extends Partial<AppOptions> {
  /** Written as .alpaconrc in a fresh working directory. */
  rc?: Record<string, unknown>;
  /** Client capabilities (e.g. elicitation). */
  capabilities?: ConstructorParameters<typeof Client>[1];
  /** Runs before the client connects (notification handlers that must see what the server sends right after initialize). */
  beforeConnect?: (client: Client) => void;
}

/** Builds the app in-process and connects an SDK client through linked in-memory transports. */
export async function connect(options: ConnectOptions = {}): Promise<Connected> {
  const cwd = options.cwd ?? (await mkdtemp(path.join(tmpdir(), 'alpacon-mcp-test-')));
  if (options.rc) await writeFile(path.join(cwd, '.alpaconrc'), JSON.stringify(options.rc));
  const logs: string[] = [];
  const app = await createApp({
    builtins: options.builtins ?? BUILTIN_PLUGINS,
    defaultPlugins: options.defaultPlugins ?? (options.builtins ? Object.keys(options.builtins) : DEFAULT_PLUGINS),
    ...options,
    cwd,
    env: options.env ?? {},
    logger: options.logger ?? createLogger({ level: 'debug', write: (line) => logs.push(line) }),
  });
  const server = app.createServer();
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: 'alpacon-mcp-tests', version: '0.0.0' }, options.capabilities ?? { capabilities: {} });
  options.beforeConnect?.(client);
  await server.connect(serverSide);
  await client.connect(clientSide);
  return {
    client,
    app,
    logs,
    call: async (name, args = {}) => toOutcome((await client.callTool({ name, arguments: args })) as CallToolResult),
    close: async () => {
      await client.close();
      await app.close();
      await server.close();
    },
  };
}

export function toOutcome(raw: CallToolResult): ToolOutcome {
  const structured = (raw.structuredContent ?? {}) as { ok?: boolean; data?: unknown; error?: ToolOutcome['error'] };
  return { raw, ok: raw.isError !== true && structured.ok === true, data: structured.data, error: structured.error };
}

export interface SandboxedConnection extends Connected {
  sandbox: Sandbox;
}

/** A sandbox plus an in-process server configured for it (workspace = the sandbox's, token from the environment). */
export async function connectToSandbox(
  options: ConnectOptions & { sandbox?: SandboxOptions; credential?: SandboxCredential } = {},
): Promise<SandboxedConnection> {
  const sandbox = await startSandbox({ commandStepMs: 5, ...options.sandbox });
  try {
    const connected = await connect({
      ...options,
      env: { ...credentialEnv(sandbox, options.credential ?? 'api-token'), ...options.env },
      overrides: { baseUrl: sandbox.url, ...options.overrides },
    });
    return {
      ...connected,
      sandbox,
      close: async () => {
        await connected.close();
        await sandbox.stop();
      },
    };
  } catch (error) {
    await sandbox.stop();
    throw error;
  }
}

/**
 * Which credential the host is configured with: the sandbox's API token (what token.json holds), a JWT of the same
 * user, or an API token issued by a browser login (marked with `…_TOKEN_SOURCE=login`).
 */
export type SandboxCredential = 'api-token' | 'jwt' | 'login-token';

export function credentialEnv(sandbox: Sandbox, credential: SandboxCredential): Record<string, string> {
  const name = tokenEnvName(sandbox.region, sandbox.workspace);
  if (credential === 'jwt') return { [name]: sandbox.jwt };
  if (credential === 'login-token') return { [name]: sandbox.addToken({ name: 'browser-login', source: 'login' }).key, [`${name}_SOURCE`]: 'login' };
  return { [name]: sandbox.token };
}
