import { ALPACON, AlpaconClient, Effects, inject, injectable, InvalidInputError, reply, Tool, type ToolContext } from '../../core/index.js';
import {
  UPDATE_FIELDS,
  WorkSessionAnalyzeInput,
  WorkSessionCloseInput,
  WorkSessionCreateInput,
  WorkSessionExtendInput,
  WorkSessionGetInput,
  WorkSessionListInput,
  WorkSessionTimelineInput,
  WorkSessionUpdateInput,
} from './dto.js';

interface WorkSession {
  id: string;
  status: string;
  expires_at?: string;
  [key: string]: unknown;
}

const BASE = '/api/work-sessions/sessions/';

@injectable()
export class WorkSessionTools {
  constructor(@inject(ALPACON) private readonly alpacon: AlpaconClient) {}

  @Tool({
    name: 'work_session_create',
    title: 'Create work session',
    description: 'Opens an auditable, approval-gated work session; pass its id as work_session_id to commands, Websh, WebFTP.',
    input: WorkSessionCreateInput,
    annotations: Effects.create,
    searchHint: 'work session create approval scope',
  })
  async create({ description, scopes, servers, expires_at, title, ...target }: WorkSessionCreateInput, ctx: ToolContext) {
    // Sessions made here are agent sessions, and the server refuses websh for those (worksession_create.go validateAgentScopes).
    if (scopes.includes('websh')) {
      throw new InvalidInputError([{ field: 'scopes', problems: ['"websh" is not allowed for agent work sessions; a person must open a user session for Websh'] }]);
    }
    const body = { requester_type: 'agent', description, scopes, servers, expires_at, ...(title === undefined ? {} : { title }) };
    const session = await this.alpacon.post<WorkSession>(target, BASE, body, { signal: ctx.signal });
    if (session.status === 'pending') {
      const next_step = 'A human must approve it in Alpacon first; poll work_session_get until status is approved or active, then use it.';
      return reply({ ...session, next_step }, `Work session ${session.id} created, pending approval.`);
    }
    return reply(session, `Work session ${session.id} created (${session.status}).`);
  }

  @Tool({
    name: 'work_session_get',
    title: 'Get work session',
    description: 'One work session: status, scopes, servers, expiry.',
    input: WorkSessionGetInput,
    annotations: Effects.read,
    searchHint: 'work session status details',
  })
  async get({ session_id, ...target }: WorkSessionGetInput, ctx: ToolContext) {
    const session = await this.alpacon.get<WorkSession>(target, `${BASE}${session_id}/`, { resource: { what: 'Work session', id: session_id }, signal: ctx.signal });
    return reply(session, `Work session ${session.id}: ${session.status}.`);
  }

  @Tool({
    name: 'work_session_list',
    aliases: { limit: 'page_size' },
    title: 'List work sessions',
    description: 'Work sessions, newest first, by status or requester type.',
    input: WorkSessionListInput,
    annotations: Effects.read,
    searchHint: 'work sessions list history audit',
  })
  async list({ status, requester_type, page = 1, page_size = 20, ...target }: WorkSessionListInput, ctx: ToolContext) {
    const result = await this.alpacon.page<WorkSession>(target, BASE, page, page_size, { query: { status, requester_type }, signal: ctx.signal });
    const more = result.next_page ? ` More on page ${result.next_page}.` : '';
    return reply(result, `${result.results.length} of ${result.count} work session(s).${more}`);
  }

