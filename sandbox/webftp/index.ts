import type { SandboxContext } from '../context.js';
import type { Router } from '../http/types.js';
import { registerDownloads } from './downloads.js';
import { ObjectStore } from './object-store.js';
import { Presigner } from './presign.js';
import { registerWebftpSessions } from './sessions.js';
import type { Transfer } from './transfers.js';
import { registerUploads } from './uploads.js';

export { ObjectStore } from './object-store.js';

/** WebFTP: uploads, downloads, sessions, and the presigned object store under `/s3/`. */
export function registerWebftp(router: Router, ctx: SandboxContext): { store: ObjectStore; transfers: Map<string, Transfer> } {
  const store = new ObjectStore(ctx.dataDir, new Presigner(), ctx.faults.s3, ctx.faults.s3Taps);
  const transfers = new Map<string, Transfer>();
  store.register(router);
  registerUploads(router, ctx, store, transfers);
  registerDownloads(router, ctx, store, transfers);
  registerWebftpSessions(router, ctx);
  return { store, transfers };
}
