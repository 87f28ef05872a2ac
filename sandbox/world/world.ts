import { notFound } from '../http/errors.js';
import { createSimHost, type SimHost } from './host.js';
import type { AlertRule, ApiToken, EventRecord, Group, Membership, Note, ServerRecord, WorkspaceUser } from './models.js';
import { Prng } from './prng.js';
import { seedWorld } from './seed-world.js';

export interface WorldOptions {
  seed: number;
  servers: number;
  token: string;
  dataDir: string;
}

/** A keyed collection that keeps insertion order and finds by id in O(1). */
export class Table<T extends { id: string }> {
  private readonly byId = new Map<string, T>();

  constructor(items: readonly T[] = []) {
    for (const item of items) this.byId.set(item.id, item);
  }

  get(id: string): T | undefined {
    return this.byId.get(id);
  }

  require(id: string): T {
    const item = this.byId.get(id);
    if (item === undefined) throw notFound();
    return item;
  }

  add(item: T): T {
    this.byId.set(item.id, item);
    return item;
  }

  delete(id: string): boolean {
    return this.byId.delete(id);
  }

  all(): T[] {
    return [...this.byId.values()];
  }

  get size(): number {
    return this.byId.size;
  }
}

/** The seeded, deterministic state of one sandbox workspace. */
export class World {
  readonly users: Table<WorkspaceUser>;
  readonly groups: Table<Group>;
  readonly memberships: Table<Membership>;
  readonly servers: Table<ServerRecord>;
  readonly notes: Table<Note>;
  readonly events: Table<EventRecord>;
  readonly tokens: Table<ApiToken>;
  readonly alertRules: Table<AlertRule>;
  /** Preferences singleton at `/api/workspaces/preferences/-/`. */
  readonly preferences: Record<string, unknown> = { websh_session_timeout: 1800, language: 'en', timezone: 'Asia/Seoul' };
  readonly dataDir: string;
  readonly seed: number;
  private readonly ids: Prng;
  private readonly hosts = new Map<string, SimHost>();

  constructor(options: WorldOptions) {
    const seeded = seedWorld(options);
    this.users = new Table(seeded.users);
    this.groups = new Table(seeded.groups);
    this.memberships = new Table(seeded.memberships);
    this.servers = new Table(seeded.servers);
    this.notes = new Table(seeded.notes);
    this.events = new Table(seeded.events);
    this.tokens = new Table(seeded.tokens);
    this.alertRules = new Table(seeded.alertRules);
    this.dataDir = options.dataDir;
    this.seed = options.seed;
    this.ids = new Prng(options.seed ^ 0x1d5);
  }

  /** A fresh UUID for an entity created at runtime (deterministic in creation order). */
  newId(): string {
    return this.ids.uuid();
  }

  /** The user the sandbox's main token belongs to. */
  get admin(): WorkspaceUser {
    return this.users.all()[0];
  }

  findUserByUsername(username: string): WorkspaceUser | undefined {
    return this.users.all().find((u) => u.username === username);
  }

  findTokenByKey(key: string): ApiToken | undefined {
    return this.tokens.all().find((t) => t.key === key);
  }

  /** Linux accounts with a home directory on every host (besides root): the workspace users. */
  hostUsers(): string[] {
    return this.users.all().map((u) => u.username);
  }

  /** The simulated host of a server, created on first use (so 1,000 servers cost nothing until used). */
  host(serverId: string): SimHost {
    const existing = this.hosts.get(serverId);
    if (existing !== undefined) return existing;
    const server = this.servers.require(serverId);
    const host = createSimHost({
      hostname: server.name, osName: server.os_name, osVersion: server.os_version, cpuCores: server.cpu_logical_cores,
      memoryBytes: server.physical_memory, seed: server.seed, dataDir: this.dataDir, users: this.hostUsers(),
      bootTime: new Date(server.boot_time),
    });
    this.hosts.set(serverId, host);
    return host;
  }
}
