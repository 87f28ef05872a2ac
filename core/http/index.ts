export { AlpaconClient, USER_AGENT, type CallOptions, type Query, type QueryValue, type Collected, type AlpaconClientOptions } from './alpacon-client.js';
export type { AlpaconTarget } from './target.js';
export { resolveBaseUrl, DEFAULT_BASE_URL } from './base-url.js';
export { normalizePage, MAX_PAGE_SIZE, type Page } from './pagination.js';
export { apiError, parseApiErrorBody, type ResourceRef } from './api-errors.js';
export { CircuitBreaker } from './circuit-breaker.js';
