import type { IncomingMessage } from 'node:http';
import type { SandboxContext } from '../context.js';
import { paginate } from '../http/pagination.js';
import type { Router } from '../http/types.js';
import { fieldErrors } from '../http/errors.js';
import { ExtStore, serverSummary } from './ext-common.js';

interface PackageEntry {
  id: string;
  name: string;
  version: string;
  server: string;
  added_at: string;
}

/**
 * `/api/packages/{system,python}/entries/`. Entries are package files uploaded as multipart form data with the file in
 * field `content` (alpacon-cli `api/packages/packages.go` UploadPackage). The Python MCP server posts JSON
 * `{server, name, version?}` instead; that is answered as DRF answers a missing file field.
 */
export function registerExtPackages(router: Router, ctx: SandboxContext): void {
  const { world } = ctx;
  for (const kind of ['system', 'python'] as const) {
    const base = `/api/packages/${kind}/entries/`;
    const entries = new ExtStore<PackageEntry>();
    const json = (e: PackageEntry) => ({ ...e, server: serverSummary(world, e.server) });
    router.add('GET', base, (req) => {
      const server = req.query.get('server');
      const items = entries.all().filter((e) => server === null || e.server === server);
      const page = paginate(req, items);
      return { status: 200, body: { ...page, results: page.results.map(json) } };
    });
    router.add('POST', base, async (req) => {
      const upload = await uploadedFile(req.raw, String(req.headers['content-type'] ?? ''));
      if (upload === undefined) throw fieldErrors({ content: ['No file was submitted.'] });
      const server = upload.server !== undefined && world.servers.get(upload.server) !== undefined ? upload.server : '';
      const entry = entries.add({ id: world.newId(), name: upload.file, version: '', server, added_at: new Date().toISOString() });
      return { status: 201, body: json(entry) };
    }, { rawBody: true });
    router.add('DELETE', `${base}:id/`, (req) => {
      entries.delete(entries.find(req.params.id).id);
      return { status: 204 };
    });
  }
}

const MAX_UPLOAD = 64 * 1024 * 1024;

/**
 * The file name of the multipart part named `content` (and a `server` field, which the sandbox keeps for its per-server
 * list filter: a guess), or undefined (not multipart, no such part, too large).
 */
async function uploadedFile(raw: IncomingMessage, contentType: string): Promise<{ file: string; server?: string } | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of raw) {
    size += (chunk as Buffer).length;
    if (size > MAX_UPLOAD) return undefined;
    chunks.push(chunk as Buffer);
  }
  if (!/^multipart\/form-data;/i.test(contentType)) return undefined;
  const text = Buffer.concat(chunks).toString('latin1');
  const file = /Content-Disposition:\s*form-data;\s*name="content";\s*filename="([^"]+)"/i.exec(text)?.[1];
  const server = /Content-Disposition:\s*form-data;\s*name="server"\r\n\r\n([^\r]+)/i.exec(text)?.[1];
  return file === undefined ? undefined : { file, server };
}
