import { appendPromptMetadata, type PromptOptions } from './metadata.js';

/** Marks a method as an MCP prompt: `(args) => text` of the user message. Records metadata only. */
export function Prompt(options: PromptOptions): MethodDecorator {
  return (target, propertyKey) => {
    appendPromptMetadata(target.constructor, { ...options, method: String(propertyKey) });
  };
}
