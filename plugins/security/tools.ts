import { ALPACON, AlpaconClient, Effects, inject, injectable, InvalidInputError, reply, Tool, type AlpaconTarget, type ToolContext } from '../../core/index.js';
import {
  BulkServerAclInput, CreateCommandAclInput, CreateFileAclInput, CreateServerAclInput, DeleteAclInput, ListAclsInput,
  UpdateCommandAclInput, UpdateFileAclInput, UpdateServerAclInput,
} from './dto.js';

type AclKind = 'command' | 'server' | 'file';

interface AclEntry {
  id: string;
  [key: string]: unknown;
}

/** The ACL endpoints refuse API tokens (source `api`): alpacon-server `security/api/permissions.py`. */
const LOGIN_ONLY = 'Needs a login credential (OAuth JWT or login-issued token), not an API token (login_required).';
const base = (kind: AclKind) => `/api/security/${kind}-acl/`;
const INPUT_NAMES: Record<string, string> = { server: 'server_id', token: 'token_id' };
/** The Python server's name for the API token of an ACL (its service_token_id has no counterpart here). */
const PYTHON_TOKEN_ID = { api_token_id: 'token_id' } as const;
const runAs = (username?: string, groupname?: string) => ({ ...(username ? { username } : {}), ...(groupname ? { groupname } : {}) });

/** Token ACLs: allow-lists that restrict what one API token may run, reach and transfer. */
@injectable()
export class SecurityAclTools {
  constructor(@inject(ALPACON) private readonly alpacon: AlpaconClient) {}

  @Tool({ name: 'list_command_acls', aliases: PYTHON_TOKEN_ID, title: 'List command ACLs', description: `Commands an API token may run. ${LOGIN_ONLY}`, input: ListAclsInput, annotations: Effects.read, searchHint: 'token acl command allow-list' })
  listCommandAcls(input: ListAclsInput, ctx: ToolContext) {
    return this.list('command', input, ctx);
  }

  @Tool({ name: 'create_command_acl', aliases: PYTHON_TOKEN_ID, title: 'Create command ACL', description: `Lets an API token run a command pattern (then only listed commands run). ${LOGIN_ONLY}`, input: CreateCommandAclInput, annotations: Effects.create, searchHint: 'token acl command allow' })
  createCommandAcl({ token_id, command, username, groupname, ...target }: CreateCommandAclInput, ctx: ToolContext) {
    return this.create('command', target, { token: token_id, command, ...runAs(username, groupname) }, ctx);
  }

  @Tool({ name: 'update_command_acl', title: 'Update command ACL', description: `Changes only the given fields of a command ACL entry. ${LOGIN_ONLY}`, input: UpdateCommandAclInput, annotations: Effects.update, searchHint: 'token acl command edit' })
  updateCommandAcl({ acl_id, command, username, groupname, ...target }: UpdateCommandAclInput, ctx: ToolContext) {
    return this.update('command', target, acl_id, { command, username, groupname }, ctx);
  }

  @Tool({ name: 'delete_command_acl', title: 'Delete command ACL', description: `Removes a command ACL entry (list_command_acls). ${LOGIN_ONLY}`, input: DeleteAclInput, annotations: Effects.destructive, searchHint: 'token acl command remove' })
  deleteCommandAcl(input: DeleteAclInput, ctx: ToolContext) {
    return this.remove('command', input, ctx);
  }

  @Tool({ name: 'list_server_acls', aliases: PYTHON_TOKEN_ID, title: 'List server ACLs', description: `Servers an API token may reach. ${LOGIN_ONLY}`, input: ListAclsInput, annotations: Effects.read, searchHint: 'token acl server allow-list' })
  listServerAcls(input: ListAclsInput, ctx: ToolContext) {
    return this.list('server', input, ctx);
  }

  @Tool({ name: 'create_server_acl', aliases: PYTHON_TOKEN_ID, title: 'Create server ACL', description: `Lets an API token reach a server (then only listed servers). ${LOGIN_ONLY}`, input: CreateServerAclInput, annotations: Effects.create, searchHint: 'token acl server allow' })
  createServerAcl({ token_id, server_id, ...target }: CreateServerAclInput, ctx: ToolContext) {
    return this.create('server', target, { token: token_id, server: server_id }, ctx);
  }

  @Tool({ name: 'update_server_acl', aliases: PYTHON_TOKEN_ID, title: 'Update server ACL', description: `Points a server ACL entry at another server or API token. ${LOGIN_ONLY}`, input: UpdateServerAclInput, annotations: Effects.update, searchHint: 'token acl server edit' })
  updateServerAcl({ acl_id, server_id, token_id, ...target }: UpdateServerAclInput, ctx: ToolContext) {
    return this.update('server', target, acl_id, { server: server_id, token: token_id }, ctx);
  }

  @Tool({ name: 'delete_server_acl', title: 'Delete server ACL', description: `Removes a server ACL entry (list_server_acls). ${LOGIN_ONLY}`, input: DeleteAclInput, annotations: Effects.destructive, searchHint: 'token acl server remove' })
  deleteServerAcl(input: DeleteAclInput, ctx: ToolContext) {
    return this.remove('server', input, ctx);
  }

