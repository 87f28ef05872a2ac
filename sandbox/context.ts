import type { CommandService } from './world/commands.js';
import type { FaultController } from './http/faults.js';
import type { RequestLog } from './http/request-log.js';
import type { Principal } from './http/types.js';
import type { World } from './world/world.js';
import type { AccessControl } from './http/access-control.js';
import type { SandboxGeneration } from './generation.js';
import type { LatencyProfile } from './latency.js';

/** What every route module receives (REST modules here, and S2's `registerWebsh` / `registerWebftp`). */
export interface SandboxContext {
  readonly world: World;
  readonly faults: FaultController;
  readonly requests: RequestLog;
  readonly commands: CommandService;
  readonly access: AccessControl;
  /** Per-sandbox temp dir for blobs; removed on stop. */
  readonly dataDir: string;
  readonly seed: number;
  /** Which server the sandbox plays (`current` or `2024`); routes answer in that generation's shapes. */
  readonly generation: SandboxGeneration;
  /** Delays of a real workspace (none by default). */
  readonly latency: LatencyProfile;
  /** `http://127.0.0.1:PORT` — valid once the server listens (route handlers may always call it). */
  baseUrl(): string;
  /** `ws://127.0.0.1:PORT` */
  wsBaseUrl(): string;
  /** Called on stop, in reverse order of registration (close sockets, timers). */
  onStop(cleanup: () => void | Promise<void>): void;
}

/** The authenticated principal of a request on an `auth: true` route. */
export function principalOf(req: { principal?: Principal }): Principal {
  if (req.principal === undefined) throw new Error('Route registered without auth has no principal');
  return req.principal;
}
