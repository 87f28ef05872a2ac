import { afterAll, beforeAll, describe } from '@jest/globals';
import { connectToSandbox, type ConnectOptions, type SandboxCredential, type SandboxedConnection } from '../helpers/in-process.js';
import { SANDBOX_GENERATIONS, type SandboxGeneration, type SandboxOptions } from '../../sandbox/index.js';

/**
 * Contract suite helper: runs the same `describe` body against every server generation the sandbox plays
 * (`current` = today's service as the official CLI speaks to it, `2024` = alpacanetworks/alpacon-server), each with an
 * in-process MCP host connected to its own sandbox. Every fixture in `tests/contract/` cites the section-0 fact of
 * `shared/alpacon-api.md` and the official file it encodes.
 */
export interface GenerationHarness {
  readonly generation: SandboxGeneration;
  /** The connected host + sandbox; call it inside tests (it exists after `beforeAll`). */
  mcp(): SandboxedConnection;
  /** The value for this generation out of one per generation. */
  pick<T>(values: Record<SandboxGeneration, T>): T;
}

export interface GenerationOptions extends ConnectOptions {
  sandbox?: SandboxOptions;
  /** The credential the host is configured with (default: the sandbox's API token, what token.json holds). */
  credential?: SandboxCredential;
}

export function describeGenerations(title: string, body: (harness: GenerationHarness) => void, options: GenerationOptions = {}): void {
  describe.each(SANDBOX_GENERATIONS.map((generation) => [generation]))(`${title} [%s server]`, (generation: SandboxGeneration) => {
    let connection: SandboxedConnection | undefined;
    beforeAll(async () => {
      // Every plugin, and the sandbox's workspace as the default so fixtures need not repeat it.
      connection = await connectToSandbox({
        rc: { plugins: ['all'] },
        ...options,
        overrides: { defaultWorkspace: options.sandbox?.workspace ?? 'sandbox', ...options.overrides },
        sandbox: { ...options.sandbox, generation },
      });
    });
    afterAll(async () => connection?.close());
    body({
      generation,
      mcp: () => {
        if (connection === undefined) throw new Error('describeGenerations: the connection exists only inside tests');
        return connection;
      },
      pick: (values) => values[generation],
    });
  });
}

export { SANDBOX_GENERATIONS, type SandboxGeneration };
