import { notFound } from '../http/errors.js';
import type { World } from '../world/world.js';
import { isUuid } from './body-reader.js';

/** An in-memory collection for the extra domains (alerts, work sessions, ...): insertion order, lookup by UUID. */
export class ExtStore<T extends { id: string }> {
  private readonly items = new Map<string, T>();

  constructor(seed: readonly T[] = []) {
    for (const item of seed) this.items.set(item.id, item);
  }

  /** The item, or 404 `Not found.` (also for ids that are not UUIDs, like DRF with a UUID lookup). */
  find(id: string): T {
    const item = isUuid(id) ? this.items.get(id) : undefined;
    if (item === undefined) throw notFound();
    return item;
  }

  add(item: T): T {
    this.items.set(item.id, item);
    return item;
  }

  delete(id: string): void {
    this.items.delete(id);
  }

  all(): T[] {
    return [...this.items.values()];
  }
}

/** The nested `{id, name, os, is_connected}` form the API uses for servers inside other objects. */
export function serverSummary(world: World, id: string): Record<string, unknown> {
  const server = world.servers.get(id);
  return { id, name: server?.name ?? null, os: server === undefined ? null : `${server.os_name} ${server.os_version}`, is_connected: server?.is_connected ?? false };
}

/** The nested `{id, name, email}` form of a workspace user. */
export function userSummary(world: World, id: string): Record<string, unknown> {
  const user = world.users.get(id);
  return { id, name: user === undefined ? null : `${user.first_name} ${user.last_name}`, email: user?.email ?? null };
}

/** Copies the fields that were read (not undefined) onto a record. */
export function assignDefined<T extends object>(target: T, fields: Record<string, unknown>): T {
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) (target as Record<string, unknown>)[key] = value;
  return target;
}
