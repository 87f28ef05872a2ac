import type * as Tsyringe from 'tsyringe';
import type { DependencyContainer, InjectionToken } from 'tsyringe';
import { requireCommonJs } from '../commonjs.js';
import type { Constructor } from '../decorators/metadata.js';

/** A DI token: a symbol from alpacon-mcp (`ALPACON`, `CONFIG`, ...), a plugin's own symbol, or a class. */
export type ServiceToken<T = unknown> = symbol | string | (new (...args: never[]) => T);

/**
 * What a plugin's `register(container)` receives: its own child container, so what it adds is visible to it alone. Core
 * services (ALPACON, CONFIG, LOGGER, LIFECYCLE, TOKEN_STORE) resolve through it; nothing of core's own machinery does.
 */
export interface PluginContainer {
  registerInstance<T>(token: ServiceToken<T>, value: T): void;
  /** One shared instance of `cls`, created on first resolve, under `token` (or the class itself). */
  registerSingleton<T>(token: ServiceToken<T>, cls?: new (...args: never[]) => T): void;
  resolve<T>(token: ServiceToken<T>): T;
  isRegistered(token: ServiceToken): boolean;
}

/**
 * Makes a class constructible by the running host's tsyringe. A plugin built against another copy of alpacon-mcp decorated its
 * classes with that copy's `@injectable()`, whose type table the host cannot see; the constructor's parameter tokens live in
 * Reflect metadata, which every copy shares, so applying the host's decorator again recovers them.
 */
export function adopt(cls: Constructor): void {
  requireCommonJs<typeof Tsyringe>('tsyringe').injectable()(cls as unknown as new () => unknown);
}

/** The plugin-facing view of a child container; every class passing through it is adopted first. */
export function pluginContainer(child: DependencyContainer): PluginContainer {
  const token = <T>(t: ServiceToken<T>): InjectionToken<T> => {
    if (typeof t === 'function') adopt(t);
    return t as InjectionToken<T>;
  };
  return {
    registerInstance: (t, value) => void child.registerInstance(token(t), value),
    registerSingleton: <T>(t: ServiceToken<T>, cls?: new (...args: never[]) => T) => {
      if (cls) {
        adopt(cls);
        child.registerSingleton(token(t), cls as unknown as InjectionToken<T>);
      } else {
        child.registerSingleton(token(t) as unknown as new () => T);
      }
    },
    resolve: (t) => child.resolve(token(t)),
    isRegistered: (t) => child.isRegistered(token(t), true),
  };
}