  @Tool({ name: 'bulk_server_acl', aliases: PYTHON_TOKEN_ID, title: 'Bulk server ACL', description: `Adds or removes many servers in an API token's server ACL at once. ${LOGIN_ONLY}`, input: BulkServerAclInput, annotations: Effects.destructive, searchHint: 'batch allowlist scope' })
  async bulkServerAcl({ token_id, action, server_ids, ...target }: BulkServerAclInput, ctx: ToolContext) {
    this.alpacon.requireLoginCredential(target, ctx.tool);
    const path = action === 'add' ? '/api/security/server-acl/bulk/' : '/api/security/server-acl/bulk/delete/';
    const result = await this.alpacon.post<unknown>(target, path, { token: token_id, servers: server_ids }, { signal: ctx.signal });
    const data = action === 'add' ? { action, entries: result } : { action, removed: server_ids };
    return reply(data, `${server_ids.length} server(s) ${action === 'add' ? 'added to' : 'removed from'} the token's server ACL.`);
  }

  @Tool({ name: 'list_file_acls', aliases: PYTHON_TOKEN_ID, title: 'List file ACLs', description: `Paths an API token may upload or download. ${LOGIN_ONLY}`, input: ListAclsInput, annotations: Effects.read, searchHint: 'token acl file path allow-list' })
  listFileAcls(input: ListAclsInput, ctx: ToolContext) {
    return this.list('file', input, ctx);
  }

  @Tool({ name: 'create_file_acl', aliases: PYTHON_TOKEN_ID, title: 'Create file ACL', description: `Lets an API token transfer files under a path (then only listed paths). ${LOGIN_ONLY}`, input: CreateFileAclInput, annotations: Effects.create, searchHint: 'token acl file path allow' })
  createFileAcl({ token_id, path, action, username, groupname, ...target }: CreateFileAclInput, ctx: ToolContext) {
    return this.create('file', target, { token: token_id, path, action, ...runAs(username, groupname) }, ctx);
  }

  @Tool({ name: 'update_file_acl', title: 'Update file ACL', description: `Changes only the given fields of a file ACL entry. ${LOGIN_ONLY}`, input: UpdateFileAclInput, annotations: Effects.update, searchHint: 'token acl file path edit' })
  updateFileAcl({ acl_id, path, action, username, groupname, ...target }: UpdateFileAclInput, ctx: ToolContext) {
    return this.update('file', target, acl_id, { path, action, username, groupname }, ctx);
  }

  @Tool({ name: 'delete_file_acl', title: 'Delete file ACL', description: `Removes a file ACL entry (list_file_acls). ${LOGIN_ONLY}`, input: DeleteAclInput, annotations: Effects.destructive, searchHint: 'token acl file remove' })
  deleteFileAcl(input: DeleteAclInput, ctx: ToolContext) {
    return this.remove('file', input, ctx);
  }

  private async list(kind: AclKind, { token_id, page = 1, page_size = 20, ...target }: ListAclsInput, ctx: ToolContext) {
    this.alpacon.requireLoginCredential(target, ctx.tool);
    const result = await this.alpacon.page<AclEntry>(target, base(kind), page, page_size, { query: { token: token_id }, signal: ctx.signal });
    const more = result.next_page ? ` More on page ${result.next_page}.` : '';
    return reply(result, `${result.results.length} of ${result.count} ${kind} ACL entr(ies).${more}`);
  }

  private async create(kind: AclKind, target: AlpaconTarget, body: Record<string, unknown>, ctx: ToolContext) {
    this.alpacon.requireLoginCredential(target, ctx.tool);
    const entry = await this.alpacon.post<AclEntry>(target, base(kind), body, { signal: ctx.signal });
    return reply(entry, `${kind} ACL entry ${entry.id} created.`);
  }

  private async update(kind: AclKind, target: AlpaconTarget, aclId: string, fields: Record<string, string | undefined>, ctx: ToolContext) {
    const changes = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
    if (Object.keys(changes).length === 0) {
      throw new InvalidInputError([{ field: '(arguments)', problems: [`give at least one field to change: ${Object.keys(fields).map((key) => INPUT_NAMES[key] ?? key).join(', ')}`] }]);
    }
    this.alpacon.requireLoginCredential(target, ctx.tool);
    const entry = await this.alpacon.patch<AclEntry>(target, `${base(kind)}${aclId}/`, changes, { resource: { what: `${kind} ACL entry`, id: aclId }, signal: ctx.signal });
    return reply(entry, `${kind} ACL entry ${aclId} updated: ${Object.keys(changes).join(', ')}.`);
  }

  private async remove(kind: AclKind, { acl_id, ...target }: DeleteAclInput, ctx: ToolContext) {
    this.alpacon.requireLoginCredential(target, ctx.tool);
    await this.alpacon.delete(target, `${base(kind)}${acl_id}/`, { resource: { what: `${kind} ACL entry`, id: acl_id }, signal: ctx.signal });
    return reply({ deleted: true, acl_id }, `${kind} ACL entry ${acl_id} deleted.`);
  }
}
