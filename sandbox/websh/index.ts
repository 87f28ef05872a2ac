import type { SandboxContext } from '../context.js';
import type { Router } from '../http/types.js';
import { registerWebshRest } from './rest.js';
import { createWebshUpgrade } from './socket.js';
import { WebshStore } from './store.js';

/** Websh: REST sessions and user channels, plus the terminal WebSocket under `/ws/websh/`. */
export function registerWebsh(router: Router, ctx: SandboxContext): WebshStore {
  const store = new WebshStore();
  registerWebshRest(router, ctx, store);
  const upgrade = createWebshUpgrade(store, ctx.latency.terminalReadyMs);
  router.onUpgrade('/ws/websh/', upgrade.handle);
  ctx.onStop(() => {
    for (const session of store.sessions.values()) session.terminal.close('Sandbox stopped');
    upgrade.close();
  });
  return store;
}
