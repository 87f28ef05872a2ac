import {
  ALPACON,
  AlpaconClient,
  Effects,
  inject,
  injectable,
  InvalidInputError,
  reply,
  summarizePage,
  Tool,
  type ToolContext,
} from '../../core/index.js';
import { withRequiredFieldHint } from './required-fields.js';
import { CreateIamUserInput, DeleteIamUserInput, GetIamUserInput, ListIamUsersInput, UpdateIamUserInput, USER_FIELDS } from './dto.js';

interface IamUser {
  id: string;
  username: string;
  [key: string]: unknown;
}

/** What list_iam_users shows of each user by default. */
const USER_SUMMARY = ['id', 'username', 'email', 'is_active', 'is_staff', 'is_superuser'];

@injectable()
export class IamUserTools {
  constructor(@inject(ALPACON) private readonly alpacon: AlpaconClient) {}

  @Tool({
    name: 'list_iam_users',
    title: 'List workspace users',
    description:
      'Users of the Alpacon workspace (not Linux users of a server): id, username, email, active and roles (get_iam_user or fields for the rest).',
    input: ListIamUsersInput,
    annotations: Effects.read,
    searchHint: 'iam users accounts members people',
  })
  async listIamUsers({ username, fields, page = 1, page_size = 20, ...target }: ListIamUsersInput, ctx: ToolContext) {
    const result = await this.alpacon.page<IamUser>(target, '/api/iam/users/', page, page_size, { query: { username }, signal: ctx.signal });
    const more = result.next_page ? ` More on page ${result.next_page}.` : '';
    const users = { ...result, results: result.results.map(withoutPassword) };
    return reply(summarizePage(users, USER_SUMMARY, fields), `${result.results.length} of ${result.count} user(s).${more}`);
  }

  @Tool({
    name: 'get_iam_user',
    title: 'Get workspace user',
    description: 'One workspace user.',
    input: GetIamUserInput,
    annotations: Effects.read,
    searchHint: 'iam user details',
  })
  async getIamUser({ user_id, ...target }: GetIamUserInput, ctx: ToolContext) {
    const user = await this.alpacon.get<IamUser>(target, `/api/iam/users/${user_id}/`, { resource: { what: 'User', id: user_id }, signal: ctx.signal });
    return reply(withoutPassword(user), user.username);
  }

  @Tool({
    name: 'create_iam_user',
    title: 'Create workspace user',
    description: 'Adds a user to the workspace (staff only). The password is never returned; older self-hosted servers (2024) require one.',
    input: CreateIamUserInput,
    annotations: Effects.create,
    searchHint: 'iam add user account invite',
  })
  async createIamUser(input: CreateIamUserInput, ctx: ToolContext) {
    const user = await this.alpacon.post<IamUser>(input, '/api/iam/users/', userFields(input), { signal: ctx.signal }).catch((error: unknown) => {
      throw withRequiredFieldHint(error);
    });
    return reply(withoutPassword(user), `User ${user.username} created (${user.id}).`);
  }

  @Tool({
    name: 'update_iam_user',
    title: 'Update workspace user',
    description: 'Changes only the given fields of a workspace user.',
    input: UpdateIamUserInput,
    annotations: Effects.update,
    searchHint: 'iam edit user disable account',
  })
  async updateIamUser(input: UpdateIamUserInput, ctx: ToolContext) {
    const changes = userFields(input);
    if (Object.keys(changes).length === 0) {
      throw new InvalidInputError([{ field: '(arguments)', problems: [`give at least one field to change: ${USER_FIELDS.join(', ')}`] }]);
    }
    const user = await this.alpacon.patch<IamUser>(input, `/api/iam/users/${input.user_id}/`, changes, {
      resource: { what: 'User', id: input.user_id },
      signal: ctx.signal,
    });
    // The 2024 server treats username as read-only on update and silently keeps the old one (iam/api/serializers.py).
    if (changes.username !== undefined && user.username !== changes.username) {
      const note = `username was not changed: this Alpacon server does not rename users (it is still ${user.username}).`;
      const applied = Object.keys(changes).filter((key) => key !== 'username');
      return reply({ ...withoutPassword(user), ignored: ['username'], note }, `User ${user.username} updated: ${applied.join(', ') || 'nothing'}; ${note}`);
    }
    return reply(withoutPassword(user), `User ${user.username} updated: ${Object.keys(changes).join(', ')}.`);
  }

  @Tool({
    name: 'delete_iam_user',
    title: 'Delete workspace user',
    description: 'Removes a user from the workspace for good. To only block login: update_iam_user with is_active false.',
    input: DeleteIamUserInput,
    annotations: Effects.destructive,
    searchHint: 'iam remove user',
  })
  async deleteIamUser({ user_id, ...target }: DeleteIamUserInput, ctx: ToolContext) {
    await this.alpacon.delete(target, `/api/iam/users/${user_id}/`, { resource: { what: 'User', id: user_id }, signal: ctx.signal });
    return reply({ deleted: true, user_id }, `User ${user_id} deleted.`);
  }
}

/** The user fields the caller actually gave, under their API names. */
function userFields(input: Partial<Record<(typeof USER_FIELDS)[number], unknown>>): Record<string, unknown> {
  return Object.fromEntries(USER_FIELDS.filter((key) => input[key] !== undefined).map((key) => [key, input[key]]));
}

/** The API does not return passwords; this makes sure no result ever carries one. */
function withoutPassword<T extends Record<string, unknown>>(user: T): Omit<T, 'password'> {
  const { password: _password, ...rest } = user;
  return rest;
}
