import { inject as tsyringeInject, injectable as tsyringeInjectable } from 'tsyringe';
import type { Constructor } from './metadata.js';
import type { ServiceToken } from '../plugins/plugin-container.js';

/** Marks a class whose constructor takes services (`@inject(TOKEN)` parameters). Registers nothing anywhere. */
export function injectable(): (target: Constructor) => void {
  return (target) => tsyringeInjectable()(target as unknown as new () => unknown);
}

/** Asks for a service by token in a constructor parameter. */
export function inject(token: ServiceToken): ParameterDecorator {
  return tsyringeInject(token as symbol) as ParameterDecorator;
}
