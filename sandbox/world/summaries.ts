import type { ServerRecord, WorkspaceUser } from './models.js';

export interface ServerSummary {
  id: string;
  name: string;
  os: string | null;
  is_connected: boolean;
}

export interface UserSummary {
  id: string;
  name: string;
  email: string;
}

export function serverSummary(server: ServerRecord): ServerSummary {
  return { id: server.id, name: server.name, os: `${server.os_name} ${server.os_version}`, is_connected: server.is_connected };
}

export function userSummary(user: WorkspaceUser): UserSummary {
  const full = `${user.first_name} ${user.last_name}`.trim();
  return { id: user.id, name: full === '' ? user.username : full, email: user.email };
}
