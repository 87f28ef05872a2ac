import { ALPACON, AlpaconClient, Effects, inject, injectable, reply, Tool, type ToolContext } from '../../core/index.js';
import { CreateIamGroupInput, ListIamGroupsInput } from './dto.js';

interface IamGroup {
  id: string;
  name: string;
  [key: string]: unknown;
}

@injectable()
export class IamGroupTools {
  constructor(@inject(ALPACON) private readonly alpacon: AlpaconClient) {}

  @Tool({
    name: 'list_iam_groups',
    title: 'List workspace groups',
    description: 'Groups of the workspace with members and the servers they can reach.',
    input: ListIamGroupsInput,
    annotations: Effects.read,
    searchHint: 'iam groups teams members',
  })
  async listIamGroups({ name, page = 1, page_size = 20, ...target }: ListIamGroupsInput, ctx: ToolContext) {
    const result = await this.alpacon.page<IamGroup>(target, '/api/iam/groups/', page, page_size, { query: { name }, signal: ctx.signal });
    const more = result.next_page ? ` More on page ${result.next_page}.` : '';
    return reply(result, `${result.results.length} of ${result.count} group(s).${more}`);
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
    const body = { name, ...(display_name === undefined ? {} : { display_name }), ...(description === undefined ? {} : { description }) };
    const group = await this.alpacon.post<IamGroup>(target, '/api/iam/groups/', body, { signal: ctx.signal });
    return reply(group, `Group ${group.name} created (${group.id}).`);
  }
}
