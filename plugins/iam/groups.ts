import { ALPACON, AlpaconClient, Effects, inject, injectable, InvalidInputError, reply, summarizePage, Tool, type ToolContext } from '../../core/index.js';
import { CreateIamGroupInput, ListIamGroupsInput } from './dto.js';
import { DeleteIamGroupInput, GetIamGroupInput, UpdateIamGroupInput } from './dto-admin.js';
import { withRequiredFieldHint } from './required-fields.js';

interface IamGroup {
  id: string;
  name: string;
  [key: string]: unknown;
}

/** What list_iam_groups shows of each group by default. */
const GROUP_SUMMARY = ['id', 'name', 'display_name', 'num_members'];

@injectable()
export class IamGroupTools {
  constructor(@inject(ALPACON) private readonly alpacon: AlpaconClient) {}

  @Tool({
    name: 'list_iam_groups',
    title: 'List workspace groups',
    description: 'Groups of the workspace: id, name and member count (get_iam_group or fields for members and the servers they can reach).',
    input: ListIamGroupsInput,
    annotations: Effects.read,
    searchHint: 'iam groups teams members',
  })
  async listIamGroups({ name, fields, page = 1, page_size = 20, ...target }: ListIamGroupsInput, ctx: ToolContext) {
    const result = await this.alpacon.page<IamGroup>(target, '/api/iam/groups/', page, page_size, { query: { name }, signal: ctx.signal });
    const more = result.next_page ? ` More on page ${result.next_page}.` : '';
    return reply(summarizePage(result, GROUP_SUMMARY, fields), `${result.results.length} of ${result.count} group(s).${more}`);
  }

  @Tool({
    name: 'create_iam_group',
    title: 'Create workspace group',
    description: 'Adds a group to the workspace (staff only); you become its owner.',
    input: CreateIamGroupInput,
    annotations: Effects.create,
    searchHint: 'iam add group team',
  })
  async createIamGroup({ name, display_name, description, ...target }: CreateIamGroupInput, ctx: ToolContext) {
    // display_name is sent even when not given: the 2024 server requires it (alpacon-server iam/models.py).
    const body = { name, display_name: display_name ?? name, ...(description === undefined ? {} : { description }) };
    const group = await this.alpacon.post<IamGroup>(target, '/api/iam/groups/', body, { signal: ctx.signal }).catch((error: unknown) => {
      throw withRequiredFieldHint(error);
    });
    return reply(group, `Group ${group.name} created (${group.id}).`);
  }

  @Tool({
    name: 'get_iam_group',
    title: 'Get workspace group',
    description: 'One group: members and servers.',
    input: GetIamGroupInput,
    annotations: Effects.read,
    searchHint: 'iam group detail',
  })
  async getIamGroup({ group_id, ...target }: GetIamGroupInput, ctx: ToolContext) {
    const group = await this.alpacon.get<IamGroup>(target, `/api/iam/groups/${group_id}/`, { resource: { what: 'Group', id: group_id }, signal: ctx.signal });
    return reply(group, group.name);
  }

  @Tool({
    name: 'update_iam_group',
    title: 'Update workspace group',
    description: 'Changes display_name and/or description of a group (the name cannot change).',
    input: UpdateIamGroupInput,
    annotations: Effects.update,
    searchHint: 'iam group edit',
  })
  async updateIamGroup({ group_id, display_name, description, ...target }: UpdateIamGroupInput, ctx: ToolContext) {
    const changes = Object.fromEntries(Object.entries({ display_name, description }).filter(([, v]) => v !== undefined));
    if (Object.keys(changes).length === 0) {
      throw new InvalidInputError([{ field: '(arguments)', problems: ['give display_name and/or description'] }]);
    }
    const group = await this.alpacon.patch<IamGroup>(target, `/api/iam/groups/${group_id}/`, changes, {
      resource: { what: 'Group', id: group_id },
      signal: ctx.signal,
    });
    return reply(group, `Group ${group.name} updated: ${Object.keys(changes).join(', ')}.`);
  }

  @Tool({
    name: 'delete_iam_group',
    title: 'Delete workspace group',
    description: 'Deletes a group for good; members lose the access it gave.',
    input: DeleteIamGroupInput,
    annotations: Effects.destructive,
    searchHint: 'iam group remove',
  })
  async deleteIamGroup({ group_id, ...target }: DeleteIamGroupInput, ctx: ToolContext) {
    await this.alpacon.delete(target, `/api/iam/groups/${group_id}/`, { resource: { what: 'Group', id: group_id }, signal: ctx.signal });
    return reply({ deleted: true, group_id }, `Group ${group_id} deleted.`);
  }
}
