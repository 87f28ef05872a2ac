export { Tool } from './tool.js';
export { Effects, type ToolEffects } from './effects.js';
export { readToolMetadata, type ToolMetadata, type ToolOptions, type Constructor } from './metadata.js';
