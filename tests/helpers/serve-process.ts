import { spawn, type ChildProcess } from 'node:child_process';
import { BIN } from './spawn-server.js';

export interface ServeProcess {
  child: ChildProcess;
  /** The announced Streamable HTTP endpoint (`http://host:port/mcp`). */
  url: Promise<string>;
  exit: Promise<number | null>;
  stderr: () => string;
}

/** Runs `node bin/alpacon-mcp.js <args>` (the installed `alpacon-mcp` binary) with only the given environment, and waits for its URL. */
export function startServeProcess(args: string[], env: Record<string, string>, cwd: string): ServeProcess {
  const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { PATH: process.env.PATH ?? '', HOME: cwd, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  const url = new Promise<string>((resolve, reject) => {
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const match = /(http:\/\/\S+\/mcp)\b/.exec(stderr);
      if (match) resolve(match[1]);
    });
    child.once('exit', () => reject(new Error(`exited early: ${stderr}`)));
  });
  url.catch(() => undefined);
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, url, exit, stderr: () => stderr };
}
