import type { SandboxContext } from '../context.js';
import { ApiError, fieldErrors } from '../http/errors.js';
import type { Principal } from '../http/types.js';
import { serverSummary } from '../world/summaries.js';

/** The records behind `/api/webftp/uploads/` and `/api/webftp/downloads/`, and the body checks they share. */

export interface Transfer {
  id: string;
  kind: 'upload' | 'download';
  name: string;
  /** Upload: the remote directory (or full path); download: the remote path (a list for bulk downloads). */
  path: string | string[];
  /** Upload: the final file path on the server. */
  target: string;
  serverId: string;
  userId: string;
  username: string;
  groupname: string;
  allowOverwrite: boolean;
  allowUnzip: boolean;
  resourceType: 'file' | 'folder';
  workSession: string | null;
  key: string;
  uploadUrl: string;
  downloadUrl: string;
  expiresAt: string;
  addedAt: string;
  size: number;
  command: string | null;
  triggered: boolean;
  success: boolean | null;
  message: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class TransferBody {
  readonly errors: Record<string, string[]> = {};
  private readonly body: Record<string, unknown>;

  constructor(raw: unknown) {
    if (raw !== undefined && raw !== null && (typeof raw !== 'object' || Array.isArray(raw))) {
      throw new ApiError(400, { non_field_errors: ['Invalid data. Expected a dictionary.'] });
    }
    this.body = (raw ?? {}) as Record<string, unknown>;
  }

  string(key: string, required: boolean): string {
    const value = this.body[key];
    if (value === undefined || value === null || value === '') {
      if (required) this.errors[key] = ['This field is required.'];
      return '';
    }
    if (typeof value !== 'string') {
      this.errors[key] = ['Not a valid string.'];
      return '';
    }
    return value;
  }

  strings(key: string): string[] {
    const value = this.body[key];
    if (!Array.isArray(value) || value.length === 0 || !value.every((item): item is string => typeof item === 'string' && item !== '')) {
      this.errors[key] = ['A non-empty list of strings is required.'];
      return [];
    }
    return value;
  }

  boolean(key: string, fallback: boolean): boolean {
    const value = this.body[key];
    if (value === undefined || value === null) return fallback;
    if (typeof value !== 'boolean') this.errors[key] = ['Must be a valid boolean.'];
    return value === true;
  }

  absolutePath(key: string, value: string): void {
    if (value !== '' && (!value.startsWith('/') || value.includes('\0'))) this.errors[key] = ['Must be an absolute path.'];
  }

  server(ctx: SandboxContext, principal: Principal): string {
    const id = this.string('server', true);
    if (id !== '' && !UUID.test(id)) this.errors.server = ['Must be a valid UUID.'];
    else if (id !== '' && ctx.world.servers.get(id) === undefined) this.errors.server = [`Invalid pk "${id}" - object does not exist.`];
    if (this.errors.server === undefined && id !== '') ctx.access.checkServer(principal, id);
    return id;
  }

  done(): void {
    if (Object.keys(this.errors).length > 0) throw fieldErrors(this.errors);
  }
}

export function serializeTransfer(ctx: SandboxContext, transfer: Transfer): Record<string, unknown> {
  const server = ctx.world.servers.get(transfer.serverId);
  return {
    id: transfer.id, name: transfer.name, path: transfer.path, size: transfer.size,
    server: server === undefined ? null : serverSummary(server), user: transfer.userId, username: transfer.username,
    groupname: transfer.groupname, expires_at: transfer.expiresAt, upload_url: transfer.uploadUrl,
    ...(transfer.kind === 'download' ? { download_url: transfer.downloadUrl, resource_type: transfer.resourceType } : { allow_overwrite: transfer.allowOverwrite, allow_unzip: transfer.allowUnzip }),
    command: transfer.command ?? '', added_at: transfer.addedAt, success: transfer.success, message: transfer.message,
  };
}

export function isVisibleTo(transfer: Transfer, principal: Principal): boolean {
  return principal.isStaff || principal.isSuperuser || transfer.userId === principal.userId;
}

/**
 * `{id}/status/`: `{success, message}` once the agent is done. While it works, today's service answers HTTP 422
 * `{"detail":"webftp_transfer_in_progress"}` (alpacon-cli `api/ftp/ftp.go` `PollTransferStatus`, `api/ftp/ftp_test.go`
 * `TestPollTransferStatus_RetriesWhileInProgress`).
 */
export function transferStatus(transfer: Transfer): { status: number; body: Record<string, unknown> } {
  if (transfer.success === null) return { status: 422, body: { detail: 'webftp_transfer_in_progress' } };
  return { status: 200, body: { success: transfer.success, message: transfer.message } };
}
