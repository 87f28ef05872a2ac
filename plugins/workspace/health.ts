import {
  ALPACON, AlpaconClient, CORE_VERSION, Effects, ErrorCode, inject, injectable, isAlpaconMcpError, reply, Tool, TOKEN_STORE, type TokenStore, type TokenEntry,
  type ToolContext,
} from '../../core/index.js';
import { HealthCheckInput } from './dto.js';

/** What alpacon-cli calls to validate a token at login (api/auth/auth.go, statusURL): proves reachability and the token. */
const STATUS_PATH = '/api/status/';
const CHECK_TIMEOUT_MS = 10_000;
const started = Date.now();

interface WorkspaceHealth {
  region: string;
  workspace: string;
  reachable: boolean;
  authenticated: boolean;
  /** `ok`, or the stable error code of the failure (`unauthorized`, `network_error`, `timeout`, ...). */
  status: string;
  message?: string;
}

/**
 * health_check as the Python server has it (tools/health_tools.py, utils/health.py: version, uptime, token summary), plus what
 * it leaves out: whether each configured workspace answers and accepts its token. Tokens never appear in the answer.
 */
@injectable()
export class HealthTools {
  constructor(
    @inject(TOKEN_STORE) private readonly tokens: TokenStore,
    @inject(ALPACON) private readonly alpacon: AlpaconClient,
  ) {}

  @Tool({
    name: 'health_check',
    title: 'Health check',
    description: 'Server version and uptime, and for each configured workspace whether it answers and accepts its token. Use first when calls fail.',
    input: HealthCheckInput,
    annotations: Effects.read,
    alwaysLoad: true,
    // Compact (it counts against the default tools/list): each workspaces[] entry is {region, workspace, reachable, authenticated, status, message?}.
    output: {
      type: 'object',
      properties: {
        status: { type: 'string', enum: ['ok', 'degraded', 'no_workspaces'] }, version: { type: 'string' }, uptime_seconds: { type: 'number' },
        auth: { type: 'object' }, workspaces: { type: 'array' },
      },
      required: ['status', 'version', 'uptime_seconds', 'auth', 'workspaces'],
    },
    searchHint: 'health check status ping connectivity token',
  })
  async healthCheck({ region }: HealthCheckInput, ctx: ToolContext) {
    const configured = this.tokens.list();
    const selected = configured.filter((e) => region === undefined || e.region === region);
    const workspaces = await Promise.all(selected.map((entry) => this.check(entry, ctx.signal)));
    const healthy = workspaces.every((w) => w.status === 'ok');
    const status = workspaces.length === 0 ? 'no_workspaces' : healthy ? 'ok' : 'degraded';
    const data = {
      status,
      version: CORE_VERSION,
      uptime_seconds: Math.round((Date.now() - started) / 100) / 10,
      auth: { tokens_configured: configured.length, regions_configured: new Set(configured.map((e) => e.region)).size },
      workspaces,
    };
    const failed = workspaces.filter((w) => w.status !== 'ok').map((w) => `${w.region}/${w.workspace}: ${w.status}`);
    const summary = status === 'no_workspaces'
      ? 'No workspace has a token configured here (see list_workspaces; `alpacon-mcp setup` adds one).'
      : `${workspaces.length - failed.length} of ${workspaces.length} workspace(s) healthy.${failed.length > 0 ? ` Failing: ${failed.join(', ')}.` : ''}`;
    return reply(data, summary);
  }

  private async check({ region, workspace }: TokenEntry, signal: AbortSignal): Promise<WorkspaceHealth> {
    try {
      await this.alpacon.get({ region, workspace }, STATUS_PATH, { signal, timeoutMs: CHECK_TIMEOUT_MS });
      return { region, workspace, reachable: true, authenticated: true, status: 'ok' };
    } catch (error) {
      if (!isAlpaconMcpError(error) || error.code === ErrorCode.Cancelled) throw error;
      // Any HTTP answer means the workspace is reachable; only transport failures mean it is not.
      const reachable = error.status !== undefined;
      return { region, workspace, reachable, authenticated: false, status: error.code, message: error.message };
    }
  }
}
