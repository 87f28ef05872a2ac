import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { registerRoutes } from './app.js';
import type { SandboxContext } from './context.js';
import { parseGeneration, type SandboxGeneration } from './generation.js';
import { AccessControl } from './http/access-control.js';
import { JwtIssuer } from './http/auth.js';
import { FaultController, type FaultConfig, type FaultRule } from './http/faults.js';
import { RequestLog } from './http/request-log.js';
import { SandboxRouter } from './http/router.js';
import type { Router } from './http/types.js';
import { workSessionGate } from './http/work-session-gate.js';
import { NO_LATENCY, type LatencyProfile } from './latency.js';
import { cancelDelays, createSandboxServer } from './http/server.js';
import { CommandService, DEFAULT_APPROVAL_PATTERN } from './world/commands.js';
import type { TokenAcl } from './world/models.js';
import { iso } from './world/seed-world.js';
import { World } from './world/world.js';

export interface SandboxOptions {
  /** Port to listen on; 0 (default) picks a free one. */
  port?: number;
  /** Address to bind (default 127.0.0.1). */
  host?: string;
  /** Number of simulated servers (default 5). */
  servers?: number;
  /** Seed of the world (default 42): same seed, same world. */
  seed?: number;
  workspace?: string;
  region?: string;
  /** API token of the staff user `sandbox-admin` (default 'sandbox-token'). */
  token?: string;
  /** Initial faults: the short form (`{error5xx: 0.1}`) or a list of rules. */
  faults?: FaultConfig | FaultRule[];
  /** Answer every authenticated request with 401 `auth_mfa_required` (switchable later via `access.mfaRequired`). */
  mfaRequired?: boolean;
  /** Duration of each command state transition in ms (default 20). */
  commandStepMs?: number;
  /** Command lines that park in `awaiting_approval` (default: reboot, shutdown, poweroff, halt). */
  approvalPattern?: RegExp;
  /**
   * Extra routes, for a plugin's own endpoints: `(router) => router.add('GET', '/api/acme/reports/', (req) => ({ status: 200,
   * body: ... }))`. Added before the built-in routes, so an equally specific built-in path can be replaced too.
   */
  routes?: (router: Router) => void;
  /** Refuse command submits, Websh sessions and WebFTP transfers without a live `work_session` (403 `work_session_*`). */
  requireWorkSession?: boolean;
  /** Which server to play: `current` (default, today's service) or `2024` (the open-source alpacon-server). */
  generation?: SandboxGeneration;
  /** Delays of a real workspace on REST answers, WebSocket handshakes and new terminals (default none; see latency.ts). */
  latency?: LatencyProfile;
}

export interface Sandbox {
  url: string;
  generation: SandboxGeneration;
  token: string;
  workspace: string;
  region: string;
  requests: RequestLog;
  faults: FaultController;
  world: World;
  commands: CommandService;
  access: AccessControl;
  /** A valid `Bearer` JWT of `sandbox-admin`, valid for a day. */
  jwt: string;
  /** Issues a JWT for another workspace user. */
  issueJwt(username: string, ttlSeconds?: number): string;
  /** Adds an API token (for ACL tests); returns its key and id. */
  addToken(options?: { name?: string; username?: string; acl?: TokenAcl; enabled?: boolean; expiresAt?: string | null; source?: 'api' | 'login' }): { id: string; key: string };
  /** Switches the workspace setting "work session required" (see `requireWorkSession`). */
  setRequireWorkSession(required: boolean): void;
  stop(): Promise<void>;
}

export type { SandboxContext } from './context.js';
export { SANDBOX_GENERATIONS, DEFAULT_GENERATION, isSandboxGeneration, parseGeneration, InvalidGenerationError, type SandboxGeneration } from './generation.js';
export type { FaultConfig, FaultRule } from './http/faults.js';
export type { LoggedRequest, RequestFilter } from './http/request-log.js';
export type { Router, SandboxRequest, Reply, Handler, RouteOptions, Principal } from './http/types.js';
export { ApiError } from './http/errors.js';
export { paginate, cursorPaginate } from './http/pagination.js';
export { parseFaults, FaultController } from './http/faults.js';
export { RequestLog } from './http/request-log.js';

