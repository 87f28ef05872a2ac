/** One call of the demo walk: which tool, with what, and how to say what came back in a line. */
export interface DemoStep {
  tool: string;
  /** Arguments, from what earlier steps found. */
  args(found: Found): Record<string, unknown>;
  /** One line saying what came back; may also record ids for later steps. */
  describe(data: unknown, found: Found): string;
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
  { tool: 'list_workspaces', args: () => ({}), describe: (d) => `${list(obj(d).workspaces).length} workspace(s) configured` },
  { tool: 'get_current_user', args: () => ({}), describe: (d) => `${String(obj(d).username)} (${String(obj(d).privilege)})` },
  {
    tool: 'list_servers',
    args: () => ({ page_size: 5 }),
    describe: (d, found) => {
      const servers = list(obj(d).results);
      const live = servers.find((s) => s.is_connected) ?? servers[0];
      found.serverId = String(live?.id);
      found.serverName = String(live?.name);
      return `${String(obj(d).count)} servers; using ${found.serverName}`;
    },
  },
  { tool: 'get_server_overview', args: (f) => ({ server_id: f.serverId }), describe: (d) => `os ${String(obj(obj(d).os).name ?? '?')}, parts missing: ${list(obj(d).errors).length}` },
  {
    tool: 'execute_command_sync',
    args: (f) => ({ server_id: f.serverId, command: 'uname -a' }),
    describe: (d) => `exit ${String(obj(d).exit_code)}: ${firstLine(obj(d).output)}`,
  },
  { tool: 'list_commands', args: (f) => ({ server_id: f.serverId, limit: 3 }), describe: (d) => `${list(obj(d).commands).length} recent command(s): ${list(obj(d).commands).map((c) => String(c.line)).join(', ')}` },
  {
    tool: 'execute_command',
    args: (f) => ({ server_id: f.serverId, command: 'cd /tmp && pwd' }),
    describe: (d) => `Websh: ${firstLine(obj(d).output)} (exit ${String(obj(d).exit_code)}, ${String(obj(d).duration_ms)} ms)`,
  },
  {
    tool: 'execute_command_batch',
    args: (f) => ({ server_id: f.serverId, commands: ['whoami', 'hostname', 'false'] }),
    describe: (d) => `exit codes ${list(obj(d).results).map((r) => String(r.exit_code)).join(', ')}`,
  },
  {
    tool: 'webftp_upload_content',
    args: (f) => ({ server_id: f.serverId, content: `${stamp}\n`, remote_file_path: '/tmp/demo.txt', overwrite: true }),
    describe: () => 'uploaded /tmp/demo.txt',
  },
  { tool: 'execute_command', args: (f) => ({ server_id: f.serverId, command: 'cat /tmp/demo.txt' }), describe: (d) => `Websh cat: ${firstLine(obj(d).output)}` },
  {
    tool: 'webftp_download_file',
    args: (f) => ({ server_id: f.serverId, remote_file_path: '/tmp/demo.txt', local_file_path: `${f.workDir}/demo.txt`, overwrite: true }),
    describe: (d) => `downloaded ${String(obj(d).size ?? obj(d).bytes ?? '')} bytes to demo.txt`,
  },
  { tool: 'get_server_metrics_summary', args: (f) => ({ server_id: f.serverId, hours: 6 }), describe: (d) => `verdict: ${String(obj(d).verdict ?? '?')}` },
  { tool: 'get_cpu_usage', args: (f) => ({ server_id: f.serverId }), describe: (d) => `${String(obj(d).count)} points, cpu avg ${fmt(obj(obj(obj(list(obj(d).series)[0]).stats).usage).avg)}%` },
  { tool: 'get_top_servers', args: () => ({ metric_types: ['cpu', 'memory'] }), describe: (d) => `top lists: ${Object.keys(obj(obj(d).top ?? d)).join(', ')}` },
  { tool: 'list_events', args: (f) => ({ server_id: f.serverId, limit: 5 }), describe: (d) => `${list(obj(d).results ?? obj(d).events ?? d).length} event(s)` },
  { tool: 'get_system_info', args: (f) => ({ server_id: f.serverId }), describe: (d) => `hostname ${String(obj(d).hostname ?? '?')}` },
  { tool: 'list_system_packages', args: (f) => ({ server_id: f.serverId, limit: 5 }), describe: (d) => `${String(obj(d).count ?? list(obj(d).results).length)} package(s)` },
  { tool: 'list_iam_users', args: () => ({ page_size: 5 }), describe: (d) => `${String(obj(d).count)} user(s)` },
  {
    tool: 'create_iam_user',
    args: () => ({ username: 'demo-user', email: 'demo@example.com', first_name: 'Demo', last_name: 'User' }),
    describe: (d, found) => {
      found.userId = String(obj(d).id);
      return `created ${String(obj(d).username)}`;
    },
  },
  { tool: 'delete_iam_user', args: (f) => ({ user_id: f.userId }), describe: () => 'deleted it again' },
  { tool: 'list_iam_groups', args: () => ({}), describe: (d) => `${String(obj(d).count ?? list(obj(d).results).length)} group(s)` },
];

/** Read-only tour for a real workspace: nothing changes on it. */
export const LIVE_STEPS: DemoStep[] = SANDBOX_STEPS.filter((s) =>
  ['list_workspaces', 'get_current_user', 'list_servers', 'get_server_overview', 'list_events', 'get_server_metrics_summary'].includes(s.tool),
);

function fmt(value: unknown): string {
  return typeof value === 'number' ? value.toFixed(1) : '?';
}
