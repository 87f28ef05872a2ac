import {
  acceptedOnly, ALPACON, AlpaconClient, Effects, inject, injectable, reply, Tool, type AlpaconTarget, type Query, type ToolContext, summarizeItems,
  type ItemShape,
} from '../../core/index.js';
import { GetActivityLogInput, ListActivityLogsInput, ListServerLogsInput, ListWebFtpLogsInput } from './dto.js';

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

  private async cursorList(target: AlpaconTarget, path: string, noun: string, query: Query, shape: ItemShape, ctx: ToolContext) {
    const body = await this.alpacon.get<CursorBody>(target, path, { query, signal: ctx.signal });
    const results = Array.isArray(body.results) ? body.results.filter((item): item is object => typeof item === 'object' && item !== null) : [];
    const nextCursor = typeof body.next === 'string' && body.next !== '' ? body.next : null;
    const more = nextCursor === null ? '' : ' Older entries: pass next_cursor as cursor.';
    return reply({ ...summarizeItems(results, shape.summary, shape.fields), next_cursor: nextCursor }, `${results.length} ${noun}.${more}`);
  }
}
