export { Tool } from './tool.js';
export { Resource } from './resource.js';
export { Prompt } from './prompt.js';
export { Effects, type ToolEffects } from './effects.js';
export {
  readToolMetadata,
  readResourceMetadata,
  readPromptMetadata,
  type ToolMetadata,
  type ToolOptions,
  type ResourceOptions,
  type PromptOptions,
  type Constructor,
} from './metadata.js';
