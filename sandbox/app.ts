import type { SandboxContext } from './context.js';
import type { Router } from './http/types.js';
import { registerAbsentIn2024 } from './routes/absent-2024.js';
import { registerAdminRoutes } from './routes/admin-routes.js';
import { registerAuth } from './routes/auth.js';
import { registerCommands } from './routes/commands.js';
import { registerEventStream } from './routes/event-stream.js';
import { registerEvents } from './routes/events.js';
import { registerExtRoutes } from './routes/ext-routes.js';
import { registerIamGroups } from './routes/iam-groups.js';
import { registerIamUsers } from './routes/iam-users.js';
import { registerMetrics } from './routes/metrics.js';
import { registerNotes } from './routes/notes.js';
import { registerProc } from './routes/proc.js';
import { registerSecurityAcl } from './routes/security-acl.js';
import { registerServers } from './routes/servers.js';
import { registerWebftp } from './webftp/index.js';
import { registerWebsh } from './websh/index.js';

/** Every route module of the sandbox, REST first, then Websh and WebFTP. */
export function registerRoutes(router: Router, ctx: SandboxContext): void {
  registerAuth(router, ctx);
  registerServers(router, ctx);
  registerNotes(router, ctx);
  registerCommands(router, ctx);
  registerEvents(router, ctx);
  // The 2024 server has no events sessions (alpacon-server events/api/urls.py registers events and commands only).
  if (ctx.generation === 'current') registerEventStream(router, ctx);
  registerIamUsers(router, ctx);
  registerIamGroups(router, ctx);
  if (ctx.generation === '2024') registerAbsentIn2024(router);
  else registerMetrics(router, ctx);
  registerProc(router, ctx);
  registerSecurityAcl(router, ctx);
  registerExtRoutes(router, ctx);
  registerAdminRoutes(router, ctx);
  registerWebsh(router, ctx);
  if (ctx.generation !== '2024') registerWebftp(router, ctx);
}
