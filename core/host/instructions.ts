import type { PluginManifest } from '../plugins/manifest.js';
import type { PluginStatus } from '../plugins/plugin-status.js';
import { explainSharedArguments } from '../dto/shared-arguments.js';

/** Server instructions: how workspace/region and server ids work, and what each enabled plugin offers. */
export function buildInstructions(
  plugins: readonly Pick<PluginManifest, 'name' | 'instructions' | 'sharedArguments'>[],
  defaults: { workspace?: string; region: string; regionOf?: (workspace: string) => string | undefined },
  skipped: readonly PluginStatus[] = [],
): string {
  const lines = [
    'alpacon-mcp operates servers managed by Alpacon (alpacon.io).',
    defaults.workspace
      ? `Every Alpacon tool works on workspace "${defaults.workspace}" in region "${defaults.regionOf?.(defaults.workspace) ?? defaults.region}" (another one can still be named with the "workspace" and "region" arguments).`
      : `Every Alpacon tool takes "workspace" (required; list_workspaces shows the configured ones) and "region" (default: the region the workspace is configured in, else "${defaults.region}").`,
    'Errors carry a stable code and a hint saying what to do.',
    'Arguments many tools share (their schemas do not repeat this):',
    ...explainSharedArguments().map((line) => `- ${line}`),
  ];
  const offered = plugins
    .filter((p) => p.instructions || p.sharedArguments)
    .map((p) => {
      const shared = p.sharedArguments ? `Arguments: ${explainSharedArguments(p.sharedArguments).join('; ')}.` : '';
      return `- ${p.name}: ${[p.instructions, shared].filter(Boolean).join(' ')}`;
    });
  if (offered.length > 0) lines.push('Enabled domains:', ...offered);
  if (skipped.length > 0) {
    // A client rarely shows the server's stderr: the user learns of a broken plugin here, through the model.
    lines.push(
      'Plugins the operator configured but alpacon-mcp skipped (their tools are missing; tell the user, `alpacon-mcp plugins` shows details):',
      ...skipped.map((p) => `- ${p.name}: ${p.reason ?? 'skipped'}${p.hint ? ` Fix: ${p.hint}` : ''}`),
    );
  }
  return lines.join('\n');
}
