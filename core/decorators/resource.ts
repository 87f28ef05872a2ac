import { appendResourceMetadata, type ResourceOptions } from './metadata.js';

/** Marks a method as the reader of an MCP resource template: `(params, context) => data`. Records metadata only. */
export function Resource(options: ResourceOptions): MethodDecorator {
  return (target, propertyKey) => {
    appendResourceMetadata(target.constructor, { ...options, method: String(propertyKey) });
  };
}
