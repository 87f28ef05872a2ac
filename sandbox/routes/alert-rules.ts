import type { SandboxContext } from '../context.js';
import { notFound } from '../http/errors.js';
import { paginate } from '../http/pagination.js';
import type { Router } from '../http/types.js';
import type { AlertRule } from '../world/models.js';
import { BodyReader, isUuid, queryBool } from './body-reader.js';

const METRIC_TYPES = ['cpu', 'memory', 'disk', 'disk-usage', 'disk-io', 'traffic'];
const CONDITIONS = ['gt', 'gte', 'lt', 'lte', 'eq'];

export function registerAlertRules(router: Router, ctx: SandboxContext): void {
  const { world } = ctx;
  const path = '/api/metrics/alert-rules/';
  const find = (id: string): AlertRule => {
    const rule = isUuid(id) ? world.alertRules.get(id) : undefined;
    if (rule === undefined) throw notFound();
    return rule;
  };
  const read = (reader: BodyReader, creating: boolean) => {
    const metric = reader.string('metric_type', { required: creating });
    if (metric !== undefined && !METRIC_TYPES.includes(metric)) reader.error('metric_type', `"${metric}" is not a valid choice.`);
    const condition = reader.string('condition', { required: creating });
    if (condition !== undefined && !CONDITIONS.includes(condition)) reader.error('condition', `"${condition}" is not a valid choice.`);
    const threshold = reader.number('threshold', creating);
    if (threshold !== undefined && (threshold < 0 || threshold > 100) && metric !== 'disk-io' && metric !== 'traffic') {
      reader.error('threshold', 'Ensure this value is between 0 and 100.');
    }
    return {
      name: reader.string('name', { required: creating, max: 128 }), metric_type: metric, condition, threshold,
      enabled: reader.boolean('enabled'), description: reader.string('description', { allowBlank: true, max: 512 }),
      servers: reader.references('servers', (id) => world.servers.get(id) !== undefined),
      notification_channels: reader.stringList('notification_channels'),
    };
  };
  const apply = (rule: AlertRule, fields: ReturnType<typeof read>) => {
    for (const [key, value] of Object.entries(fields)) if (value !== undefined) (rule as unknown as Record<string, unknown>)[key] = value;
    rule.updated_at = new Date().toISOString();
  };

  router.add('GET', path, (req) => {
    let rules = world.alertRules.all();
    const server = req.query.get('server');
    if (server !== null) rules = rules.filter((r) => r.servers.length === 0 || r.servers.includes(server));
    const enabled = queryBool(req.query, 'enabled');
    if (enabled !== undefined) rules = rules.filter((r) => r.enabled === enabled);
    return { status: 200, body: paginate(req, rules) };
  });
  router.add('POST', path, (req) => {
    const reader = new BodyReader(req.body);
    const fields = read(reader, true);
    reader.done();
    const now = new Date().toISOString();
    const rule: AlertRule = {
      id: world.newId(), name: '', metric_type: '', condition: '', threshold: 0, enabled: true, servers: [], notification_channels: [],
      description: '', added_at: now, updated_at: now,
    };
    apply(rule, fields);
    world.alertRules.add(rule);
    return { status: 201, body: rule };
  });
  router.add('GET', `${path}:id/`, (req) => ({ status: 200, body: find(req.params.id) }));
  router.add('PATCH', `${path}:id/`, (req) => {
    const rule = find(req.params.id);
    const reader = new BodyReader(req.body, true);
    const fields = read(reader, false);
    reader.done();
    apply(rule, fields);
    return { status: 200, body: rule };
  });
  router.add('DELETE', `${path}:id/`, (req) => {
    world.alertRules.delete(find(req.params.id).id);
    return { status: 204 };
  });
}
