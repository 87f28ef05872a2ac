import {
  ALPACON,
  AlpaconClient,
  Effects,
  inject,
  injectable,
  reply,
  Tool,
  TOKEN_STORE,
  type TokenStore,
  type TokenSource,
  type ToolContext,
} from '../../core/index.js';
import { GetCurrentUserInput, ListWorkspacesInput } from './dto.js';

interface CurrentUser {
  id: string;
  username: string;
  email?: string;
  is_staff?: boolean;
  is_superuser?: boolean;
  [key: string]: unknown;
}

@injectable()
export class WorkspaceTools {
  constructor(
    @inject(TOKEN_STORE) private readonly tokens: TokenStore,
    @inject(ALPACON) private readonly alpacon: AlpaconClient,
  ) {}

  @Tool({
    name: 'list_workspaces',
    title: 'List configured workspaces',
    description: 'Workspaces (region + name) that have an API token configured here, and where each token comes from. Call first to learn valid workspace/region values.',
    input: ListWorkspacesInput,
    annotations: Effects.localRead,
    alwaysLoad: true,
    searchHint: 'workspace region token configured',
    output: {
      type: 'object',
      properties: {
        workspaces: {
          type: 'array',
          items: {
            type: 'object',
            properties: { region: { type: 'string' }, workspace: { type: 'string' }, source: { type: 'string' } },
            required: ['region', 'workspace', 'source'],
          },
        },
      },
      required: ['workspaces'],
    },
  })
  listWorkspaces({ region }: ListWorkspacesInput) {
    const entries = this.tokens.list().filter((e) => region === undefined || e.region === region);
    const workspaces = entries.map((e) => ({ region: e.region, workspace: e.workspace, source: describeSource(e.source) }));
    return reply({ workspaces }, `${workspaces.length} workspace(s) configured.`);
  }

  @Tool({
    name: 'get_current_user',
    title: 'Current user and privilege',
    description: 'Who the token acts as in a workspace, and its privilege (superuser, staff or general). Check before admin actions.',
    input: GetCurrentUserInput,
    annotations: Effects.read,
    searchHint: 'whoami current user privilege staff superuser',
  })
  async getCurrentUser(input: GetCurrentUserInput, ctx: ToolContext) {
    const user = await this.alpacon.get<CurrentUser>(input, '/api/iam/users/-/', { signal: ctx.signal });
    const privilege = user.is_superuser ? 'superuser' : user.is_staff ? 'staff' : 'general';
    return reply({ ...user, privilege }, `${user.username} (${privilege})`);
  }
}

function describeSource(source: TokenSource): string {
  return source.kind === 'file' ? `file:${source.path}` : `env:${source.name}`;
}
