import { ALPACON, AlpaconClient, Effects, inject, injectable, InvalidInputError, reply, Tool, type ToolContext, summarizePage } from '../../core/index.js';
import { CreateAlertRuleInput, DeleteAlertRuleInput, GetAlertInput, ListAlertsInput, MuteAlertInput, RULE_FIELDS, UpdateAlertRuleInput } from './dto.js';

interface Alert {
  id: string;
  status?: string;
  [key: string]: unknown;
}

interface AlertRule {
  id: string;
  name: string;
  [key: string]: unknown;
}

const RULES = '/api/metrics/alert-rules/';

/** What list_alerts shows of each alert by default. */
const ALERT_SUMMARY = ['id', 'rule_name', 'server.name', 'status', 'value', 'threshold', 'added_at'];

@injectable()
export class AlertTools {
  constructor(@inject(ALPACON) private readonly alpacon: AlpaconClient) {}

  @Tool({
    name: 'list_alerts',
    alwaysLoad: true,
    title: 'List alerts',
    description: 'Fired metric alerts, filtered by server, status, acknowledged or dismissed. Rules: get_alert_rules.',
    input: ListAlertsInput,
    annotations: Effects.read,
    searchHint: 'alerts fired triggered monitoring',
  })
  async listAlerts({ server_id, status, acknowledged, dismissed, fields, page = 1, page_size = 20, ...target }: ListAlertsInput, ctx: ToolContext) {
    const result = await this.alpacon.page<Alert>(target, '/api/alerts/', page, page_size, {
      query: { server: server_id, status, acknowledged, dismissed },
      signal: ctx.signal,
    });
    const more = result.next_page ? ` More on page ${result.next_page}.` : '';
    return reply(summarizePage(result, ALERT_SUMMARY, fields), `${result.results.length} of ${result.count} alert(s).${more}`);
  }

  @Tool({
    name: 'get_alert',
    title: 'Get alert',
    description: 'One fired alert by alert_id (from list_alerts).',
    input: GetAlertInput,
    annotations: Effects.read,
    searchHint: 'alert details',
  })
  async getAlert({ alert_id, ...target }: GetAlertInput, ctx: ToolContext) {
    const alert = await this.alpacon.get<Alert>(target, `/api/alerts/${alert_id}/`, { resource: { what: 'Alert', id: alert_id }, signal: ctx.signal });
    return reply(alert, `Alert ${alert.id}${alert.status ? ` (${alert.status})` : ''}.`);
  }

  @Tool({
    name: 'mute_alert',
    title: 'Mute alert',
    description: 'Silences notifications of a known alert for duration minutes.',
    input: MuteAlertInput,
    annotations: Effects.update,
    searchHint: 'alert mute silence snooze',
  })
  async muteAlert({ alert_id, duration, ...target }: MuteAlertInput, ctx: ToolContext) {
    const body = duration === undefined ? {} : { duration };
    const alert = await this.alpacon.post<Alert>(target, `/api/alerts/${alert_id}/mute/`, body, { resource: { what: 'Alert', id: alert_id }, signal: ctx.signal });
    return reply(alert, `Alert ${alert_id} muted${duration === undefined ? '' : ` for ${duration} min`}.`);
  }

  @Tool({
    name: 'create_alert_rule',
    title: 'Create alert rule',
    description: 'Adds a metric alert rule (e.g. cpu gt 90).',
    input: CreateAlertRuleInput,
    annotations: Effects.create,
    searchHint: 'alert rule threshold add',
  })
  async createAlertRule(input: CreateAlertRuleInput, ctx: ToolContext) {
    const rule = await this.alpacon.post<AlertRule>(input, RULES, ruleFields(input), { signal: ctx.signal });
    return reply(rule, `Alert rule ${rule.name} created (${rule.id}).`);
  }

  @Tool({
    name: 'update_alert_rule',
    title: 'Update alert rule',
    description: 'Changes only the given fields of an alert rule.',
    input: UpdateAlertRuleInput,
    annotations: Effects.update,
    searchHint: 'alert rule edit disable threshold',
  })
  async updateAlertRule(input: UpdateAlertRuleInput, ctx: ToolContext) {
    const changes = ruleFields(input);
    if (Object.keys(changes).length === 0) {
      throw new InvalidInputError([{ field: '(arguments)', problems: [`give at least one field to change: ${RULE_FIELDS.join(', ')}`] }]);
    }
    const rule = await this.alpacon.patch<AlertRule>(input, `${RULES}${input.rule_id}/`, changes, {
      resource: { what: 'Alert rule', id: input.rule_id },
      signal: ctx.signal,
    });
    return reply(rule, `Alert rule ${rule.name} updated: ${Object.keys(changes).join(', ')}.`);
  }

  @Tool({
    name: 'delete_alert_rule',
    title: 'Delete alert rule',
    description: 'Deletes an alert rule for good. To pause it, update enabled=false.',
    input: DeleteAlertRuleInput,
    annotations: Effects.destructive,
    searchHint: 'alert rule remove',
  })
  async deleteAlertRule({ rule_id, ...target }: DeleteAlertRuleInput, ctx: ToolContext) {
    await this.alpacon.delete(target, `${RULES}${rule_id}/`, { resource: { what: 'Alert rule', id: rule_id }, signal: ctx.signal });
    return reply({ deleted: true, rule_id }, `Alert rule ${rule_id} deleted.`);
  }
}

function ruleFields(input: Partial<Record<(typeof RULE_FIELDS)[number], unknown>>): Record<string, unknown> {
  return Object.fromEntries(RULE_FIELDS.filter((key) => input[key] !== undefined).map((key) => [key, input[key]]));
}
