/**
 * WebFTP streaming benchmark (issue 6). A sandbox runs in this process; the real MCP server runs as a child process
 * (`node bin/alpacon-mcp.js`, stdio, pointed at the sandbox) so its memory is measured on its own. A generated file
 * (1 GiB by default; WEBFTP_BENCH_BYTES or --bytes for quick runs) is uploaded and downloaded through
 * `webftp_upload_file` / `webftp_download_file`, and the same file is PUT and GET with a plain got stream against
 * presigned URLs of the same sandbox, in the same run. The MCP figure is the whole tool call (create, stream, trigger,
 * status polls, fsync, rename); the plain figure is the stream alone. Prints a table; `run()` returns the JSON (also
 * written to --out, default bench-results/webftp-stream.json). Run: `npm run build && node dist/bench/webftp-stream.js`.
 */
import 'reflect-metadata';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readFile, realpath, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import got from 'got';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { Client } from '@modelcontextprotocol/client';
import { tokenEnvName } from '../core/auth/token-env.js';
import { startSandbox, type Sandbox } from '../sandbox/index.js';

export interface WebftpBenchOptions {
  bytes?: number;
  out?: string | null;
}

interface Leg {
  /** The whole tool call: REST calls, agent command, stream, status polls, fsync and rename. */
  mcp_ms: number;
  /** The tool's byte stream alone (`stream_ms` of its result), the part comparable with the plain stream. */
  mcp_stream_ms: number;
  plain_ms: number;
  mcp_stream_mib_s: number;
  plain_mib_s: number;
  /** MCP stream throughput / plain got stream throughput; target ≥ 0.7. */
  ratio: number;
  /** Plain stream throughput / whole tool call, for reference. */
  whole_call_ratio: number;
  /** Highest RSS sample of the server during this leg. */
  server_rss_mb: number;
}

export interface WebftpBenchResult {
  name: 'webftp-stream';
  bytes: number;
  upload: Leg;
  download: Leg;
  /** Peak resident set of the MCP server process (VmHWM, or the highest sample). */
  server_peak_rss_mb: number;
  server_idle_rss_mb: number;
  targets: { upload_at_least_70pct: boolean; download_at_least_70pct: boolean; rss_under_100mb: boolean };
}

const MiB = 1024 * 1024;
const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'alpacon-mcp.js');

