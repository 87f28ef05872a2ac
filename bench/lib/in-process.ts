import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client, InMemoryTransport } from '@modelcontextprotocol/client';
import { createApp, type App } from '../../core/app/create-app.js';
import { tokenEnvName } from '../../core/auth/token-env.js';
import { createLogger } from '../../core/logger.js';
import { BUILTIN_PLUGINS, DEFAULT_PLUGINS } from '../../plugins/builtin.js';

export interface InProcess {
  app: App;
  client: Client;
  close(): Promise<void>;
}

/** The app in this process behind linked in-memory transports, configured by an .alpaconrc in a fresh folder. */
export async function inProcess(rc: object, sandbox?: { url: string; token: string; region: string; workspace: string }): Promise<InProcess> {
  const cwd = await mkdtemp(path.join(tmpdir(), 'alpacon-bench-'));
  await writeFile(path.join(cwd, '.alpaconrc'), JSON.stringify(rc));
  const app = await createApp({
    builtins: BUILTIN_PLUGINS,
    defaultPlugins: DEFAULT_PLUGINS,
    cwd,
    env: sandbox ? { [tokenEnvName(sandbox.region, sandbox.workspace)]: sandbox.token } : {},
    overrides: sandbox ? { baseUrl: sandbox.url } : {},
    logger: createLogger({ level: 'error' }),
  });
  const server = app.createServer();
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: 'alpacon-bench', version: '0.0.0' });
  await server.connect(serverSide);
  await client.connect(clientSide);
  return {
    app,
    client,
    close: async () => {
      await client.close();
      await app.close();
      await server.close();
    },
  };
}
