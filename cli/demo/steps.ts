import type { Messages } from '../i18n/index.js';

type DemoText = Messages['demoStep'];

/** One call of the demo walk: which tool, with what, and how to say what came back in a line. */
export interface DemoStep {
  tool: string;
  /** Arguments, from what earlier steps found. */
  args(found: Found): Record<string, unknown>;
  /** One line, in the user's language, saying what came back; may also record ids for later steps. */
  describe(data: unknown, found: Found, text: DemoText): string;
  /** Only against today's service: the 2024 server has no WebFTP or metrics apps (alpacon-server alpacon/urls.py). */
  currentOnly?: boolean;
}

export interface Found {
  serverId?: string;
  serverName?: string;
  userId?: string;
  workDir: string;
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (typeof v === 'object' && v !== null ? (v as Json) : {});
const list = (v: unknown): Json[] => (Array.isArray(v) ? (v as Json[]) : []);
const firstLine = (v: unknown) => String(v ?? '').trim().split('\n')[0];
const stamp = 'alpacon-mcp demo';

/** The walk across every built-in domain; steps whose tool is not enabled are skipped. */
export const SANDBOX_STEPS: DemoStep[] = [
  { tool: 'list_workspaces', args: () => ({}), describe: (d, _f, m) => m.workspaces(list(obj(d).workspaces).length) },
  { tool: 'get_current_user', args: () => ({}), describe: (d, _f, m) => m.user(String(obj(d).username), String(obj(d).privilege)) },
  {
    tool: 'list_servers',
    args: () => ({ page_size: 5 }),
    describe: (d, found, m) => {
      const servers = list(obj(d).results);
      const live = servers.find((s) => s.is_connected) ?? servers[0];
      found.serverId = String(live?.id);
      found.serverName = String(live?.name);
      return m.servers(String(obj(d).count), found.serverName);
    },
  },
  { tool: 'get_server_overview', args: (f) => ({ server_id: f.serverId }), describe: (d, _f, m) => m.overview(String(obj(obj(d).os).name ?? '?'), list(obj(d).errors).length) },
  {
    tool: 'execute_command_sync',
    args: (f) => ({ server_id: f.serverId, command: 'uname -a' }),
    describe: (d, _f, m) => m.exit(String(obj(d).exit_code), firstLine(obj(d).output)),
  },
  { tool: 'list_commands', args: (f) => ({ server_id: f.serverId, limit: 3 }), describe: (d, _f, m) => m.commands(list(obj(d).commands).map((c) => String(c.line))) },
  {
    tool: 'execute_command',
    args: (f) => ({ server_id: f.serverId, command: 'cd /tmp && pwd' }),
    describe: (d, _f, m) => m.websh(firstLine(obj(d).output), String(obj(d).exit_code), String(obj(d).duration_ms)),
  },
  {
    tool: 'execute_command_batch',
    args: (f) => ({ server_id: f.serverId, commands: ['whoami', 'hostname', 'false'] }),
    describe: (d, _f, m) => m.exitCodes(list(obj(d).results).map((r) => String(r.exit_code))),
  },
  {
    tool: 'webftp_upload_content',
    args: (f) => ({ server_id: f.serverId, content: `${stamp}\n`, remote_file_path: '/tmp/demo.txt', overwrite: true }),
    describe: (_d, _f, m) => m.uploaded('/tmp/demo.txt'),
    currentOnly: true,
  },
  { tool: 'execute_command', args: (f) => ({ server_id: f.serverId, command: 'cat /tmp/demo.txt' }), describe: (d, _f, m) => m.cat(firstLine(obj(d).output)) },
  {
    tool: 'webftp_download_file',
    args: (f) => ({ server_id: f.serverId, remote_file_path: '/tmp/demo.txt', local_file_path: `${f.workDir}/demo.txt`, overwrite: true }),
    describe: (d, _f, m) => m.downloaded(String(obj(d).size ?? obj(d).bytes ?? '?'), 'demo.txt'),
    currentOnly: true,
  },
  { tool: 'get_server_metrics_summary', args: (f) => ({ server_id: f.serverId, hours: 6 }), describe: (d, _f, m) => m.verdict(String(obj(d).verdict ?? '?')), currentOnly: true },
  { tool: 'get_cpu_usage', args: (f) => ({ server_id: f.serverId }), describe: (d, _f, m) => m.cpu(String(obj(d).count), fmt(obj(obj(obj(list(obj(d).series)[0]).stats).usage).avg)), currentOnly: true },
  { tool: 'get_top_servers', args: () => ({ metric_types: ['cpu', 'memory'] }), describe: (d, _f, m) => m.top(Object.keys(obj(obj(d).top ?? d))), currentOnly: true },
  { tool: 'list_events', args: (f) => ({ server_id: f.serverId, limit: 5 }), describe: (d, _f, m) => m.events(list(obj(d).results ?? obj(d).events ?? d).length) },
  { tool: 'get_system_info', args: (f) => ({ server_id: f.serverId }), describe: (d, _f, m) => m.hostname(String(obj(d).hostname ?? '?')) },
  { tool: 'list_system_packages', args: (f) => ({ server_id: f.serverId, limit: 5 }), describe: (d, _f, m) => m.packages(String(obj(d).count ?? list(obj(d).results).length)) },
  { tool: 'list_iam_users', args: () => ({ page_size: 5 }), describe: (d, _f, m) => m.users(String(obj(d).count)) },
  {
    tool: 'create_iam_user',
    // The 2024 server requires an initial password (iam/api/serializers.py).
    args: () => ({ username: 'demo-user', email: 'demo@example.com', first_name: 'Demo', last_name: 'User', password: 'demo-password-2026' }),
    describe: (d, found, m) => {
      found.userId = String(obj(d).id);
      return m.created(String(obj(d).username));
    },
  },
  { tool: 'delete_iam_user', args: (f) => ({ user_id: f.userId }), describe: (_d, _f, m) => m.deleted() },
  { tool: 'list_iam_groups', args: () => ({}), describe: (d, _f, m) => m.groups(String(obj(d).count ?? list(obj(d).results).length)) },
];

/** Read-only tour for a real workspace: nothing changes on it. */
export const LIVE_STEPS: DemoStep[] = SANDBOX_STEPS.filter((s) =>
  ['list_workspaces', 'get_current_user', 'list_servers', 'get_server_overview', 'list_events', 'get_server_metrics_summary'].includes(s.tool),
);

function fmt(value: unknown): string {
  return typeof value === 'number' ? value.toFixed(1) : '?';
}
