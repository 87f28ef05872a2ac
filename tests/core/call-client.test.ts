import { describe, expect, it } from '@jest/globals';
import { ALPACON, definePlugin, Effects, inject, injectable, Tool, WorkspaceInput, type AlpaconClient, type ToolContext } from '../../core/index.js';
import { BUILTIN_PLUGINS } from '../../plugins/builtin.js';
import type { Router } from '../../sandbox/index.js';
import { connectToSandbox } from '../helpers/in-process.js';

class SlowTools {
  @Tool({ name: 'slow_read', title: 'Slow read', description: 'Reads an endpoint that never answers.', input: WorkspaceInput, annotations: Effects.read })
  read(_input: WorkspaceInput, ctx: ToolContext) {
    return ctx.alpacon.get('/api/slow/');
  }
}
/** The mistake the per-call scope forgives: the shared client, and no signal passed. */
@injectable()
class ForgetfulTools {
  constructor(@inject(ALPACON) private readonly alpacon: AlpaconClient) {}

  @Tool({ name: 'forgetful_read', title: 'Forgetful read', description: 'Reads without passing the signal.', input: WorkspaceInput, annotations: Effects.read })
  read(target: WorkspaceInput) {
    return this.alpacon.get(target, '/api/slow/');
  }
}

const slow = definePlugin({ name: 'slow', description: 'Cancellation probe', host: '^0.1.0', tools: [SlowTools, ForgetfulTools] });

/** Routes that hold the request open until the caller goes away, and note who went away. */
function hangingRoutes(paths: string[], seen: { arrived: boolean; closed: string[] }) {
  return (router: Router) => {
    for (const path of paths) {
      router.add('GET', path, (req) => {
        seen.arrived = true;
        return new Promise((resolve) => req.raw.socket.once('close', () => {
          seen.closed.push(path);
          resolve({ status: 200, body: {} });
        }));
      });
    }
  };
}

async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 20));
}

describe('ctx.alpacon: the per-call client', () => {
  it.each([
    ['a plugin tool using ctx.alpacon', 'slow_read', '/api/slow/', {}],
    ['a plugin tool that forgot to pass the signal to the shared client', 'forgetful_read', '/api/slow/', {}],
    ['webftp_sessions_list', 'webftp_sessions_list', '/api/webftp/sessions/', {}],
    ['webftp_check_status', 'webftp_check_status', '/api/webftp/uploads/00000000-0000-4000-8000-000000000001/status/', { file_id: '00000000-0000-4000-8000-000000000001', transfer_type: 'upload' }],
    ['websh_sessions_list', 'websh_sessions_list', '/api/websh/sessions/', {}],
  ])('%s: a client cancelling the call aborts its request to Alpacon', async (_label, tool, path, args) => {
    const seen: { arrived: boolean; closed: string[] } = { arrived: false, closed: [] };
    const connected = await connectToSandbox({
      builtins: { ...BUILTIN_PLUGINS, slow: async () => ({ default: slow }) },
      rc: { plugins: ['slow', 'webftp', 'websh'] },
      sandbox: { routes: hangingRoutes([path], seen) },
    });
    try {
      const abort = new AbortController();
      const call = connected.client.callTool({ name: tool, arguments: { workspace: connected.sandbox.workspace, ...args } }, undefined, { signal: abort.signal });
      await until(() => seen.arrived);
      abort.abort();
      await expect(call).rejects.toThrow();
      await until(() => seen.closed.includes(path));
      expect(seen.closed).toEqual([path]);
    } finally {
      await connected.close();
    }
  });
});
