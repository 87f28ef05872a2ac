import type { SandboxContext } from '../context.js';
import { fieldErrors } from '../http/errors.js';
import { cursorPaginate } from '../http/pagination.js';
import type { Router, SandboxRequest } from '../http/types.js';
import { seedAudit } from '../world/ext-audit.js';
import { isUuid } from './body-reader.js';
import { ExtStore, serverSummary, userSummary } from './ext-common.js';

type Filter<T> = [query: string, field: keyof T, kind: 'server' | 'user' | 'text'];

/** History (`/api/audit/activity/`, `/api/history/logs/`, `/api/history/webftp-logs/`): newest first, cursor pagination. */
export function registerExtAudit(router: Router, ctx: SandboxContext): void {
  const { world } = ctx;
  const seed = seedAudit(world);
  const activity = new ExtStore(seed.activity);
  const byDateDesc = <T extends { added_at: string }>(items: T[]) => [...items].sort((a, b) => (a.added_at < b.added_at ? 1 : a.added_at > b.added_at ? -1 : 0));

  // Like django-filter on a foreign key: an unknown id is a 400 on that field, an empty value no filter.
  const filter = <T>(req: SandboxRequest, items: T[], filters: Filter<T>[]): T[] => {
    for (const [query, field, kind] of filters) {
      const value = req.query.get(query);
      if (value === null || value === '') continue;
      const known = kind === 'server' ? world.servers.get(value) : kind === 'user' ? world.users.get(value) : true;
      if (kind !== 'text' && (!isUuid(value) || known === undefined)) {
        throw fieldErrors({ [query]: ['Select a valid choice. That choice is not one of the available choices.'] });
      }
      items = items.filter((item) => String(item[field]) === value);
    }
    return items;
  };
  const cursorList = <T extends { added_at: string }>(path: string, items: () => T[], filters: Filter<T>[], json: (item: T) => unknown) => {
    router.add('GET', path, (req) => {
      const page = cursorPaginate(req, filter(req, byDateDesc(items()), filters));
      return { status: 200, body: { ...page, results: page.results.map(json) } };
    });
  };

  const activityJson = (a: (typeof seed.activity)[number]) => ({ ...a, user: userSummary(world, a.user) });
  cursorList('/api/audit/activity/', () => activity.all(), [['user', 'user', 'user'], ['app', 'app', 'text'], ['model', 'model', 'text']], activityJson);
  router.add('GET', '/api/audit/activity/:id/', (req) => ({ status: 200, body: activityJson(activity.find(req.params.id)) }));

  cursorList('/api/history/logs/', () => seed.serverLogs, [['server', 'server', 'server']], (l) => ({ ...l, server: serverSummary(world, l.server) }));
  cursorList('/api/history/webftp-logs/', () => seed.webftpLogs, [['server', 'server', 'server'], ['user', 'user', 'user'], ['action', 'action', 'text']],
    (l) => ({ ...l, server: serverSummary(world, l.server), user: userSummary(world, l.user) }));
}
