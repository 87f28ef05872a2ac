import type { SandboxContext } from '../context.js';
import { ApiError, fieldErrors } from '../http/errors.js';
import { paginate } from '../http/pagination.js';
import type { Router } from '../http/types.js';
import { ANALYSIS_STATUSES, RISK_SCORES, seedSessionAnalyses, type SessionAnalysis } from '../world/ext-session-analyses.js';
import type { WorkSession } from '../world/ext-work-sessions.js';
import { isUuid } from './body-reader.js';
import { ExtStore, serverSummary, userSummary } from './ext-common.js';

const TERMINAL = ['completed', 'expired', 'revoked'];
const DETAIL_FIELDS = ['risk_factors', 'mitre_attack', 'threat_indicators', 'recommended_actions'] as const;

/**
 * Session analyses, as only the Python MCP server uses them: GET `/api/history/session-analyses/` (`server`, `status`,
 * `risk_score`, `page`, `page_size`) and `{id}/` (tools/audit_tools.py), and POST `/api/work-sessions/sessions/{id}/analyze/`
 * (`?force=true`) (tools/work_session_tools.py). Rules from the Python descriptions: only a terminal session (completed,
 * expired, revoked) can be analyzed; a running or completed analysis answers `already_exists`; `force` re-runs one stuck in
 * pending/processing and never a completed one. The sandbox analyzes at once; closing a session does not analyze it here.
 */
export function registerSessionAnalyses(router: Router, ctx: SandboxContext, sessions: ExtStore<WorkSession>): void {
  const { world } = ctx;
  const analyses = new ExtStore<SessionAnalysis>(seedSessionAnalyses(world));
  const json = (a: SessionAnalysis) => ({ ...a, server: serverSummary(world, a.server), user: userSummary(world, a.user) });
  const summaryJson = (a: SessionAnalysis) => {
    const full: Record<string, unknown> = json(a);
    for (const key of DETAIL_FIELDS) delete full[key];
    return full;
  };

  router.add('GET', '/api/history/session-analyses/', (req) => {
    let items = [...analyses.all()].sort((a, b) => (a.added_at < b.added_at ? 1 : -1));
    const server = req.query.get('server');
    if (server !== null && server !== '') {
      if (!isUuid(server) || world.servers.get(server) === undefined) throw fieldErrors({ server: ['Select a valid choice. That choice is not one of the available choices.'] });
      items = items.filter((a) => a.server === server);
    }
    for (const [key, allowed] of [['status', ANALYSIS_STATUSES], ['risk_score', RISK_SCORES]] as const) {
      const value = req.query.get(key);
      if (value === null || value === '') continue;
      if (!(allowed as readonly string[]).includes(value)) throw fieldErrors({ [key]: [`Select a valid choice. ${value} is not one of the available choices.`] });
      items = items.filter((a) => a[key] === value);
    }
    const page = paginate(req, items);
    return { status: 200, body: { ...page, results: page.results.map(summaryJson) } };
  });
  router.add('GET', '/api/history/session-analyses/:id/', (req) => ({ status: 200, body: json(analyses.find(req.params.id)) }));

  router.add('POST', '/api/work-sessions/sessions/:id/analyze/', (req) => {
    const session = sessions.find(req.params.id);
    if (!TERMINAL.includes(session.status)) {
      throw new ApiError(400, { detail: `Work session is ${session.status}; only completed, expired or revoked sessions can be analyzed.` });
    }
    const force = req.query.get('force') === 'true';
    const existing = analyses.all().find((a) => a.work_session === session.id && a.status !== 'failed');
    if (existing !== undefined && (existing.status === 'completed' || !force)) {
      return { status: 200, body: { status: 'already_exists', analysis_id: existing.id, analysis_status: existing.status } };
    }
    if (existing !== undefined) analyses.delete(existing.id);
    const now = new Date().toISOString();
    const analysis = analyses.add({
      id: world.newId(), work_session: session.id, server: session.servers[0] ?? '', user: session.assigned_user, status: 'completed',
      risk_score: 'low', summary: `Work session "${session.title || session.id}": nothing unusual.`, risk_factors: [], mitre_attack: [],
      threat_indicators: [], recommended_actions: [], added_at: now, analyzed_at: now,
    });
    return { status: 202, body: { status: 'queued', analysis_id: analysis.id } };
  });
}
