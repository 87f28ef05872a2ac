import type { ExtendOptions, Got } from 'got';

type GotModule = typeof import('got');

let loading: Promise<GotModule> | undefined;
let loaded: GotModule | undefined;

/**
 * got is imported on first use, not at start-up: serving initialize and tools/list needs no HTTP client, and the import
 * costs a noticeable share of cold start.
 */
function loadGot(): Promise<GotModule> {
  return (loading ??= import('got').then((module) => (loaded = module)));
}

/** A got instance with these defaults, created on first call. */
export function lazyGot(options: ExtendOptions): () => Promise<Got> {
  let client: Promise<Got> | undefined;
  return () => (client ??= loadGot().then((module) => module.default.extend(options)));
}

/** got's error classes, for instanceof checks on errors thrown by a request (so got is loaded by then). */
export function gotErrors(): Pick<GotModule, 'RequestError' | 'HTTPError' | 'CancelError'> {
  return gotModule();
}

/** got's Options class, for defaults built once and handed to each request (so got is loaded by then). */
export function gotOptions(): GotModule['Options'] {
  return gotModule().Options;
}

function gotModule(): GotModule {
  if (!loaded) throw new Error('got is not loaded yet');
  return loaded;
}
