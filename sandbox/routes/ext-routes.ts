import type { SandboxContext } from '../context.js';
import type { Router } from '../http/types.js';
import { registerExtAlerts } from './ext-alerts.js';
import { registerExtApprovals } from './ext-approvals.js';
import { registerExtAudit } from './ext-audit.js';
import { registerExtCerts } from './ext-certs.js';
import { registerExtIamApps } from './ext-iam-apps.js';
import { registerExtPackages } from './ext-packages.js';
import { registerSessionAnalyses } from './ext-session-analyses.js';
import { registerExtTokens } from './ext-tokens.js';
import { registerExtWebhooks } from './ext-webhooks.js';
import { registerExtWorkSessions } from './ext-work-sessions.js';

/** The opt-in domains of issue 11 (alerts, work sessions, approvals, ...), registered from app.ts in one line. */
export function registerExtRoutes(router: Router, ctx: SandboxContext): void {
  registerExtAlerts(router, ctx);
  const workSessions = registerExtWorkSessions(router, ctx);
  registerSessionAnalyses(router, ctx, workSessions);
  registerExtApprovals(router, ctx);
  registerExtTokens(router, ctx);
  registerExtPackages(router, ctx);
  registerExtCerts(router, ctx);
  registerExtAudit(router, ctx);
  registerExtWebhooks(router, ctx);
  registerExtIamApps(router, ctx);
}
