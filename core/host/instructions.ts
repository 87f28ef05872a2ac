import type { PluginManifest } from '../plugins/manifest.js';

/** Server instructions: how workspace/region and server ids work, and what each enabled plugin offers. */
export function buildInstructions(plugins: readonly PluginManifest[], defaults: { workspace?: string; region: string }): string {
  const lines = [
    'alpacon-mcp operates servers managed by Alpacon (alpacon.io).',
    defaults.workspace
      ? `Every Alpacon tool takes "workspace" (default "${defaults.workspace}") and "region" (default "${defaults.region}").`
      : `Every Alpacon tool takes "workspace" (required; list_workspaces shows the configured ones) and "region" (default "${defaults.region}").`,
    'Server ids are UUIDs: get them from list_servers, never guess them. Errors carry a stable code and a hint saying what to do.',
  ];
  const offered = plugins.filter((p) => p.instructions).map((p) => `- ${p.name}: ${p.instructions}`);
  if (offered.length > 0) lines.push('Enabled domains:', ...offered);
  return lines.join('\n');
}
