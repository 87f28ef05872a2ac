import { posix } from 'node:path';
import {
  AlpaconMcpError, type AlpaconClient, type AlpaconTarget, ErrorCode, type PresignedTransfer, type ToolContext,
} from '../../core/index.js';
import { type TransferResponse, type TransferStatus } from './api-types.js';
import { isTransferInProgress } from './in-progress.js';
import { pollUntil, statusBudgetMs } from './poll.js';
import { progressReporter } from './progress.js';

export type UploadSource = { kind: 'file'; path: string; size: number } | { kind: 'buffer'; data: Buffer };

export interface UploadRequest {
  target: AlpaconTarget;
  serverId: string;
  remotePath: string;
  source: UploadSource;
  overwrite: boolean;
  username?: string;
  groupname?: string;
  workSession?: string;
}

export interface UploadOutcome {
  id: string;
  server_id: string;
  remote_file_path: string;
  size: number;
  message: string;
  elapsed_ms: number;
  /** Time of the byte stream alone (the rest is Alpacon's API and the agent). */
  stream_ms: number;
}

/**
 * The upload flow of the Alpacon CLI: create the upload (presigned PUT URL), stream the bytes to it, trigger the
 * agent with GET `{id}/upload/`, then poll `{id}/status/`. Only a `success: true` status counts as uploaded.
 */
export async function upload(alpacon: AlpaconClient, presigned: PresignedTransfer, request: UploadRequest, ctx: ToolContext): Promise<UploadOutcome> {
  const started = Date.now();
  const { target, serverId, remotePath, source } = request;
  const size = source.kind === 'file' ? source.size : source.data.length;
  const created = await alpacon.post<TransferResponse>(
    target,
    '/api/webftp/uploads/',
    {
      name: posix.basename(remotePath),
      path: withSlash(posix.dirname(remotePath)),
      server: serverId,
      allow_overwrite: request.overwrite,
      allow_unzip: false,
      ...(request.username ? { username: request.username } : {}),
      ...(request.groupname ? { groupname: request.groupname } : {}),
      ...(request.workSession ? { work_session: request.workSession } : {}),
    },
    { signal: ctx.signal },
  );

  const streamStarted = Date.now();
  if (created.upload_url) await sendBytes(presigned, created.upload_url, source, progressReporter(ctx), ctx.signal);
  const streamMs = Date.now() - streamStarted;
  await alpacon.get(target, `/api/webftp/uploads/${created.id}/upload/`, { signal: ctx.signal, resource: { what: 'Upload', id: created.id } });
  const message = await confirmUpload(alpacon, target, created.id, statusBudgetMs(size), request.overwrite, ctx.signal);
  return { id: created.id, server_id: serverId, remote_file_path: remotePath, size, message, elapsed_ms: Date.now() - started, stream_ms: streamMs };
}

/** PUTs the bytes to the presigned URL (no Alpacon credentials go there). */
export async function sendBytes(presigned: PresignedTransfer, url: string, source: UploadSource, onProgress: (done: number, total?: number) => void, signal: AbortSignal): Promise<void> {
  if (source.kind === 'file') await presigned.putFile(url, source.path, { signal, onProgress });
  else await presigned.putBuffer(url, source.data, { signal, onProgress });
}

/**
 * Polls `{id}/status/` until the agent has placed the file; returns its message. Only `success: true` counts as uploaded:
 * a refusal because the file exists is `file_exists` (when overwrite was off), anything else `transfer_failed`.
 */
export async function confirmUpload(alpacon: AlpaconClient, target: AlpaconTarget, id: string, timeoutMs: number, overwrite: boolean, signal: AbortSignal): Promise<string> {
  const status = await pollUntil(() => readStatus(alpacon, target, `/api/webftp/uploads/${id}/status/`, signal), {
    signal,
    timeoutMs,
    what: `the server to confirm upload ${id}`,
    hint: `The file may still arrive; check with webftp_check_status (file_id ${id}, transfer_type upload).`,
  });
  const message = status.message ?? '';
  if (!status.success) {
    if (!overwrite && /exist/i.test(message)) {
      throw new AlpaconMcpError(ErrorCode.FileExists, `The server refused the upload: ${message}`, {
        hint: 'Pass overwrite: true to replace the remote file, or choose another remote_file_path.',
        details: { id },
      });
    }
    throw new AlpaconMcpError(ErrorCode.TransferFailed, `The server did not accept the upload: ${message || 'no reason given'}`, {
      hint: 'Check the remote path, the username/groupname and their permissions on the server.',
      details: { reason: 'remote_failed', id },
    });
  }
  return message;
}

/** One status poll: undefined while the transfer is still running (`success: null` or `webftp_transfer_in_progress`). */
export async function readStatus(alpacon: AlpaconClient, target: AlpaconTarget, path: string, signal: AbortSignal): Promise<TransferStatus | undefined> {
  try {
    const status = await alpacon.get<TransferStatus>(target, path, { signal });
    return status.success === null || status.success === undefined ? undefined : status;
  } catch (error) {
    if (isTransferInProgress(error)) return undefined;
    throw error;
  }
}

export function withSlash(dir: string): string {
  return dir.endsWith('/') ? dir : `${dir}/`;
}
