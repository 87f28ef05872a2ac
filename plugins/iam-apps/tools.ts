import { ALPACON, AlpaconClient, Effects, inject, injectable, InvalidInputError, reply, summarizePage, Tool, type ToolContext } from '../../core/index.js';
import {
  AssignApplicationSystemUsersInput, CreateIamApplicationInput, DeleteIamApplicationInput, GetIamApplicationInput, ListIamApplicationsInput,
  UnassignApplicationSystemUsersInput, UpdateIamApplicationInput,
} from './dto.js';

interface Application {
  id: string;
  name?: string;
  [key: string]: unknown;
}

const BASE = '/api/iam/applications/';
/** What the list shows of an application by default (`fields` adds the rest; get_iam_application has all). */
const APPLICATION_SUMMARY = ['id', 'name', 'service_type', 'username'];
/** Every call here is made only by the Python alpacon-mcp server (tools/iam_tools.py); no other official client confirms them. */
const UNCONFIRMED = 'Endpoint unconfirmed (only the Python MCP server calls it).';

@injectable()
export class IamApplicationTools {
  constructor(@inject(ALPACON) private readonly alpacon: AlpaconClient) {}

  @Tool({ name: 'list_iam_applications', title: 'List IAM applications', description: `Machine service accounts of the workspace (CI/CD, monitoring, automation, integrations). ${UNCONFIRMED}`, input: ListIamApplicationsInput, annotations: Effects.read, searchHint: 'bots robots integrations ci' })
  async listIamApplications({ fields, page = 1, page_size = 20, ...target }: ListIamApplicationsInput, ctx: ToolContext) {
    const result = await this.alpacon.page<Application>(target, BASE, page, page_size, { signal: ctx.signal });
    const more = result.next_page ? ` More on page ${result.next_page}.` : '';
    return reply(summarizePage(result, APPLICATION_SUMMARY, fields), `${result.results.length} of ${result.count} application(s).${more}`);
  }

  @Tool({ name: 'get_iam_application', title: 'Get IAM application', description: `One service account: name, type, description, its system users. ${UNCONFIRMED}`, input: GetIamApplicationInput, annotations: Effects.read, searchHint: 'iam application service account details' })
  async getIamApplication({ app_id, ...target }: GetIamApplicationInput, ctx: ToolContext) {
    const app = await this.alpacon.get<Application>(target, `${BASE}${app_id}/`, { resource: { what: 'Application', id: app_id }, signal: ctx.signal });
    return reply(app, `Application ${app.name ?? app.id}.`);
  }

  @Tool({ name: 'create_iam_application', title: 'Create IAM application', description: `New service account; service_type ci_cd, monitoring, automation or integration (default). ${UNCONFIRMED}`, input: CreateIamApplicationInput, annotations: Effects.create, searchHint: 'bot machine robot credential' })
  async createIamApplication({ name, description, service_type, ...target }: CreateIamApplicationInput, ctx: ToolContext) {
    const body = { name, ...(description === undefined ? {} : { description }), ...(service_type === undefined ? {} : { service_type }) };
    const app = await this.alpacon.post<Application>(target, BASE, body, { signal: ctx.signal });
    return reply(app, `Application ${app.name ?? name} created (${app.id}).`);
  }

  @Tool({ name: 'update_iam_application', title: 'Update IAM application', description: `Renames a service account or changes its description. ${UNCONFIRMED}`, input: UpdateIamApplicationInput, annotations: Effects.update, searchHint: 'iam application update rename' })
  async updateIamApplication({ app_id, name, description, ...target }: UpdateIamApplicationInput, ctx: ToolContext) {
    const changes = { ...(name === undefined ? {} : { name }), ...(description === undefined ? {} : { description }) };
    if (Object.keys(changes).length === 0) throw new InvalidInputError([{ field: '(arguments)', problems: ['give name or description'] }]);
    const app = await this.alpacon.patch<Application>(target, `${BASE}${app_id}/`, changes, { resource: { what: 'Application', id: app_id }, signal: ctx.signal });
    return reply(app, `Application ${app.name ?? app_id} updated: ${Object.keys(changes).join(', ')}.`);
  }

  @Tool({ name: 'delete_iam_application', title: 'Delete IAM application', description: `Deletes a service account for good; whatever authenticates as it stops working. ${UNCONFIRMED}`, input: DeleteIamApplicationInput, annotations: Effects.destructive, output: { type: 'object', properties: { deleted: { type: 'boolean' }, app_id: { type: 'string' } }, required: ['deleted', 'app_id'] }, searchHint: 'iam application delete remove service account' })
  async deleteIamApplication({ app_id, ...target }: DeleteIamApplicationInput, ctx: ToolContext) {
    await this.alpacon.delete(target, `${BASE}${app_id}/`, { resource: { what: 'Application', id: app_id }, signal: ctx.signal });
    return reply({ deleted: true, app_id }, `Application ${app_id} deleted.`);
  }

  @Tool({ name: 'assign_application_system_users', title: 'Assign system users to an application', description: `Binds OS accounts on servers (ids from list_system_users) to a service account. ${UNCONFIRMED}`, input: AssignApplicationSystemUsersInput, annotations: Effects.update, searchHint: 'iam application assign bind system users service account' })
  async assignApplicationSystemUsers({ app_id, system_user_ids, ...target }: AssignApplicationSystemUsersInput, ctx: ToolContext) {
    const answer = await this.alpacon.post<unknown>(target, `${BASE}${app_id}/system-users/`, { system_user_ids }, { resource: { what: 'Application', id: app_id }, signal: ctx.signal });
    return reply(answer, `${system_user_ids.length} system user(s) assigned to application ${app_id}.`);
  }

  @Tool({ name: 'unassign_application_system_users', title: 'Unassign system users from an application', description: `Releases OS accounts from a service account. ${UNCONFIRMED}`, input: UnassignApplicationSystemUsersInput, annotations: Effects.update, searchHint: 'iam application unassign release system users' })
  async unassignApplicationSystemUsers({ app_id, system_user_ids, ...target }: UnassignApplicationSystemUsersInput, ctx: ToolContext) {
    const answer = await this.alpacon.post<unknown>(target, `${BASE}${app_id}/system-users/unassign/`, { system_user_ids }, { resource: { what: 'Application', id: app_id }, signal: ctx.signal });
    return reply(answer, `${system_user_ids.length} system user(s) released from application ${app_id}.`);
  }
}
