import { posix } from 'node:path';
import type { SandboxContext } from '../context.js';
import { principalOf } from '../context.js';
import { notFound } from '../http/errors.js';
import { paginate } from '../http/pagination.js';
import { workSessionGate } from '../http/work-session-gate.js';
import type { Principal, Router, SandboxRequest } from '../http/types.js';
import { isVfsError } from '../world/vfs.js';
import type { ObjectStore } from './object-store.js';
import { isVisibleTo, serializeTransfer, type Transfer, TransferBody, transferStatus } from './transfers.js';
import { zipStream } from './zip.js';

/**
 * Downloads: create → a command on the server (visible at `/api/events/commands/{id}/`) puts the file, or a zip of the
 * folder, into the object store → the client GETs `download_url` → `{id}/status/` reports `{success, message}`.
 */

export function registerDownloads(router: Router, ctx: SandboxContext, store: ObjectStore, transfers: Map<string, Transfer>): void {
  interface Request {
    paths: string[];
    name: string;
    resourceType: 'file' | 'folder';
    server: string;
    /** A bulk request: always a zip, `path` stays a list. */
    bulkRequest: boolean;
  }
  const start = (principal: Principal, body: TransferBody, { paths, name, resourceType, server, bulkRequest }: Request): Transfer => {
    const username = body.string('username', false) || principal.username;
    const groupname = body.string('groupname', false) || username;
    for (const path of paths) ctx.access.checkPath(principal, path);
    const bulk = bulkRequest || resourceType === 'folder';
    const id = ctx.world.newId();
    const objectName = bulk && !name.endsWith('.zip') ? `${name}.zip` : name;
    const key = `downloads/${server}/${id}/${objectName}`;
    const now = Date.now();
    const transfer: Transfer = {
      id, kind: 'download', name, path: bulkRequest ? paths : paths[0],
      target: '', serverId: server, userId: principal.userId, username, groupname, allowOverwrite: false, allowUnzip: false, resourceType,
      workSession: body.string('work_session', false) || null, key, uploadUrl: '',
      downloadUrl: store.presigner.url(ctx.baseUrl(), 'GET', key, store.urlLifetimeSeconds, now),
      expiresAt: new Date(now + store.urlLifetimeSeconds * 1000).toISOString(), addedAt: new Date(now).toISOString(),
      size: 0, command: null, triggered: true, success: null, message: '',
    };
    const fs = ctx.world.host(server).fs;
    if (paths.length === 1 && fs.exists(paths[0])) transfer.size = fs.stat(paths[0]).size;
    transfers.set(id, transfer);
    const command = ctx.commands.submit({
      server, line: `webftp download ${paths.join(' ')}`, shell: 'internal', requestedBy: principal.userId, username, groupname,
      workSession: transfer.workSession,
      execute: async () => {
        const finish = (success: boolean, message: string) => {
          transfer.success = success;
          transfer.message = message;
          return { output: success ? '' : `${message}\n`, exitCode: success ? 0 : 1 };
        };
        try {
          for (const path of paths) {
            const stat = fs.stat(path);
            if (!bulk && stat.kind === 'dir') return finish(false, `${path} is a directory; download it with resource_type "folder".`);
            if (resourceType === 'folder' && paths.length === 1 && stat.kind !== 'dir') return finish(false, `${path}: Not a directory`);
            if (stat.kind === 'dir') fs.readdir(path, { as: username });
          }
          const source = bulk ? zipStream(fs, paths, username) : fs.createReadStream(paths[0], { as: username });
          const object = await store.putStream(key, source, bulk ? 'application/zip' : 'application/octet-stream');
          transfer.size = object.size;
          return finish(true, `Ready: ${objectName} (${object.size} bytes).`);
        } catch (error) {
          if (!isVfsError(error)) return finish(false, error instanceof Error ? error.message : String(error));
          return finish(false, `${error.path}: ${error.reason}`);
        }
      },
    });
    transfer.command = command.id;
    return transfer;
  };

  const find = (req: SandboxRequest): Transfer => {
    const transfer = transfers.get(req.params.id ?? '');
    if (transfer === undefined || transfer.kind !== 'download' || !isVisibleTo(transfer, principalOf(req))) throw notFound();
    return transfer;
  };

  router.add('POST', '/api/webftp/downloads/', (req) => {
    const principal = principalOf(req);
    const body = new TransferBody(req.body);
    const path = body.string('path', true);
    body.absolutePath('path', path);
    const typeText = body.string('resource_type', false) || 'file';
    if (typeText !== 'file' && typeText !== 'folder') body.errors.resource_type = [`"${typeText}" is not a valid choice.`];
    const server = body.server(ctx, principal);
    const name = body.string('name', false) || posix.basename(path);
    body.done();
    workSessionGate(ctx.world).check(body.string('work_session', false), server);
    const resourceType = typeText === 'folder' ? 'folder' : 'file';
    const transfer = start(principal, body, { paths: [posix.normalize(path)], name, resourceType, server, bulkRequest: false });
    return { status: 201, body: serializeTransfer(ctx, transfer) };
  });

  router.add('POST', '/api/webftp/downloads/bulk/', (req) => {
    const principal = principalOf(req);
    const body = new TransferBody(req.body);
    const paths = body.strings('path');
    paths.forEach((path) => body.absolutePath('path', path));
    const server = body.server(ctx, principal);
    body.done();
    workSessionGate(ctx.world).check(body.string('work_session', false), server);
    const normalized = paths.map((path) => posix.normalize(path));
    const transfer = start(principal, body, { paths: normalized, name: 'download', resourceType: 'file', server, bulkRequest: true });
    return { status: 201, body: serializeTransfer(ctx, transfer) };
  });

  router.add('GET', '/api/webftp/downloads/', (req) => {
    const principal = principalOf(req);
    const server = req.query.get('server');
    const list = [...transfers.values()]
      .filter((transfer) => transfer.kind === 'download' && isVisibleTo(transfer, principal) && (server === null || transfer.serverId === server))
      .reverse();
    return { status: 200, body: paginate(req, list.map((transfer) => serializeTransfer(ctx, transfer))) };
  });

  router.add('GET', '/api/webftp/downloads/:id/', (req) => ({ status: 200, body: serializeTransfer(ctx, find(req)) }));

  router.add('GET', '/api/webftp/downloads/:id/status/', (req) => transferStatus(find(req)));
}
