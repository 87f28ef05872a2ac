export { startHttpServer, type RunningHttpServer } from './http-server.js';
export { resolveHttpOptions, type HttpFlags } from './resolve-options.js';
export { HTTP_DEFAULTS, type HttpServeOptions } from './options.js';