  @Tool({
    name: 'work_session_update',
    title: 'Update work session',
    description: 'Changes only the given fields of a pending, approved or active work session.',
    input: WorkSessionUpdateInput,
    annotations: Effects.update,
    searchHint: 'work session edit scopes servers',
  })
  async update(input: WorkSessionUpdateInput, ctx: ToolContext) {
    const changes = Object.fromEntries(UPDATE_FIELDS.filter((key) => input[key] !== undefined).map((key) => [key, input[key]]));
    if (Object.keys(changes).length === 0) {
      throw new InvalidInputError([{ field: '(arguments)', problems: [`give at least one field to change: ${UPDATE_FIELDS.join(', ')}`] }]);
    }
    const session = await this.alpacon.patch<WorkSession>(input, `${BASE}${input.session_id}/`, changes, {
      resource: { what: 'Work session', id: input.session_id },
      signal: ctx.signal,
    });
    return reply(session, `Work session ${session.id} updated: ${Object.keys(changes).join(', ')}.`);
  }

  @Tool({
    name: 'work_session_extend',
    title: 'Extend work session',
    description: 'Moves the expiry of an approved or active work session later.',
    input: WorkSessionExtendInput,
    annotations: Effects.update,
    searchHint: 'work session extend expiry prolong',
  })
  async extend({ session_id, expires_at, ...target }: WorkSessionExtendInput, ctx: ToolContext) {
    const session = await this.alpacon.post<WorkSession>(target, `${BASE}${session_id}/extend/`, { expires_at }, {
      resource: { what: 'Work session', id: session_id },
      signal: ctx.signal,
    });
    return reply(session, `Work session ${session_id} now expires at ${session.expires_at ?? expires_at}.`);
  }

  @Tool({
    name: 'work_session_close',
    title: 'Close work session',
    description: 'Completes a work session when all its work is done; it cannot be used afterwards.',
    input: WorkSessionCloseInput,
    annotations: Effects.destructive,
    searchHint: 'work session close complete finish',
  })
  async close({ session_id, ...target }: WorkSessionCloseInput, ctx: ToolContext) {
    const session = await this.alpacon.post<WorkSession | undefined>(target, `${BASE}${session_id}/complete/`, {}, {
      resource: { what: 'Work session', id: session_id },
      signal: ctx.signal,
    });
    return reply(session ?? { id: session_id, status: 'completed' }, `Work session ${session_id} completed.`);
  }

  // Only the Python server makes this call (tools/work_session_tools.py): POST `{id}/analyze/`, `?force=true`.
  @Tool({
    name: 'work_session_analyze',
    title: 'Analyze work session',
    description: 'Starts the AI security analysis of a finished (completed, expired or revoked) work session, e.g. to re-run a failed one; results via list_session_analyses. Endpoint unconfirmed (only the Python MCP server calls it).',
    input: WorkSessionAnalyzeInput,
    annotations: Effects.update,
    searchHint: 'work session analyze ai security analysis retry',
  })
  async analyze({ session_id, force = false, ...target }: WorkSessionAnalyzeInput, ctx: ToolContext) {
    const answer = await this.alpacon.post<Record<string, unknown> | undefined>(target, `${BASE}${session_id}/analyze/`, {}, {
      query: force ? { force: true } : undefined,
      resource: { what: 'Work session', id: session_id },
      signal: ctx.signal,
    });
    const status = answer?.status === undefined ? 'requested' : String(answer.status);
    return reply(answer ?? { status }, `Analysis of work session ${session_id}: ${status}.`);
  }

  @Tool({
    name: 'work_session_timeline',
    title: 'Work session timeline',
    description: 'What happened in a work session, in order: commands, Websh and WebFTP activity, sudo grants.',
    input: WorkSessionTimelineInput,
    annotations: Effects.read,
    searchHint: 'work session timeline activity audit',
  })
  async timeline({ session_id, include_records = true, page = 1, page_size = 20, ...target }: WorkSessionTimelineInput, ctx: ToolContext) {
    const result = await this.alpacon.page<Record<string, unknown>>(target, `${BASE}${session_id}/timeline/`, page, page_size, {
      query: { include_records },
      resource: { what: 'Work session', id: session_id },
      signal: ctx.signal,
    });
    const more = result.next_page ? ` More on page ${result.next_page}.` : '';
    return reply(result, `${result.results.length} of ${result.count} timeline item(s).${more}`);
  }
}
