import type * as Tsyringe from 'tsyringe';
import { requireCommonJs } from '../commonjs.js';
import type { Constructor } from './metadata.js';
import type { ServiceToken } from '../plugins/plugin-container.js';

const { inject: tsyringeInject, injectable: tsyringeInjectable } = requireCommonJs<typeof Tsyringe>('tsyringe');

/** Marks a class whose constructor takes services (`@inject(TOKEN)` parameters). Registers nothing anywhere. */
export function injectable(): (target: Constructor) => void {
  return (target) => tsyringeInjectable()(target as unknown as new () => unknown);
}

/** Asks for a service by token in a constructor parameter. */
export function inject(token: ServiceToken): ParameterDecorator {
  return tsyringeInject(token as symbol) as ParameterDecorator;
}
