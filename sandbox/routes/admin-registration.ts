import { principalOf, type SandboxContext } from '../context.js';
import { paginate } from '../http/pagination.js';
import type { Router } from '../http/types.js';
import { seedRegistrationTokens, type RegistrationToken } from '../world/admin-settings.js';
import { BodyReader } from './body-reader.js';
import { ExtStore } from './ext-common.js';
import { requireStaff } from './iam-users.js';

const PLATFORMS: Record<string, string> = { debian: 'Debian / Ubuntu', rhel: 'RHEL / CentOS / Rocky', darwin: 'macOS', windows: 'Windows' };

/** The listed form: the key is only ever returned by the create call (official CLI `RegistrationTokenDetails`). */
function tokenJson({ key: _key, ...token }: RegistrationToken): Record<string, unknown> {
  return { ...token, allowed_groups: [...token.allowed_groups] };
}

/** Server registration tokens and the token-install guide (`/api/servers/registration-*`), shapes from the official CLI. */
export function registerAdminRegistration(router: Router, ctx: SandboxContext): void {
  const { world } = ctx;
  const tokens = new ExtStore<RegistrationToken>(seedRegistrationTokens(world.seed));

  router.add('GET', '/api/servers/registration-tokens/', (req) => {
    const search = req.query.get('search')?.toLowerCase();
    const items = tokens.all().filter((t) => !search || t.name.toLowerCase().includes(search));
    const page = paginate(req, items);
    return { status: 200, body: { ...page, results: page.results.map(tokenJson) } };
  });

  router.add('GET', '/api/servers/registration-tokens/:id/', (req) => ({ status: 200, body: tokenJson(tokens.find(req.params.id)) }));

  router.add('POST', '/api/servers/registration-tokens/', (req) => {
    requireStaff(principalOf(req));
    const reader = new BodyReader(req.body);
    const name = reader.string('name', { required: true, max: 128 });
    if (name !== undefined && tokens.all().some((t) => t.name === name)) reader.error('name', 'registration token with this name already exists.');
    const groups = reader.references('allowed_groups', (id) => world.groups.get(id) !== undefined) ?? [];
    const expiresAt = reader.string('expires_at');
    if (expiresAt !== undefined && Number.isNaN(Date.parse(expiresAt))) {
      reader.error('expires_at', 'Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z].');
    }
    reader.done();
    const token = tokens.add({
      id: world.newId(), name: name ?? '', allowed_groups: groups, key: `reg-${world.newId().replaceAll('-', '')}`, enabled: true,
      expires_at: expiresAt === undefined ? null : new Date(expiresAt).toISOString(), added_at: new Date().toISOString(),
    });
    return { status: 201, body: { ...tokenJson(token), key: token.key } };
  });

  router.add('DELETE', '/api/servers/registration-tokens/:id/', (req) => {
    requireStaff(principalOf(req));
    tokens.delete(tokens.find(req.params.id).id);
    return { status: 204 };
  });

  router.add('POST', '/api/servers/registration-methods/token-install/guide/', (req) => {
    const reader = new BodyReader(req.body);
    const platform = reader.string('platform', { required: true });
    if (platform !== undefined && PLATFORMS[platform] === undefined) reader.error('platform', `"${platform}" is not a valid choice.`);
    const tokenId = reader.string('registration_token');
    const token = tokenId === undefined ? undefined : tokens.all().find((t) => t.id === tokenId);
    if (tokenId !== undefined && token === undefined) reader.error('registration_token', `Invalid pk "${tokenId}" - object does not exist.`);
    const serverName = reader.string('server_name', { max: 128 }) ?? '';
    reader.done();
    const key = token?.key ?? '<REGISTRATION_TOKEN>';
    const windows = platform === 'windows';
    return {
      status: 200,
      body: {
        method_id: 'token-install', platform, platform_label: PLATFORMS[platform ?? ''], alpacon_url: ctx.baseUrl(), server_name: serverName,
        package_proxy: null, allow_sudo_with_mfa: true, token_key: key,
        install_commands: windows
          ? ['winget install alpacax.alpamon']
          : [`curl -s ${ctx.baseUrl()}/install/alpamon.sh | sudo bash`],
        register_command: `${windows ? '' : 'sudo '}alpamon register --url ${ctx.baseUrl()} --token ${key}${serverName ? ` --name ${serverName}` : ''}`,
      },
    };
  });
}
