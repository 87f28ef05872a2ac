import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { App } from '../app/create-app.js';

/** Serves the app over stdio until stdin closes or a signal arrives, then shuts down cleanly. */
export async function serveStdio(app: App): Promise<void> {
  const server = app.createServer();
  const transport = new StdioServerTransport();
  let stopping = false;
  const stop = async (reason: string) => {
    if (stopping) return;
    stopping = true;
    app.log.debug(`stopping: ${reason}`);
    await app.close();
    await server.close().catch(() => undefined);
  };
  const closed = new Promise<void>((resolve) => {
    server.onclose = () => resolve();
    process.stdin.once('end', () => void stop('stdin closed').then(resolve));
    process.once('SIGINT', () => void stop('SIGINT').then(resolve));
    process.once('SIGTERM', () => void stop('SIGTERM').then(resolve));
  });
  await server.connect(transport);
  app.log.info(`serving ${app.registry.list().length} tools on stdio`);
  await closed;
  await stop('transport closed');
}
