import type { SandboxContext } from '../context.js';
import { paginate } from '../http/pagination.js';
import type { Router } from '../http/types.js';
import { seedAlerts, type FiredAlert } from '../world/ext-alerts.js';
import { BodyReader, queryBool } from './body-reader.js';
import { ExtStore, serverSummary } from './ext-common.js';

/** Fired alerts (`/api/alerts/`, from the Python MCP server): list with filters, detail, mute. Rules live in alert-rules.ts. */
export function registerExtAlerts(router: Router, ctx: SandboxContext): void {
  const { world } = ctx;
  const alerts = new ExtStore<FiredAlert>(seedAlerts(world));
  const json = (alert: FiredAlert) => ({ ...alert, server: serverSummary(world, alert.server) });

  router.add('GET', '/api/alerts/', (req) => {
    let items = alerts.all();
    const server = req.query.get('server');
    if (server !== null) items = items.filter((a) => a.server === server);
    const status = req.query.get('status');
    if (status !== null && status !== '') items = items.filter((a) => a.status === status);
    const acknowledged = queryBool(req.query, 'acknowledged');
    if (acknowledged !== undefined) items = items.filter((a) => a.acknowledged === acknowledged);
    const dismissed = queryBool(req.query, 'dismissed');
    if (dismissed !== undefined) items = items.filter((a) => a.dismissed === dismissed);
    const page = paginate(req, items);
    return { status: 200, body: { ...page, results: page.results.map(json) } };
  });
  router.add('GET', '/api/alerts/:id/', (req) => ({ status: 200, body: json(alerts.find(req.params.id)) }));
  router.add('POST', '/api/alerts/:id/mute/', (req) => {
    const alert = alerts.find(req.params.id);
    const reader = new BodyReader(req.body);
    const minutes = reader.number('duration');
    if (minutes !== undefined && (minutes < 1 || !Number.isInteger(minutes))) reader.error('duration', 'Ensure this value is a positive integer.');
    reader.done();
    alert.muted_until = new Date(Date.now() + (minutes ?? 60) * 60_000).toISOString();
    return { status: 200, body: json(alert) };
  });
}
