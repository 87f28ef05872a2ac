import { serveStdio as serveStdioEntry } from '@modelcontextprotocol/server/stdio';
import type { App } from '../app/create-app.js';

/**
 * Serves the app over stdio until stdin closes or a signal arrives, then shuts down cleanly. The SDK's entry decides the
 * protocol era from the connection's opening: `server/discover` (2026-07-28) or `initialize` (2025 revisions).
 */
export async function serveStdio(app: App): Promise<void> {
  let stopping: Promise<void> | undefined;
  const handle = serveStdioEntry(() => app.createServer(), {
    onerror: (error) => app.log.debug('stdio transport error', { error: error.message }),
  });
  const stop = (reason: string) =>
    (stopping ??= (async () => {
      app.log.debug(`stopping: ${reason}`);
      await app.close();
      await handle.close().catch(() => undefined);
    })());
  app.log.info(`serving ${app.registry.list().length} tools on stdio`);
  await new Promise<void>((resolve) => {
    process.stdin.once('end', () => void stop('stdin closed').then(resolve));
    process.stdin.once('close', () => void stop('stdin closed').then(resolve));
    process.once('SIGINT', () => void stop('SIGINT').then(resolve));
    process.once('SIGTERM', () => void stop('SIGTERM').then(resolve));
  });
}
