/**
 * alpacon-mcp/testing: what a plugin's own tests need — the plugin in a real host in-process, and the local Alpacon sandbox
 * (with `routes` for the plugin's own endpoints). No account and no network.
 */
import 'reflect-metadata';

export { connectPlugin, type ConnectPluginOptions, type PluginConnection, type PluginTarget, type ToolSummary, type CallOutcome } from './connect-plugin.js';
export { startSandbox, paginate, type Sandbox, type SandboxOptions, type Router, type SandboxRequest, type Reply, type Handler, type RouteOptions } from '../../sandbox/index.js';
export type { PluginStatus } from '../plugins/plugin-status.js';
