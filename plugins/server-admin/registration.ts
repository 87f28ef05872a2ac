import { ALPACON, AlpaconClient, Effects, inject, injectable, reply, Tool, type ToolContext } from '../../core/index.js';
import { CreateRegistrationTokenInput, DeleteRegistrationTokenInput, GetRegistrationGuideInput, ListRegistrationTokensInput } from './dto.js';

interface RegistrationToken {
  id: string;
  name: string;
  key?: string;
  [key: string]: unknown;
}

const TOKENS = '/api/servers/registration-tokens/';

/** Registration tokens (what a new server's agent authenticates with) and the install guide. */
@injectable()
export class RegistrationTools {
  constructor(@inject(ALPACON) private readonly alpacon: AlpaconClient) {}

  @Tool({
    name: 'list_registration_tokens',
    title: 'List registration tokens',
    description: 'Tokens that let new servers join the workspace (keys are never listed). Gives token_id.',
    input: ListRegistrationTokensInput,
    annotations: Effects.read,
    searchHint: 'registration token alpamon install new server',
  })
  async listRegistrationTokens({ page = 1, page_size = 20, ...target }: ListRegistrationTokensInput, ctx: ToolContext) {
    const result = await this.alpacon.page<RegistrationToken>(target, TOKENS, page, page_size, { signal: ctx.signal });
    const more = result.next_page ? ` More on page ${result.next_page}.` : '';
    return reply(result, `${result.results.length} of ${result.count} token(s).${more}`);
  }

  @Tool({
    name: 'create_registration_token',
    title: 'Create registration token',
    description: 'Creates a token for registering new servers. Its key is returned ONCE, here only: hand it to the user to store.',
    input: CreateRegistrationTokenInput,
    annotations: Effects.create,
    searchHint: 'registration token create new server install',
  })
  async createRegistrationToken({ name, allowed_groups, expires_at, ...target }: CreateRegistrationTokenInput, ctx: ToolContext) {
    const body = { name, ...(allowed_groups === undefined ? {} : { allowed_groups }), ...(expires_at === undefined ? {} : { expires_at }) };
    const token = await this.alpacon.post<RegistrationToken>(target, TOKENS, body, { signal: ctx.signal });
    const { key, ...rest } = token;
    return reply(
      { ...rest, key_shown_once: key ?? null },
      `Registration token ${token.name} created (${token.id}). key_shown_once is the secret key: it cannot be read again.`,
    );
  }

  @Tool({
    name: 'delete_registration_token',
    title: 'Delete registration token',
    description: 'Revokes a registration token (token_id from list_registration_tokens); registered servers keep working.',
    input: DeleteRegistrationTokenInput,
    annotations: Effects.destructive,
    searchHint: 'registration token delete revoke',
  })
  async deleteRegistrationToken({ token_id, ...target }: DeleteRegistrationTokenInput, ctx: ToolContext) {
    await this.alpacon.delete(target, `${TOKENS}${token_id}/`, { resource: { what: 'Registration token', id: token_id }, signal: ctx.signal });
    return reply({ deleted: true, token_id }, `Registration token ${token_id} deleted.`);
  }

  @Tool({
    name: 'get_registration_guide',
    title: 'Server install guide',
    description: 'Commands to install and register the agent on a new server, with the token key embedded.',
    input: GetRegistrationGuideInput,
    annotations: Effects.read,
    searchHint: 'install guide alpamon register new server script',
  })
  async getRegistrationGuide({ platform, token_id, server_name, ...target }: GetRegistrationGuideInput, ctx: ToolContext) {
    const body = { platform, registration_token: token_id, ...(server_name === undefined ? {} : { server_name }) };
    const guide = await this.alpacon.post(target, '/api/servers/registration-methods/token-install/guide/', body, {
      query: { response_type: 'json' },
      signal: ctx.signal,
    });
    return reply(guide, `Install guide for ${platform}; it contains the token key, treat it as a secret.`);
  }
}
