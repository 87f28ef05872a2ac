import { ALPACON, AlpaconClient, Effects, inject, injectable, reply, Tool, type ToolContext, summarizePage } from '../../core/index.js';
import { AddIamMemberInput, InviteWorkspaceUserInput, ListIamMembershipsInput, RemoveIamMemberInput } from './dto-admin.js';

interface Membership {
  id: string;
  group_name?: string;
  role?: string;
  [key: string]: unknown;
}

/** Group memberships (`/api/iam/memberships/`) and workspace invitations. */
/** What list_iam_memberships shows of each membership by default. */
const MEMBERSHIP_SUMMARY = ['id', 'group', 'group_name', 'user.name', 'role'];

@injectable()
export class IamMembershipTools {
  constructor(@inject(ALPACON) private readonly alpacon: AlpaconClient) {}

  @Tool({
    name: 'list_iam_memberships',
    title: 'List group memberships',
    description: 'Who is in which group, with role. Filter by group_id and/or user_id. Gives membership_id.',
    input: ListIamMembershipsInput,
    annotations: Effects.read,
    searchHint: 'iam group members membership',
  })
  async listIamMemberships({ group_id, user_id, fields, page = 1, page_size = 20, ...target }: ListIamMembershipsInput, ctx: ToolContext) {
    const result = await this.alpacon.page<Membership>(target, '/api/iam/memberships/', page, page_size, {
      query: { group: group_id, user: user_id },
      signal: ctx.signal,
    });
    const more = result.next_page ? ` More on page ${result.next_page}.` : '';
    return reply(summarizePage(result, MEMBERSHIP_SUMMARY, fields), `${result.results.length} of ${result.count} membership(s).${more}`);
  }

  @Tool({
    name: 'add_iam_member',
    title: 'Add group member',
    description: 'Adds a user to a group with a role.',
    input: AddIamMemberInput,
    annotations: Effects.create,
    searchHint: 'join assign team membership',
  })
  async addIamMember({ group_id, user_id, role = 'member', ...target }: AddIamMemberInput, ctx: ToolContext) {
    const membership = await this.alpacon.post<Membership>(target, '/api/iam/memberships/', { group: group_id, user: user_id, role }, {
      signal: ctx.signal,
    });
    return reply(membership, `User ${user_id} added to ${membership.group_name ?? group_id} as ${membership.role ?? role} (${membership.id}).`);
  }

  @Tool({
    name: 'remove_iam_member',
    title: 'Remove group member',
    description: 'Removes a user from a group (membership_id).',
    input: RemoveIamMemberInput,
    annotations: Effects.destructive,
    searchHint: 'leave unassign team membership',
  })
  async removeIamMember({ membership_id, ...target }: RemoveIamMemberInput, ctx: ToolContext) {
    await this.alpacon.delete(target, `/api/iam/memberships/${membership_id}/`, {
      resource: { what: 'Membership', id: membership_id },
      signal: ctx.signal,
    });
    return reply({ removed: true, membership_id }, `Membership ${membership_id} removed.`);
  }

  @Tool({
    name: 'invite_workspace_user',
    title: 'Invite user by email',
    description: 'Emails an invitation to join the workspace (cloud workspaces; staff only).',
    input: InviteWorkspaceUserInput,
    annotations: Effects.create,
    searchHint: 'iam invite user email',
  })
  async inviteWorkspaceUser({ email, ...target }: InviteWorkspaceUserInput, ctx: ToolContext) {
    await this.alpacon.post(target, '/api/workspaces/users/invite/', { email }, { signal: ctx.signal });
    return reply({ invited: true, email }, `Invitation sent to ${email}.`);
  }
}
