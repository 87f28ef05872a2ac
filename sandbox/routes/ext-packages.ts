import type { SandboxContext } from '../context.js';
import { paginate } from '../http/pagination.js';
import type { Router } from '../http/types.js';
import { BodyReader } from './body-reader.js';
import { ExtStore, serverSummary } from './ext-common.js';

interface PackageEntry {
  id: string;
  name: string;
  version: string;
  server: string;
  added_at: string;
}

/**
 * `/api/packages/{system,python}/entries/` as the Python MCP server uses them (per-server install: `{server, name, version?}`).
 * The CLI uses the same paths as a package file store (multipart upload); the sandbox serves the MCP reading only.
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
    router.add('POST', base, (req) => {
      const reader = new BodyReader(req.body);
      const server = reader.reference('server', (id) => world.servers.get(id) !== undefined, true);
      const name = reader.string('name', { required: true, max: 128, pattern: /^[A-Za-z0-9][A-Za-z0-9._+-]*$/, patternMessage: 'Enter a valid package name.' });
      const version = reader.string('version', { allowBlank: true, max: 64 });
      reader.done();
      const entry = entries.add({ id: world.newId(), name: name ?? '', version: version || 'latest', server: server ?? '', added_at: new Date().toISOString() });
      return { status: 201, body: json(entry) };
    });
    router.add('DELETE', `${base}:id/`, (req) => {
      entries.delete(entries.find(req.params.id).id);
      return { status: 204 };
    });
  }
}
