import type { SandboxContext } from '../context.js';
import type { Router } from '../http/types.js';
import { registerAdminRegistration } from './admin-registration.js';
import { registerAdminWorkspace } from './admin-workspace.js';

/** Admin endpoints of issue 11's servers/iam/workspace extensions, registered from app.ts in one line. */
export function registerAdminRoutes(router: Router, ctx: SandboxContext): void {
  registerAdminRegistration(router, ctx);
  registerAdminWorkspace(router, ctx);
}
