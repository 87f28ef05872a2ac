import { randomUUID } from 'node:crypto';
import { ProtocolError, Server } from '@modelcontextprotocol/server';
import type { CallToolResult, InputRequiredResult, Tool as McpTool } from '@modelcontextprotocol/server';
import { AlpaconMcpError, ErrorCode, errorResult, successResult } from '../errors/index.js';
import { CallClient } from '../http/call-client.js';
import type { AlpaconClient } from '../http/alpacon-client.js';
import type { Logger } from '../logger.js';
import type { RegisteredTool } from '../registry/tool-definition.js';
import type { ToolRegistry } from '../registry/tool-registry.js';
import { validateInput, type InputDefaults } from '../registry/validate-input.js';
import { resolveAliases } from '../registry/argument-aliases.js';
import { titleAddsWords } from '../registry/listing-text.js';
import { redactSecrets } from '../security/secrets.js';
import { CORE_VERSION } from '../version.js';
import { isToolReply, type ToolContext } from './tool-context.js';
import type { ContextRegistry } from '../registry/context-registry.js';
import { registerContextHandlers } from './context-handlers.js';
import { callExchange, type CallExchange } from './call-exchange.js';
import type { Notice } from './notices.js';

export interface HostOptions {
  registry: ToolRegistry;
  /** The shared Alpacon client; each call gets a view of it bound to the call (ToolContext.alpacon). */
  alpacon: AlpaconClient;
  /** Resource templates and prompts. */
  context?: ContextRegistry;
  defaults: InputDefaults;
  instructions: string;
  log: Logger;
  /** Answers every workspace tool with this error instead of running it (nothing configured yet). */
  unconfigured?: () => AlpaconMcpError | undefined;
  /** Called around every tool call (safety checks, audit); may throw to refuse. */
  guard?: ToolGuard;
  /** Narrows the served tools for this connection (HTTP clients may ask for less, never more). */
  visible?: (tool: RegisteredTool) => boolean;
  /** Who is calling; defaults to one random identity per server instance (one stdio connection). */
  caller?: string;
  /** Warnings for the user, sent through MCP logging (after initialize; on 2026-07-28, with tools/list when asked for). */
  notices?: () => readonly Notice[];
  /** Publish output schemas (config `outputSchemas`); off, results still carry structuredContent. */
  outputSchemas?: boolean;
  /** Called when this server's MCP session ends, with the owner of what it made (not for per-request, caller-keyed serving). */
  onSessionEnd?: (owner: string) => Promise<void> | void;
}

export interface ToolCall {
  tool: RegisteredTool;
  input: object;
  server: Server;
  exchange: CallExchange;
}

export interface ToolGuard {
  /** May throw to refuse, or return an `input_required` result to send instead of running the tool (2026-07-28). */
  before?(call: ToolCall): Promise<InputRequiredResult | void>;
  after?(call: ToolCall, outcome: { ok: boolean; error?: unknown; ms: number }): Promise<void>;
}

