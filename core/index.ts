/** The public surface of alpacon-mcp core: the only module plugins (built-in and third-party) import. */
export { injectable, inject, singleton, type DependencyContainer } from 'tsyringe';
export { JSONSchema } from 'class-validator-jsonschema';
export * from 'class-validator';
export { Type, Transform } from 'class-transformer';

export { Tool, Resource, Prompt, Effects, type ToolEffects, type ToolOptions, type ResourceOptions, type PromptOptions } from './decorators/index.js';
export { definePlugin, type PluginManifest } from './plugins/manifest.js';
export { WorkspaceInput, ServerInput, PageInput, ServerPageInput, IsWorkspaceSlug, isWorkspaceSlug, IsRegion, isRegion, IsDistinctUuidList, REGIONS, DEFAULT_REGION, type Region } from './dto/index.js';
export { CONFIG, TOKEN_STORE, ALPACON, LOGGER, TOOL_REGISTRY, LIFECYCLE } from './tokens.js';
export { reply, ToolReply, type ToolContext } from './host/tool-context.js';
export * from './errors/index.js';
export { AlpaconClient, USER_AGENT, type AlpaconTarget, type CallOptions, type Query, type Page, type Collected } from './http/index.js';
export { TokenStore, tokenEnvName, type TokenEntry, type TokenSource } from './auth/index.js';
export type { AlpaconConfig } from './config/index.js';
export type { Logger } from './logger.js';
export { Lifecycle } from './lifecycle.js';
export { redactSecrets, maskToken, registerSecret } from './security/secrets.js';
export { CORE_VERSION } from './version.js';
export { trimOutput, OUTPUT_LIMIT_BYTES, type TrimmedOutput } from './text/trim-output.js';
export { PresignedTransfer, PresignedTransferError, type PresignedFailure, type PresignedOptions, type PresignedResult } from './http/presigned.js';
export { connectWebSocket, type WebSocketConnectOptions, type WebSocket, type RawData } from './ws/index.js';
export { sleepOrCancel } from './time/sleep.js';
