import type { SandboxContext } from './context.js';
import type { Router } from './http/types.js';
import { registerAuth } from './routes/auth.js';
import { registerCommands } from './routes/commands.js';
import { registerEvents } from './routes/events.js';
import { registerNotes } from './routes/notes.js';
import { registerServers } from './routes/servers.js';

/** Every route module of the sandbox, REST first, then Websh and WebFTP. */
export async function registerRoutes(router: Router, ctx: SandboxContext): Promise<void> {
  registerAuth(router, ctx);
  registerServers(router, ctx);
  registerNotes(router, ctx);
  registerCommands(router, ctx);
  registerEvents(router, ctx);
}