/** Builds the MCP server (low-level SDK Server) over the registry. Knows nothing of transports. */
export function createMcpServer(options: HostOptions): Server {
  const hasResources = (options.context?.listResources().length ?? 0) > 0;
  const hasPrompts = (options.context?.listPrompts().length ?? 0) > 0;
  const server = new Server(
    { name: 'alpacon-mcp', title: 'Alpacon MCP', version: CORE_VERSION },
    {
      capabilities: {
        tools: { listChanged: false },
        logging: {},
        ...(hasResources ? { resources: {} } : {}),
        ...(hasPrompts ? { prompts: {} } : {}),
      },
      instructions: options.instructions,
    },
  );
  // One server instance serves one MCP session (stdio, or a 2025-era HTTP session); per-request serving names the caller.
  const owner = options.caller ?? `session:${randomUUID()}`;
  if (options.caller === undefined && options.onSessionEnd) {
    const end = options.onSessionEnd;
    server.onclose = () => void end(owner);
  }
  if (options.context) {
    const alpaconFor = (params: Record<string, string>, signal: AbortSignal) => new CallClient(options.alpacon, callTarget(params, options.defaults), signal);
    registerContextHandlers(server, options.context, options.log, owner, alpaconFor);
  }

  const loggers = new Map<string, Logger>();
  const logFor = (tool: string) => {
    let log = loggers.get(tool);
    if (!log) loggers.set(tool, (log = options.log.child(tool)));
    return log;
  };
  const notices = options.notices ?? (() => []);
  const visible = options.visible ?? (() => true);
  // 2025 era: once per connection, right after the handshake (the client's logging/setLevel applies).
  server.oninitialized = () => {
    for (const notice of notices()) void server.sendLoggingMessage(logMessage(notice)).catch(() => undefined);
  };
  server.setRequestHandler('tools/list', async (_request, ctx) => {
    // 2026-07-28: no unsolicited messages; a client that asks for logs (_meta logLevel) gets them with the tool list.
    if (ctx.mcpReq.envelope) for (const notice of notices()) await ctx.mcpReq.log('warning', logMessage(notice).data, 'alpacon-mcp');
    return { tools: options.registry.list().filter(visible).map((tool) => toMcpTool(tool, options.outputSchemas === true)) };
  });

  server.setRequestHandler('tools/call', async (request, ctx): Promise<CallToolResult | InputRequiredResult> => {
    const { name, arguments: args } = request.params;
    const found = options.registry.get(name);
    const tool = found && visible(found) ? found : undefined;
    if (!tool) {
      return errorResult(
        new AlpaconMcpError(ErrorCode.InvalidInput, `Unknown tool "${name}".`, { hint: 'Call tools/list to see the available tools.' }),
        () => undefined,
      );
    }
    const log = logFor(tool.name);
    const started = Date.now();
    const exchange = callExchange(server, ctx, owner);
    let input: object | undefined;
    try {
      // A built-in plugin's code is imported on the first call of one of its tools.
      const runnable = options.registry.loaded(name) ?? (await options.registry.ready(name));
      if (!runnable) throw new AlpaconMcpError(ErrorCode.Internal, `Tool "${name}" is listed but cannot run.`);
      input = await validateInput(runnable.input, resolveAliases(args ?? {}, runnable.aliases), options.defaults, tool.argumentNames);
      const notReady = tool.targetsWorkspace ? options.unconfigured?.() : undefined;
      if (notReady) throw notReady;
      const pending = await options.guard?.before?.({ tool, input, server, exchange });
      if (pending) return pending;
      const progressToken = request.params._meta?.progressToken;
      const context: ToolContext = {
        signal: ctx.mcpReq.signal,
        tool: name,
        owner,
        alpacon: new CallClient(options.alpacon, callTarget(input, options.defaults), ctx.mcpReq.signal),
        log,
        progressRequested: progressToken !== undefined,
        progress: async (done, total, message) => {
          if (progressToken === undefined) return;
          await ctx.mcpReq.notify({
            method: 'notifications/progress',
            params: { progressToken, progress: done, ...(total !== undefined ? { total } : {}), ...(message ? { message } : {}) },
          });
        },
      };
      const value = await runnable.invoke(input as object, context);
      await options.guard?.after?.({ tool, input, server, exchange }, { ok: true, ms: Date.now() - started });
      const target = input as { workspace?: string; region?: string };
      return isToolReply(value) ? successResult(value.data, target, value.summary) : successResult(value, target);
    } catch (error) {
      if (input) await options.guard?.after?.({ tool, input, server, exchange }, { ok: false, error, ms: Date.now() - started }).catch(() => undefined);
      // Protocol-level refusals (a capability the client did not declare) answer as JSON-RPC errors, not tool errors.
      if (error instanceof ProtocolError) throw error;
      return errorResult(error, (unexpected) => log.error('unexpected error', { error: describe(unexpected) }));
    }
  });

  return server;
}

/** The call's workspace and region (validation filled the defaults); a tool without them gets the configured defaults. */
function callTarget(input: object, defaults: InputDefaults): { workspace: string; region: string } {
  const given = input as { workspace?: string; region?: string };
  return { workspace: given.workspace ?? defaults.workspace ?? '', region: given.region ?? defaults.region };
}

function logMessage(notice: Notice): { level: 'warning'; logger: string; data: Record<string, unknown> } {
  const data = JSON.parse(redactSecrets(JSON.stringify({ message: notice.message, ...notice.fields }))) as Record<string, unknown>;
  return { level: 'warning', logger: 'alpacon-mcp', data };
}

function toMcpTool(tool: RegisteredTool, withOutputSchema: boolean): McpTool {
  const meta: Record<string, unknown> = {};
  // The keys Claude Code's tool search reads (the Python alpacon-mcp server publishes the same).
  if (tool.searchHint) meta['anthropic/searchHint'] = tool.searchHint;
  if (tool.alwaysLoad) meta['anthropic/alwaysLoad'] = true;
  return {
    name: tool.name,
    ...(titleAddsWords(tool.title, tool.name) ? { title: tool.title } : {}),
    description: tool.description,
    inputSchema: tool.inputSchema as McpTool['inputSchema'],
    ...(withOutputSchema && tool.outputSchema ? { outputSchema: tool.outputSchema as McpTool['outputSchema'] } : {}),
    annotations: {
      readOnlyHint: tool.effects.readOnly,
      destructiveHint: tool.effects.destructive,
      idempotentHint: tool.effects.idempotent,
      openWorldHint: tool.effects.openWorld,
    },
    ...(Object.keys(meta).length > 0 ? { _meta: meta } : {}),
  };
}

function describe(error: unknown): Record<string, unknown> {
  return error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : { value: String(error) };
}
