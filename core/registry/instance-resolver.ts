import type { DependencyContainer, InjectionToken } from 'tsyringe';
import type { Constructor } from '../decorators/metadata.js';

export type InstanceResolver = (cls: Constructor) => Record<string, unknown>;

/** One instance per class, created on first use from the plugin's child container and shared by its tools, resources and prompts. */
export function instanceResolver(container: DependencyContainer): InstanceResolver {
  const instances = new Map<Constructor, Record<string, unknown>>();
  return (cls) => {
    let instance = instances.get(cls);
    if (!instance) {
      instance = container.resolve(cls as unknown as InjectionToken<Record<string, unknown>>);
      instances.set(cls, instance);
    }
    return instance;
  };
}
