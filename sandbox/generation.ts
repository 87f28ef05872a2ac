/**
 * Which Alpacon server the sandbox plays.
 * - `current`: today's hosted service, as the official CLI (`alpacax/alpacon-cli`) speaks to it.
 * - `2024`: the open-source server `alpacanetworks/alpacon-server` (Apr 2024) that older self-hosted installs run.
 */
export const SANDBOX_GENERATIONS = ['current', '2024'] as const;
export type SandboxGeneration = (typeof SANDBOX_GENERATIONS)[number];
export const DEFAULT_GENERATION: SandboxGeneration = 'current';

export function isSandboxGeneration(value: unknown): value is SandboxGeneration {
  return typeof value === 'string' && (SANDBOX_GENERATIONS as readonly string[]).includes(value);
}

/** The generation named by `value` (undefined = the default); anything else is refused with the accepted values. */
export function parseGeneration(value: unknown): SandboxGeneration {
  if (value === undefined) return DEFAULT_GENERATION;
  if (isSandboxGeneration(value)) return value;
  throw new InvalidGenerationError(value);
}

export class InvalidGenerationError extends Error {
  constructor(readonly value: unknown) {
    super(`unknown sandbox generation ${JSON.stringify(value)}: expected one of ${SANDBOX_GENERATIONS.map((g) => `"${g}"`).join(', ')}`);
    this.name = 'InvalidGenerationError';
  }
}
