/**
 * Module resolution hook (runs on Node's loader thread): a plugin that imports `alpacon-mcp` where no copy is installed
 * (a plugin in the user's config folder, the host run through npx or a global install) gets the running host. A plugin that
 * has its own copy keeps it: brands make a second copy work.
 */
import type { InitializeHook, ResolveHook } from 'node:module';

let hostManifestUrl: string | undefined;

export const initialize: InitializeHook<{ hostManifestUrl: string }> = (data) => {
  hostManifestUrl = data.hostManifestUrl;
};

export const resolve: ResolveHook = async (specifier, context, nextResolve) => {
  try {
    return await nextResolve(specifier, context);
  } catch (error) {
    const missing = (error as { code?: string }).code === 'ERR_MODULE_NOT_FOUND';
    if (!missing || !hostManifestUrl || !(specifier === 'alpacon-mcp' || specifier.startsWith('alpacon-mcp/'))) throw error;
    // Resolved from inside the host package: Node's package self-reference finds the host's own "exports".
    return nextResolve(specifier, { ...context, parentURL: hostManifestUrl });
  }
};
