import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface HaproxyLogLine {
  callId: string;
  server: string;
  status: number;
  termination: string;
  retries: string;
}

export interface RunningHaproxy {
  child: ChildProcess;
  /** One line per answered (or aborted) request that carried `X-Call-Id`. */
  calls(): HaproxyLogLine[];
  /** HAProxy's own lines about servers going down or up. */
  stateChanges(): string[];
  output(): string;
  stop(): Promise<void>;
}

/** The Debian package's binary, or undefined (`.ci/run` installs it; locally: `apt-get install haproxy`). */
export function haproxyBinary(): string | undefined {
  const found = spawnSync('sh', ['-c', 'command -v haproxy || ls /usr/sbin/haproxy 2>/dev/null'], { encoding: 'utf8' });
  const binary = found.stdout.trim().split('\n')[0];
  return binary ? binary : undefined;
}

/**
 * Round-robin over `servers` (loopback ports), health-checked on /healthz with the Host the replicas allow. Connection
 * failures are retried on another server (nothing was delivered); a request a server accepted is never replayed.
 * Logs one `CALL <x-call-id> <server> <status> <termination> <retries>` line per request to stdout.
 */
export async function startHaproxy(options: { binary: string; dir: string; frontPort: number; servers: { name: string; port: number }[] }): Promise<RunningHaproxy> {
  const host = `127.0.0.1:${options.frontPort}`;
  const config = [
    'global',
    '  log stdout format raw local0',
    '  maxconn 1000',
    'defaults',
    '  mode http',
    '  log global',
    '  timeout connect 2s',
    '  timeout client 60s',
    '  timeout server 60s',
    // Replicas share two cores with the clients here: a slow /healthz is not a dead replica.
    '  timeout check 5s',
    '  retries 3',
    '  option redispatch',
    // One request per client connection: a client never sends on a connection the balancer is closing after a replica died.
    '  option httpclose',
    'frontend mcp',
    `  bind ${host}`,
    '  capture request header X-Call-Id len 64',
    '  log-format "CALL %[capture.req.hdr(0)] %s %ST %tsc %rc"',
    '  default_backend replicas',
    'backend replicas',
    '  balance roundrobin',
    '  option httpchk',
    `  http-check send meth GET uri /healthz ver HTTP/1.1 hdr Host ${host}`,
    '  default-server inter 500ms fall 2 rise 1',
    ...options.servers.map((s) => `  server ${s.name} 127.0.0.1:${s.port} check`),
    '',
  ].join('\n');
  const file = path.join(options.dir, 'haproxy.cfg');
  await writeFile(file, config);
  const check = spawnSync(options.binary, ['-c', '-q', '-f', file], { encoding: 'utf8' });
  if (check.status !== 0) throw new Error(`haproxy rejected its configuration: ${check.stderr}${check.stdout}`);

  const child = spawn(options.binary, ['-db', '-f', file], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await waitForListening(options.frontPort, () => output);
  return {
    child,
    output: () => output,
    calls: () =>
      output
        .split('\n')
        .filter((line) => line.startsWith('CALL '))
        .map((line) => {
          const [, callId, server, status, termination, retries] = line.trim().split(/\s+/);
          return { callId, server, status: Number(status), termination, retries };
        })
        .filter((line) => line.callId !== '-' && line.callId !== '' && line.callId !== '{}'),
    stateChanges: () => output.split('\n').filter((line) => /Server replicas\/\S+ is (DOWN|UP)/.test(line)),
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

async function waitForListening(port: number, output: () => string): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const ok = await fetch(`http://127.0.0.1:${port}/`).then(() => true, () => false);
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`haproxy did not listen on ${port}: ${output()}`);
}
