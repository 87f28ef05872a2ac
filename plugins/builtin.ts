import type { BuiltinPlugins } from '../core/plugins/load-plugins.js';

/** Built-in plugins by the short name used in `.alpaconrc` `plugins`. Imported lazily. */
export const BUILTIN_PLUGINS: BuiltinPlugins = {
  workspace: () => import('./workspace/index.js'),
  runbooks: () => import('./runbooks/index.js'),
  servers: () => import('./servers/index.js'),
  'server-admin': () => import('./server-admin/index.js'),
  'workspace-settings': () => import('./workspace-settings/index.js'),
  command: () => import('./command/index.js'),
  events: () => import('./events/index.js'),
  websh: () => import('./websh/index.js'),
  webftp: () => import('./webftp/index.js'),
  metrics: () => import('./metrics/index.js'),
  sysinfo: () => import('./sysinfo/index.js'),
  iam: () => import('./iam/index.js'),
  'iam-apps': () => import('./iam-apps/index.js'),
  alerts: () => import('./alerts/index.js'),
  'work-sessions': () => import('./work-sessions/index.js'),
  approvals: () => import('./approvals/index.js'),
  security: () => import('./security/index.js'),
  tokens: () => import('./tokens/index.js'),
  packages: () => import('./packages/index.js'),
  certs: () => import('./certs/index.js'),
  audit: () => import('./audit/index.js'),
  webhooks: () => import('./webhooks/index.js'),
};

/**
 * Enabled when the config does not say otherwise: the classic domains. The further Alpacon domains are opt-in (name them in
 * `plugins`, or use "all") to keep the default tools/list small for the model's context.
 */
export const DEFAULT_PLUGINS: readonly string[] = [
  'workspace', 'servers', 'command', 'events', 'websh', 'webftp', 'metrics', 'sysinfo', 'iam', 'runbooks',
];

/** Descriptions of the built-in plugins (tools, resources, prompts, settings), written by the build step (plugins/prepare-schemas.ts). */
export const PREPARED_SCHEMAS = new URL('./prepared-schemas.json', import.meta.url);
