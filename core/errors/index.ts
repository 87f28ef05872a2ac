export { ErrorCode } from './codes.js';
export { AlpaconMcpError, isAlpaconMcpError, type ErrorDetails } from './alpacon-error.js';
export * from './errors.js';
export { successResult, errorResult, type ResultTarget, type ErrorBody } from './to-tool-result.js';