export async function run(options: WebftpBenchOptions = {}): Promise<WebftpBenchResult> {
  const bytes = options.bytes ?? (Number(process.env.WEBFTP_BENCH_BYTES) || 1024 * MiB);
  const sandbox = await startSandbox({ servers: 1, commandStepMs: 5 });
  const dir = await realpath(await mkdtemp(path.join(tmpdir(), 'webftp-bench-')));
  const source = path.join(dir, 'source.bin');
  await generate(source, bytes);
  await writeFile(path.join(dir, '.alpaconrc'), JSON.stringify({ plugins: ['webftp'], webftp: { localRoots: [dir] }, logLevel: 'error' }));
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [BIN],
    cwd: dir,
    env: { PATH: process.env.PATH ?? '', HOME: dir, ...(process.env.WEBFTP_BENCH_NODE_OPTIONS ? { NODE_OPTIONS: process.env.WEBFTP_BENCH_NODE_OPTIONS } : {}), ALPACON_MCP_BASE_URL: sandbox.url, [tokenEnvName(sandbox.region, sandbox.workspace)]: sandbox.token },
    stderr: 'inherit',
  });
  const client = new Client({ name: 'webftp-bench', version: '0.0.0' });
  await client.connect(transport);
  const pid = transport.pid;
  if (pid === null) throw new Error('the MCP server process did not start');
  const rss = new RssSampler(pid);
  const serverId = sandbox.world.servers.all()[0].id;
  const workspace = sandbox.workspace;
  const callTool = async (name: string, args: Record<string, unknown>) => {
    const result = await client.callTool({ name, arguments: { workspace, server_id: serverId, ...args } }, { timeout: 3_600_000 });
    const structured = result.structuredContent as { ok?: boolean; error?: unknown } | undefined;
    if (result.isError || structured?.ok !== true) throw new Error(`${name} failed: ${JSON.stringify(structured?.error)}`);
    return (structured as { data: { stream_ms: number } }).data;
  };
  try {
    await sleep(300);
    const idle = await rss.current();
    rss.start();
    rss.max = idle;

    // Each leg starts with no dirty pages waiting, so no leg pays for the previous leg's writeback.
    await flushDisk();
    let started = performance.now();
    const up = await callTool('webftp_upload_file', { local_file_path: source, remote_file_path: '/tmp/mcp.bin' });
    const mcpUpload = performance.now() - started;
    await flushDisk();
    const plainUpload = await plainPut(sandbox, serverId, source, bytes);
    const uploadRss = rss.takeMax();
    const mcpTarget = path.join(dir, 'mcp-download.bin');
    await flushDisk();
    started = performance.now();
    const down = await callTool('webftp_download_file', { remote_file_path: '/tmp/mcp.bin', local_file_path: mcpTarget });
    const mcpDownload = performance.now() - started;
    if ((await stat(mcpTarget)).size !== bytes) throw new Error('the MCP download has the wrong size');
    await rm(mcpTarget);
    const plainTarget = path.join(dir, 'plain-download.bin');
    await flushDisk();
    const plainDownload = await plainGet(sandbox, serverId, '/tmp/mcp.bin', plainTarget);
    await rm(plainTarget);
    const downloadRss = rss.takeMax();

    const peak = Math.max(await rss.peak(), uploadRss, downloadRss);
    rss.stop();
    const leg = (mcpMs: number, streamMs: number, plainMs: number, legRss: number): Leg => ({
      mcp_ms: round(mcpMs), mcp_stream_ms: round(streamMs), plain_ms: round(plainMs),
      mcp_stream_mib_s: round(bytes / MiB / (streamMs / 1000)), plain_mib_s: round(bytes / MiB / (plainMs / 1000)),
      ratio: round(plainMs / streamMs, 100), whole_call_ratio: round(plainMs / mcpMs, 100), server_rss_mb: round(legRss / MiB),
    });
    const upload = leg(mcpUpload, up.stream_ms, plainUpload, uploadRss);
    const download = leg(mcpDownload, down.stream_ms, plainDownload, downloadRss);
    const result: WebftpBenchResult = {
      name: 'webftp-stream',
      bytes,
      upload,
      download,
      server_peak_rss_mb: round(peak / MiB),
      server_idle_rss_mb: round(idle / MiB),
      targets: { upload_at_least_70pct: upload.ratio >= 0.7, download_at_least_70pct: download.ratio >= 0.7, rss_under_100mb: peak < 100 * MiB },
    };
    if (options.out !== null) {
      const out = options.out ?? path.join(process.cwd(), 'bench-results', 'webftp-stream.json');
      await mkdir(path.dirname(out), { recursive: true });
      await writeFile(out, `${JSON.stringify(result, null, 2)}\n`);
    }
    return result;
  } finally {
    rss.stop();
    await client.close();
    await sandbox.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

/** Writes `bytes` of incompressible data (a random MiB repeated with a changing prefix) without holding it in memory. */
async function generate(file: string, bytes: number): Promise<void> {
  const block = randomBytes(MiB);
  async function* chunks() {
    for (let offset = 0, n = 0; offset < bytes; offset += MiB, n += 1) {
      const chunk = Buffer.from(block.subarray(0, Math.min(MiB, bytes - offset)));
      chunk.writeUInt32LE(n, 0);
      yield chunk;
    }
  }
  await pipeline(chunks, createWriteStream(file));
}

async function flushDisk(): Promise<void> {
  if (process.platform === 'win32') return;
  await new Promise<void>((resolve) => execFile('sync', () => resolve()));
}

/** The baseline upload: a presigned URL from the REST API, then a plain got stream PUT (timed alone). */
async function plainPut(sandbox: Sandbox, serverId: string, file: string, bytes: number): Promise<number> {
  const created = await api<{ id: string; upload_url: string }>(sandbox, '/api/webftp/uploads/', { name: 'plain.bin', path: '/tmp/', server: serverId, allow_overwrite: true });
  const started = performance.now();
  await pipeline(
    createReadStream(file),
    got.stream.put(created.upload_url, { headers: { 'content-length': String(bytes) } }),
    async (response: AsyncIterable<Buffer>) => {
      for await (const _ of response);
    },
  );
  return performance.now() - started;
}

/** The baseline download: a download prepared through the REST API, then a plain got stream GET into a file (timed alone). */
async function plainGet(sandbox: Sandbox, serverId: string, remote: string, target: string): Promise<number> {
  const created = await api<{ id: string; download_url: string; command: string }>(sandbox, '/api/webftp/downloads/', { path: remote, name: path.posix.basename(remote), server: serverId, resource_type: 'file' });
  for (;;) {
    const command = await got(`${sandbox.url}/api/events/commands/${created.command}/`, { headers: { authorization: `token="${sandbox.token}"` } }).json<{ status: string }>();
    if (command.status === 'completed') break;
    if (['failed', 'error', 'stuck', 'rejected'].includes(command.status)) throw new Error(`download command ${command.status}`);
    await sleep(50);
  }
  const started = performance.now();
  await pipeline(got.stream(created.download_url), createWriteStream(target));
  return performance.now() - started;
}

function api<T>(sandbox: Sandbox, apiPath: string, body: unknown): Promise<T> {
  return got.post(`${sandbox.url}${apiPath}`, { json: body, headers: { authorization: `token="${sandbox.token}"` } }).json<T>();
}

/** Resident memory of another process: VmHWM (kernel-tracked peak) where /proc exists, else `ps` samples. */
class RssSampler {
  max = 0;
  private timer?: NodeJS.Timeout;

  constructor(private readonly pid: number) {}

  start(): void {
    this.timer = setInterval(() => void this.current().then((v) => (this.max = Math.max(this.max, v))).catch(() => undefined), 100);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** The highest sample since the last call. */
  takeMax(): number {
    const max = this.max;
    this.max = 0;
    return max;
  }

  async current(): Promise<number> {
    return (await this.procField('VmRSS')) ?? this.ps();
  }

  async peak(): Promise<number> {
    return (await this.procField('VmHWM')) ?? this.max;
  }

  private async procField(field: string): Promise<number | undefined> {
    try {
      const status = await readFile(`/proc/${this.pid}/status`, 'utf8');
      const kb = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1];
      return kb === undefined ? undefined : Number(kb) * 1024;
    } catch {
      return undefined;
    }
  }

  private async ps(): Promise<number> {
    return new Promise((resolve) => {
      execFile('ps', ['-o', 'rss=', '-p', String(this.pid)], (error, stdout) => resolve(error ? 0 : Number(stdout.trim()) * 1024));
    });
  }
}

export function formatTable(r: WebftpBenchResult): string {
  const mark = (ok: boolean) => (ok ? 'met' : 'MISSED');
  const rows: [string, string][] = [
    ['file size', `${round(r.bytes / MiB)} MiB`],
    ...legRows('upload', 'webftp_upload_file', 'PUT', r.upload, mark(r.targets.upload_at_least_70pct)),
    ...legRows('download', 'webftp_download_file', 'GET', r.download, mark(r.targets.download_at_least_70pct)),
    ['MCP server RSS idle / peak', `${r.server_idle_rss_mb} MB / ${r.server_peak_rss_mb} MB  (target < 100 MB: ${mark(r.targets.rss_under_100mb)})`],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  return ['WebFTP streaming benchmark', ...rows.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`)].join('\n');
}

function legRows(leg: string, tool: string, method: string, l: Leg, verdict: string): [string, string][] {
  return [
    [`${leg}: ${tool} stream`, `${l.mcp_stream_ms} ms  (${l.mcp_stream_mib_s} MiB/s; whole call ${l.mcp_ms} ms)`],
    [`${leg}: plain got stream ${method}`, `${l.plain_ms} ms  (${l.plain_mib_s} MiB/s)`],
    [`${leg} ratio (stream / whole call)`, `${Math.round(l.ratio * 100)}% / ${Math.round(l.whole_call_ratio * 100)}%  (target ≥ 70%: ${verdict}); server RSS ${l.server_rss_mb} MB`],
  ];
}

const round = (value: number, scale = 10): number => Math.round(value * scale) / scale;

function argValue(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const bytesArg = argValue('--bytes');
  run({ bytes: bytesArg === undefined ? undefined : Number(bytesArg), out: argValue('--out') })
    .then((result) => {
      process.stdout.write(`${formatTable(result)}\n${JSON.stringify(result)}\n`);
      const t = result.targets;
      if (!t.upload_at_least_70pct || !t.download_at_least_70pct || !t.rss_under_100mb) process.exitCode = 1;
    })
    .catch((error: unknown) => {
      process.stderr.write(`webftp-stream benchmark failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
      process.exitCode = 1;
    });
}
