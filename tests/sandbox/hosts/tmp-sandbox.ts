// TEMPORARY: until S1 wires Websh/WebFTP in sandbox/app.ts. Delete when wired.
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { registerRoutes } from '../../../sandbox/app.js';
import type { SandboxContext } from '../../../sandbox/context.js';
import { AccessControl } from '../../../sandbox/http/access-control.js';
import { JwtIssuer } from '../../../sandbox/http/auth.js';
import { FaultController } from '../../../sandbox/http/faults.js';
import { RequestLog } from '../../../sandbox/http/request-log.js';
import { SandboxRouter } from '../../../sandbox/http/router.js';
import { createSandboxServer } from '../../../sandbox/http/server.js';
import { registerWebftp } from '../../../sandbox/webftp/index.js';
import { registerWebsh } from '../../../sandbox/websh/index.js';
import { CommandService, DEFAULT_APPROVAL_PATTERN } from '../../../sandbox/world/commands.js';
import { World } from '../../../sandbox/world/world.js';

export async function startSandbox(options: { servers?: number; commandStepMs?: number } = {}) {
  const dataDir = await mkdtemp(join(tmpdir(), 'alpacon-sandbox-'));
  const token = 'sandbox-token';
  const world = new World({ seed: 42, servers: options.servers ?? 5, token, dataDir });
  const faults = new FaultController(42);
  const requests = new RequestLog();
  const access = new AccessControl(world, false);
  const commands = new CommandService(world, { stepMs: options.commandStepMs ?? 20, approvalPattern: DEFAULT_APPROVAL_PATTERN });
  const jwt = new JwtIssuer('x');
  const router = new SandboxRouter();
  const cleanups: Array<() => void | Promise<void>> = [];
  let port = 0;
  const ctx: SandboxContext = {
    world, faults, requests, commands, access, dataDir, seed: 42,
    baseUrl: () => `http://127.0.0.1:${port}`, wsBaseUrl: () => `ws://127.0.0.1:${port}`, onStop: (c) => cleanups.push(c),
  };
  await registerRoutes(router, ctx);
  registerWebsh(router, ctx);
  registerWebftp(router, ctx);
  const { server, sockets } = createSandboxServer({ router, world, faults, requests, access, jwt });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  port = (server.address() as AddressInfo).port;
  return {
    url: ctx.baseUrl(), token, world, faults, requests,
    stop: async () => {
      commands.stop();
      for (const cleanup of cleanups.reverse()) await cleanup();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
export type Sandbox = Awaited<ReturnType<typeof startSandbox>>;
