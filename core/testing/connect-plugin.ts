import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client, InMemoryTransport, type CallToolResult } from '@modelcontextprotocol/client';
import { createApp } from '../app/create-app.js';
import { tokenEnvName } from '../auth/token-env.js';
import { createLogger } from '../logger.js';
import type { PluginManifest } from '../plugins/manifest.js';
import type { PluginStatus } from '../plugins/plugin-status.js';

/** Where the plugin's calls go: a sandbox from `startSandbox()` (or any Alpacon with a token for one workspace). */
export interface PluginTarget {
  url: string;
  token: string;
  workspace: string;
  region: string;
}

export interface ConnectPluginOptions {
  /** The Alpacon the plugin talks to; its workspace becomes the default workspace. */
  sandbox?: PluginTarget;
  /** `.alpaconrc` content, e.g. the plugin's settings section or more built-in plugins (`plugins` defaults to this plugin). */
  rc?: Record<string, unknown>;
}

export interface ToolSummary {
  name: string;
  title?: string;
  description?: string;
  inputSchema: Record<string, unknown>;
  readOnly: boolean;
  destructive: boolean;
}

export interface CallOutcome {
  ok: boolean;
  /** `data` of the success envelope. */
  data: unknown;
  /** The one-line summary of `reply(data, summary)`, when the tool gave one. */
  summary?: string;
  error?: { code: string; message: string; hint?: string; status?: number; details?: Record<string, unknown> };
}

export interface PluginConnection {
  /** The tools the plugin serves, as an MCP client sees them. */
  list(): Promise<ToolSummary[]>;
  call(name: string, args?: Record<string, unknown>): Promise<CallOutcome>;
  /** The server's instructions to the client. */
  instructions(): string;
  /** What the host made of the plugin (loaded, or skipped and why). */
  status(): PluginStatus | undefined;
  /** Everything the server logged. */
  logs(): string[];
  close(): Promise<void>;
}

/**
 * Runs the plugin in a real alpacon-mcp host in this process and connects an MCP client to it: what a plugin's own tests use.
 * The plugin is held to the same checks as at start-up (a broken one throws the same named error), its settings section is
 * validated, and every call goes through validation, the safety rules and the result envelope.
 */
export async function connectPlugin(manifest: PluginManifest, options: ConnectPluginOptions = {}): Promise<PluginConnection> {
  const cwd = await mkdtemp(path.join(tmpdir(), 'alpacon-plugin-test-'));
  const logs: string[] = [];
  try {
    await writeFile(path.join(cwd, '.alpaconrc'), JSON.stringify({ plugins: [manifest.name], ...options.rc }));
    const { BUILTIN_PLUGINS } = await import('../../plugins/builtin.js');
    const target = options.sandbox;
    const app = await createApp({
      builtins: { ...BUILTIN_PLUGINS, [manifest.name]: async () => ({ default: manifest }) },
      defaultPlugins: [manifest.name],
      cwd,
      home: cwd,
      env: target ? { [tokenEnvName(target.region, target.workspace)]: target.token } : {},
      overrides: target ? { baseUrl: target.url, defaultWorkspace: target.workspace, defaultRegion: target.region as 'ap1' } : {},
      logger: createLogger({ level: 'debug', write: (line) => logs.push(line) }),
    });
    const server = app.createServer();
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    const client = new Client({ name: 'alpacon-mcp-testing', version: '1' });
    await server.connect(serverSide);
    await client.connect(clientSide);
    return {
      list: async () => (await client.listTools()).tools.map((t) => ({
        name: t.name,
        title: t.title,
        description: t.description,
        inputSchema: t.inputSchema as Record<string, unknown>,
        readOnly: t.annotations?.readOnlyHint === true,
        destructive: t.annotations?.destructiveHint === true,
      })),
      call: async (name, args = {}) => toOutcome((await client.callTool({ name, arguments: args })) as CallToolResult),
      instructions: () => client.getInstructions() ?? '',
      status: () => app.plugins.find((p) => p.name === manifest.name),
      logs: () => [...logs],
      close: async () => {
        await client.close();
        await server.close();
        await app.close();
        await rm(cwd, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(cwd, { recursive: true, force: true });
    throw error;
  }
}

function toOutcome(result: CallToolResult): CallOutcome {
  const structured = (result.structuredContent ?? {}) as { ok?: boolean; data?: unknown; error?: CallOutcome['error'] };
  const first = result.content?.[0];
  const summary = result.content && result.content.length > 1 && first?.type === 'text' ? first.text : undefined;
  return { ok: result.isError !== true && structured.ok === true, data: structured.data, ...(summary ? { summary } : {}), ...(structured.error ? { error: structured.error } : {}) };
}
