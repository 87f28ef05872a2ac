/**
 * alpacon-mcp's public API: the only module plugins (built-in and third-party) import. It holds the plugin contract, the
 * decorators, the DTO helpers and the services a plugin may use, and nothing of the host's machinery (no tool registry, no
 * global container). Every change of this surface shows in api/alpacon-mcp.api.md (`npm run api`).
 */
// Decorator metadata needs the Reflect polyfill before any plugin class is declared; one registry is shared by every copy.
import 'reflect-metadata';

// The plugin contract.
export { definePlugin, type PluginManifest } from './plugins/manifest.js';
export type { PluginContainer, ServiceToken } from './plugins/plugin-container.js';
export { CORE_VERSION } from './version.js';

// Decorators.
export { Tool, Resource, Prompt, Effects, type ToolEffects, type ToolOptions, type ResourceOptions, type PromptOptions } from './decorators/index.js';
export { injectable, inject } from './decorators/injectable.js';
export { JSONSchema } from './decorators/json-schema.js';
export type { JsonSchemaPatch } from './decorators/metadata.js';
export { acceptedOnly, type ArgumentAlias, type ArgumentAliasRule, type ArgumentAliases } from './registry/argument-aliases.js';

// DTO helpers.
export * from './dto/validators.js';
export { SHARED_ARGUMENTS } from './dto/shared-arguments.js';
export { WorkspaceInput, ServerInput, PageInput, ServerPageInput, SummaryPageInput, withFields, IsWorkspaceSlug, isWorkspaceSlug, IsRegion, isRegion, IsDistinctUuidList, REGIONS, DEFAULT_REGION, type Region } from './dto/index.js';

// Results and errors.
export { reply, ToolReply, type ToolContext } from './host/tool-context.js';
export { AlpaconMcpError, isAlpaconMcpError, ErrorCode, type ErrorDetails } from './errors/index.js';
export { InvalidInputError, NotFoundError, CancelledError, ConfigError, type FieldProblem } from './errors/index.js';

// Services from the container, and what they hand out.
export { CONFIG, TOKEN_STORE, ALPACON, LOGGER, LIFECYCLE, PLUGIN_SETTINGS } from './tokens.js';
export type { CallClient, CallClientOptions } from './http/call-client.js';
export { NO_CALL_SIGNAL } from './http/call-scope.js';
export { AlpaconClient, USER_AGENT, type AlpaconTarget, type CallOptions, type Query, type QueryValue, type Page, type Collected } from './http/index.js';
export type { TokenStore, TokenEntry, TokenSource } from './auth/index.js';
export type { AlpaconConfig } from './config/index.js';
export type { Logger } from './logger.js';
export type { Lifecycle } from './lifecycle.js';

// Helpers for tools that move output, files or terminals.
export { trimOutput, OUTPUT_LIMIT_BYTES, type TrimmedOutput } from './text/trim-output.js';
export { PresignedTransfer, PresignedTransferError, type PresignedFailure, type PresignedOptions, type PresignedResult } from './http/presigned.js';
export { connectWebSocket, type WebSocketConnectOptions, type WebSocket, type RawData } from './ws/index.js';
export { sleepOrCancel } from './time/sleep.js';
export { whenAborted } from './time/abort-watch.js';
export { readCommand, readSubmitted, AWAITING_APPROVAL, type CommandDetails } from './commands/command-details.js';
export { commandOutput, readChunks, mergeChunks, type Chunk, type CommandOutput, type ChunkReadOptions } from './commands/command-output.js';
export { summarizeItems, summarizePage, ALL_FIELDS, type ItemShape, type Summarized } from './results/summarize.js';
