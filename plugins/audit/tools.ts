import {
  acceptedOnly, ALPACON, AlpaconClient, Effects, inject, injectable, reply, Tool, type AlpaconTarget, type Query, type ToolContext, summarizeItems, summarizePage,
  type ItemShape,
} from '../../core/index.js';
import { GetActivityLogInput, GetSessionAnalysisDetailInput, ListActivityLogsInput, ListServerLogsInput, ListSessionAnalysesInput, ListWebFtpLogsInput } from './dto.js';

interface CursorBody {
  next?: string | null;
  results?: unknown[];
}

/** The Python server took page numbers; these lists are cursor-paged, so only the first page has a number. */
const PYTHON_PAGE = { page: acceptedOnly('page', [1], 'these lists are cursor-paged: pass a result\'s next_cursor as cursor for older entries') };

/** Audit trails (paths from alpacon-cli api/audit, api/log and the WebFTP log list): newest first, cursor-paged. */
/** What each list shows of an entry by default (the `fields` argument adds the rest). */
const ACTIVITY_SUMMARY = ['id', 'username', 'action', 'description', 'status_code', 'added_at'];
const LOG_SUMMARY = ['id', 'added_at', 'level', 'name', 'msg'];
const TRANSFER_SUMMARY = ['server.name', 'user.name', 'file_name', 'action', 'size', 'success', 'added_at'];

/** What list_session_analyses shows of an analysis by default (`fields` adds the rest; get_session_analysis_detail has all). */
const ANALYSIS_SUMMARY = ['id', 'status', 'risk_score', 'server.name', 'added_at'];

@injectable()
export class AuditTools {
  constructor(@inject(ALPACON) private readonly alpacon: AlpaconClient) {}

  @Tool({ name: 'list_activity_logs', aliases: PYTHON_PAGE, title: 'List activity logs', description: 'Who did what in the workspace (user, app, action, status), newest first.', input: ListActivityLogsInput, annotations: Effects.read, searchHint: 'audit log activity who did what' })
  listActivityLogs({ user_id, app, model, cursor, fields, page_size = 20, ...target }: ListActivityLogsInput, ctx: ToolContext) {
    const query = { user: user_id, app, model, cursor, page_size };
    return this.cursorList(target, '/api/audit/activity/', 'activity entr(ies)', query, { summary: ACTIVITY_SUMMARY, fields }, ctx);
  }

  @Tool({ name: 'get_activity_log', title: 'Get activity log', description: 'One activity entry by log_id (list_activity_logs). Endpoint unconfirmed.', input: GetActivityLogInput, annotations: Effects.read, searchHint: 'audit log entry details' })
  async getActivityLog({ log_id, ...target }: GetActivityLogInput, ctx: ToolContext) {
    const entry = await this.alpacon.get<Record<string, unknown>>(target, `/api/audit/activity/${log_id}/`, { resource: { what: 'Activity log', id: log_id }, signal: ctx.signal });
    return reply(entry, `Activity ${String(entry.action ?? '')} ${String(entry.model ?? '')} by ${String(entry.username ?? 'unknown')}.`);
  }

  @Tool({ name: 'list_server_logs', aliases: PYTHON_PAGE, title: 'List server logs', description: 'Alpamon agent log lines (level 10 debug ... 40 error), newest first.', input: ListServerLogsInput, annotations: Effects.read, searchHint: 'server agent alpamon log history' })
  listServerLogs({ server_id, cursor, fields, page_size = 20, ...target }: ListServerLogsInput, ctx: ToolContext) {
    return this.cursorList(target, '/api/history/logs/', 'log line(s)', { server: server_id, cursor, page_size }, { summary: LOG_SUMMARY, fields }, ctx);
  }

  @Tool({ name: 'list_webftp_logs', aliases: PYTHON_PAGE, title: 'List WebFTP logs', description: 'WebFTP uploads and downloads (file, size, success), newest first.', input: ListWebFtpLogsInput, annotations: Effects.read, searchHint: 'webftp file transfer history audit' })
  listWebFtpLogs({ server_id, user_id, action, cursor, fields, page_size = 20, ...target }: ListWebFtpLogsInput, ctx: ToolContext) {
    const query = { server: server_id, user: user_id, action, cursor, page_size };
    return this.cursorList(target, '/api/history/webftp-logs/', 'transfer(s)', query, { summary: TRANSFER_SUMMARY, fields }, ctx);
  }

  // Session analyses: only the Python server reads them (tools/audit_tools.py), page-numbered as it pages them.
  @Tool({ name: 'list_session_analyses', title: 'List session analyses', description: 'AI security analyses of sessions: summary, risk score, status; filter by server, status, risk_score. Endpoint unconfirmed (only the Python MCP server calls it).', input: ListSessionAnalysesInput, annotations: Effects.read, searchHint: 'session analysis security risk threat ai' })
  async listSessionAnalyses({ server_id, status, risk_score, fields, page = 1, page_size = 20, ...target }: ListSessionAnalysesInput, ctx: ToolContext) {
    const result = await this.alpacon.page<Record<string, unknown>>(target, '/api/history/session-analyses/', page, page_size, {
      query: { server: server_id, status, risk_score },
      signal: ctx.signal,
    });
    const more = result.next_page ? ` More on page ${result.next_page}.` : '';
    return reply(summarizePage(result, ANALYSIS_SUMMARY, fields), `${result.results.length} of ${result.count} analys(es).${more}`);
  }

  @Tool({ name: 'get_session_analysis_detail', title: 'Get session analysis', description: 'One session analysis in full: risk factors, MITRE ATT&CK mapping, threat indicators, recommended actions. Endpoint unconfirmed (only the Python MCP server calls it).', input: GetSessionAnalysisDetailInput, annotations: Effects.read, searchHint: 'session analysis detail mitre attack threat' })
  async getSessionAnalysisDetail({ analysis_id, ...target }: GetSessionAnalysisDetailInput, ctx: ToolContext) {
    const analysis = await this.alpacon.get<Record<string, unknown>>(target, `/api/history/session-analyses/${analysis_id}/`, {
      resource: { what: 'Session analysis', id: analysis_id },
      signal: ctx.signal,
    });
    return reply(analysis, `Analysis ${analysis_id}: ${String(analysis.status ?? 'unknown')}, risk ${String(analysis.risk_score ?? 'unknown')}.`);
  }

  private async cursorList(target: AlpaconTarget, path: string, noun: string, query: Query, shape: ItemShape, ctx: ToolContext) {
    const body = await this.alpacon.get<CursorBody>(target, path, { query, signal: ctx.signal });
    const results = Array.isArray(body.results) ? body.results.filter((item): item is object => typeof item === 'object' && item !== null) : [];
    const nextCursor = typeof body.next === 'string' && body.next !== '' ? body.next : null;
    const more = nextCursor === null ? '' : ' Older entries: pass next_cursor as cursor.';
    return reply({ ...summarizeItems(results, shape.summary, shape.fields), next_cursor: nextCursor }, `${results.length} ${noun}.${more}`);
  }
}
