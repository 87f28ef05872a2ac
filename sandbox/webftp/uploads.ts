import { unlink } from 'node:fs/promises';
import { posix } from 'node:path';
import type { SandboxContext } from '../context.js';
import { principalOf } from '../context.js';
import { fieldErrors, notFound } from '../http/errors.js';
import { paginate } from '../http/pagination.js';
import { workSessionGate } from '../http/work-session-gate.js';
import type { Principal, Router, SandboxRequest } from '../http/types.js';
import { isVfsError } from '../world/vfs.js';
import type { ObjectStore } from './object-store.js';
import { isVisibleTo, serializeTransfer, type Transfer, TransferBody, transferStatus } from './transfers.js';

/**
 * Uploads: create (presigned PUT URL) → the client PUTs the bytes → GET `{id}/upload/` triggers the agent, which moves
 * the object into the server's VFS honoring `allow_overwrite` → `{id}/status/` reports `{success, message}`.
 * `path` may be the target directory (CLI) or the full file path ending in `name` (Python MCP server); both work.
 */

export function registerUploads(router: Router, ctx: SandboxContext, store: ObjectStore, transfers: Map<string, Transfer>): void {
  const create = (principal: Principal, body: TransferBody, name: string, path: string, server: string): Transfer => {
    const username = body.string('username', false) || principal.username;
    const groupname = body.string('groupname', false) || username;
    const host = ctx.world.host(server);
    const pathIsDir = host.fs.exists(path) && host.fs.stat(path).kind === 'dir';
    const target = !pathIsDir && posix.basename(path) === name ? posix.normalize(path) : posix.join(path, name);
    ctx.access.checkPath(principal, target);
    const id = ctx.world.newId();
    const key = `uploads/${server}/${id}/${name}`;
    const now = Date.now();
    const transfer: Transfer = {
      id, kind: 'upload', name, path, target, serverId: server, userId: principal.userId, username, groupname,
      allowOverwrite: body.boolean('allow_overwrite', false), allowUnzip: body.boolean('allow_unzip', false), resourceType: 'file',
      workSession: body.string('work_session', false) || null, key,
      uploadUrl: store.presigner.url(ctx.baseUrl(), 'PUT', key, store.urlLifetimeSeconds, now), downloadUrl: '',
      expiresAt: new Date(now + store.urlLifetimeSeconds * 1000).toISOString(), addedAt: new Date(now).toISOString(),
      size: 0, command: null, triggered: false, success: null, message: '',
    };
    transfers.set(id, transfer);
    return transfer;
  };

  const trigger = (transfer: Transfer, principal: Principal): void => {
    if (transfer.triggered) return;
    transfer.triggered = true;
    const command = ctx.commands.submit({
      server: transfer.serverId, line: `webftp upload ${transfer.target}`, shell: 'internal', requestedBy: principal.userId,
      username: transfer.username, groupname: transfer.groupname, workSession: transfer.workSession,
      execute: async () => {
        const finish = (success: boolean, message: string) => {
          transfer.success = success;
          transfer.message = message;
          return { output: success ? '' : `${message}\n`, exitCode: success ? 0 : 1 };
        };
        const object = store.take(transfer.key);
        if (object === undefined) return finish(false, 'The file was not uploaded to storage.');
        transfer.size = object.size;
        try {
          await ctx.world.host(transfer.serverId).fs.adoptBlob(transfer.target, object.blobPath, object.size, { as: transfer.username, overwrite: transfer.allowOverwrite });
          return finish(true, `Uploaded ${transfer.target} (${object.size} bytes).`);
        } catch (error) {
          await unlink(object.blobPath).catch(() => undefined);
          if (!isVfsError(error)) throw error;
          return finish(false, error.code === 'EEXIST' ? `${transfer.target} already exists.` : `${transfer.target}: ${error.reason}`);
        }
      },
    });
    transfer.command = command.id;
  };

  const find = (req: SandboxRequest): Transfer => {
    const transfer = transfers.get(req.params.id ?? '');
    if (transfer === undefined || transfer.kind !== 'upload' || !isVisibleTo(transfer, principalOf(req))) throw notFound();
    return transfer;
  };

  router.add('POST', '/api/webftp/uploads/', (req) => {
    const principal = principalOf(req);
    const body = new TransferBody(req.body);
    const name = body.string('name', true);
    if (name.includes('/')) body.errors.name = ['Must be a file name, not a path.'];
    const path = body.string('path', true);
    body.absolutePath('path', path);
    const server = body.server(ctx, principal);
    body.done();
    workSessionGate(ctx.world).check(body.string('work_session', false), server);
    return { status: 201, body: serializeTransfer(ctx, create(principal, body, name, path, server)) };
  });

  router.add('POST', '/api/webftp/uploads/bulk/', (req) => {
    const principal = principalOf(req);
    const body = new TransferBody(req.body);
    const names = body.strings('names');
    if (names.some((name) => name.includes('/'))) body.errors.names = ['Must be file names, not paths.'];
    const path = body.string('path', true);
    body.absolutePath('path', path);
    const server = body.server(ctx, principal);
    body.done();
    workSessionGate(ctx.world).check(body.string('work_session', false), server);
    return { status: 201, body: names.map((name) => serializeTransfer(ctx, create(principal, body, name, path, server))) };
  });

  router.add('POST', '/api/webftp/uploads/bulk-upload/', (req) => {
    const principal = principalOf(req);
    const body = new TransferBody(req.body);
    const ids = body.strings('ids');
    body.done();
    const found = ids.map((id) => transfers.get(id));
    if (found.some((transfer) => transfer === undefined || transfer.kind !== 'upload' || !isVisibleTo(transfer, principal))) {
      throw fieldErrors({ ids: ['One or more uploads do not exist.'] });
    }
    for (const transfer of found) if (transfer !== undefined) trigger(transfer, principal);
    return { status: 200, body: { detail: 'Upload started.', ids } };
  });

  router.add('GET', '/api/webftp/uploads/', (req) => {
    const principal = principalOf(req);
    const server = req.query.get('server');
    const list = [...transfers.values()]
      .filter((transfer) => transfer.kind === 'upload' && isVisibleTo(transfer, principal) && (server === null || transfer.serverId === server))
      .reverse();
    return { status: 200, body: paginate(req, list.map((transfer) => serializeTransfer(ctx, transfer))) };
  });

  router.add('GET', '/api/webftp/uploads/:id/', (req) => ({ status: 200, body: serializeTransfer(ctx, find(req)) }));

  // The trigger is a GET in the real API; it is idempotent here so a retried GET never moves a file twice.
  router.add('GET', '/api/webftp/uploads/:id/upload/', (req) => {
    const transfer = find(req);
    trigger(transfer, principalOf(req));
    return { status: 200, body: { ...serializeTransfer(ctx, transfer), detail: 'Upload started.' } };
  });

  router.add('GET', '/api/webftp/uploads/:id/status/', (req) => transferStatus(find(req)));
}
