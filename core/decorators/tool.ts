import { appendToolMetadata, type ToolOptions } from './metadata.js';

/** Marks a method as an MCP tool. Records metadata only; the registry validates and builds the tool at startup. */
export function Tool(options: ToolOptions): MethodDecorator {
  return (target, propertyKey) => {
    appendToolMetadata(target.constructor, { ...options, method: String(propertyKey) });
  };
}
