import { ALPACON, AlpaconClient, Effects, inject, injectable, reply, Tool, type ToolContext, summarizePage } from '../../core/index.js';
import { CreateSudoPolicyInput, ExplainApprovalDecisionInput, GetApprovalRequestInput, ListApprovalRequestsInput, ListSudoPoliciesInput } from './dto.js';

/**
 * The Python server's answer for explain_approval_decision (tools/approval_tools.py, utils/common.py pending_approval_response,
 * category APPROVAL_DECISION_HUMAN_ONLY): approving is human-only and out of band; no endpoint is called.
 */
const HUMAN_ONLY = {
  status: 'pending_approval',
  category: 'APPROVAL_DECISION_HUMAN_ONLY',
  message:
    'Approval requests can only be approved or rejected by a human, out-of-band (Alpacon web console or Slack). As an AI agent you cannot approve or reject this request, and no MCP tool can do it for you. Surface the request to a human reviewer and wait for their decision.',
  requires_human_approval: true,
  approvable_by_agent: false,
  next_action:
    'Surface this request to a human reviewer; only a human can approve or reject it, out-of-band (Alpacon web console or Slack). You cannot make this decision and no MCP tool does it for you. Wait for the human decision; there is nothing for you to retry or resubmit.',
} as const;

interface Item {
  id: string;
  [key: string]: unknown;
}

/** What list_approval_requests shows of each request by default. */
const APPROVAL_SUMMARY = ['id', 'request_type', 'description', 'status', 'requested_by.name'];

@injectable()
export class ApprovalTools {
  constructor(@inject(ALPACON) private readonly alpacon: AlpaconClient) {}

  @Tool({
    name: 'list_approval_requests',
    title: 'List approval requests',
    description: 'Approval requests (work sessions, sudo, commands) with status and requester. Approving happens in Alpacon.',
    input: ListApprovalRequestsInput,
    annotations: Effects.read,
    searchHint: 'approval requests pending review',
  })
  async listApprovalRequests({ status, request_type, fields, page = 1, page_size = 20, ...target }: ListApprovalRequestsInput, ctx: ToolContext) {
    const result = await this.alpacon.page<Item>(target, '/api/approvals/approvals/', page, page_size, { query: { status, request_type }, signal: ctx.signal });
    const more = result.next_page ? ` More on page ${result.next_page}.` : '';
    return reply(summarizePage(result, APPROVAL_SUMMARY, fields), `${result.results.length} of ${result.count} approval request(s).${more}`);
  }

  @Tool({
    name: 'get_approval_request',
    title: 'Get approval request',
    description: 'One approval request: what was asked, status, who reviewed it.',
    input: GetApprovalRequestInput,
    annotations: Effects.read,
    searchHint: 'approval request details',
  })
  async getApprovalRequest({ request_id, ...target }: GetApprovalRequestInput, ctx: ToolContext) {
    const request = await this.alpacon.get<Item>(target, `/api/approvals/approvals/${request_id}/`, {
      resource: { what: 'Approval request', id: request_id },
      signal: ctx.signal,
    });
    return reply(request, `Approval request ${request.id}: ${String(request.status ?? 'unknown')}.`);
  }

  @Tool({
    name: 'explain_approval_decision',
    title: 'How approval requests are decided',
    description: 'Explains that approving or rejecting a request is human-only, in the Alpacon web console or Slack; no tool can do it. Use after a pending work session or a sudo/command approval hold, to know what to tell the user. Sends no request.',
    input: ExplainApprovalDecisionInput,
    annotations: Effects.localRead,
    output: {
      type: 'object',
      properties: { status: { type: 'string' }, category: { type: 'string' }, approvable_by_agent: { type: 'boolean' }, next_action: { type: 'string' } },
      required: ['status', 'category', 'message', 'requires_human_approval', 'approvable_by_agent', 'next_action'],
    },
    searchHint: 'approve reject approval decision human out-of-band',
  })
  explainApprovalDecision({ request_id, workspace }: ExplainApprovalDecisionInput) {
    return reply({ workspace, ...(request_id === undefined ? {} : { request_id }), ...HUMAN_ONLY }, 'Only a human can approve or reject, in the Alpacon web console or Slack.');
  }

  @Tool({
    name: 'list_sudo_policies',
    title: 'List sudo policies',
    description: 'Sudo policies: which commands users or groups may run with sudo, on which servers.',
    input: ListSudoPoliciesInput,
    annotations: Effects.read,
    searchHint: 'sudo policies privilege',
  })
  async listSudoPolicies({ page = 1, page_size = 20, ...target }: ListSudoPoliciesInput, ctx: ToolContext) {
    const result = await this.alpacon.page<Item>(target, '/api/approvals/sudo-policies/', page, page_size, { signal: ctx.signal });
    const more = result.next_page ? ` More on page ${result.next_page}.` : '';
    return reply(result, `${result.results.length} of ${result.count} sudo polic(ies).${more}`);
  }

  @Tool({
    name: 'create_sudo_policy',
    title: 'Create sudo policy',
    description: 'Allows the given commands with sudo for users/groups on servers (none given = as the API defaults).',
    input: CreateSudoPolicyInput,
    annotations: Effects.create,
    searchHint: 'sudo policy add allow',
  })
  async createSudoPolicy({ workspace, region, ...fields }: CreateSudoPolicyInput, ctx: ToolContext) {
    const body = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
    const policy = await this.alpacon.post<Item>({ workspace, region }, '/api/approvals/sudo-policies/', body, { signal: ctx.signal });
    return reply(policy, `Sudo policy ${String(policy.name ?? '')} created (${policy.id}).`);
  }
}