export { NO_LATENCY, REAL_WORKSPACE_LATENCY, type LatencyProfile } from './latency.js';

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const generation = parseGeneration(options.generation);
  const seed = options.seed ?? 42;
  const token = options.token ?? 'sandbox-token';
  const workspace = options.workspace ?? 'sandbox';
  const region = options.region ?? 'ap1';
  const host = options.host ?? '127.0.0.1';
  const latency = options.latency ?? NO_LATENCY;
  const dataDir = await mkdtemp(join(tmpdir(), 'alpacon-sandbox-'));
  const world = new World({ seed, servers: options.servers ?? 5, token, dataDir });
  const faults = new FaultController(seed);
  if (Array.isArray(options.faults)) options.faults.forEach((rule) => faults.add(rule));
  else if (options.faults !== undefined) faults.configure(options.faults);
  const requests = new RequestLog();
  const access = new AccessControl(world, options.mfaRequired ?? false);
  const commands = new CommandService(world, {
    stepMs: options.commandStepMs ?? 20, approvalPattern: options.approvalPattern ?? DEFAULT_APPROVAL_PATTERN,
    queueWhileDisconnected: generation === '2024',
  });
  const jwtIssuer = new JwtIssuer(`sandbox-jwt-secret-${seed}-${token}`);
  const router = new SandboxRouter();
  const cleanups: (() => void | Promise<void>)[] = [];
  let port = 0;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  const ctx: SandboxContext = {
    world, faults, requests, commands, access, dataDir, seed, generation, latency,
    baseUrl: () => `http://${urlHost}:${port}`,
    wsBaseUrl: () => `ws://${urlHost}:${port}`,
    onStop: (cleanup) => cleanups.push(cleanup),
  };
  const issueJwt = (username: string, ttlSeconds = 86_400): string => {
    const user = world.findUserByUsername(username);
    if (user === undefined) throw new Error(`No workspace user "${username}"`);
    return jwtIssuer.issue({
      sub: user.id, exp: Math.floor(Date.now() / 1000) + ttlSeconds,
      'https://alpacon.io/workspaces': [{ schema_name: workspace, auth0_id: `org_${workspace}`, region }],
    });
  };
  options.routes?.(router);
  registerRoutes(router, ctx);
  workSessionGate(world).required = options.requireWorkSession ?? false;

  const httpDeps = { generation, router, world, faults, requests, access, jwt: jwtIssuer, latency };
  const { server, sockets } = createSandboxServer(httpDeps);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, host, () => resolve());
    });
  } catch (error) {
    commands.stop();
    for (const cleanup of cleanups.reverse()) await cleanup();
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  port = (server.address() as AddressInfo).port;

  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopped ??= (async () => {
      commands.stop();
      cancelDelays(httpDeps);
      for (const cleanup of cleanups.reverse()) await cleanup();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
      await rm(dataDir, { recursive: true, force: true });
    })();
    return stopped;
  };

  return {
    url: ctx.baseUrl(), generation, token, workspace, region, requests, faults, world, commands, access,
    jwt: issueJwt('sandbox-admin'), issueJwt, stop,
    setRequireWorkSession: (required) => { workSessionGate(world).required = required; },
    addToken: (tokenOptions = {}) => {
      const user = world.findUserByUsername(tokenOptions.username ?? 'sandbox-admin');
      if (user === undefined) throw new Error(`No workspace user "${tokenOptions.username ?? ''}"`);
      const id = world.newId();
      const key = `sandbox-${id.replace(/-/g, '')}`;
      world.tokens.add({
        id, key, name: tokenOptions.name ?? `token-${world.tokens.size + 1}`, user: user.id, enabled: tokenOptions.enabled ?? true,
        scopes: ['*:*'], expires_at: tokenOptions.expiresAt ?? null, updated_at: iso(Date.now()), acl: tokenOptions.acl ?? {},
        source: tokenOptions.source ?? 'api',
      });
      return { id, key };
    },
  };
}
