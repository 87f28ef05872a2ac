import { mkdir } from 'node:fs/promises';
import path, { posix } from 'node:path';
import {
  AlpaconMcpError, type AlpaconClient, type AlpaconTarget, commandOutput, ErrorCode, type PresignedTransfer, readCommand, type ToolContext,
} from '../../core/index.js';
import type { TransferResponse } from './api-types.js';
import { PartialFile } from './partial-file.js';
import { pollUntil, statusBudgetMs } from './poll.js';
import { progressReporter } from './progress.js';
import { readStatus } from './upload.js';

export interface DownloadRequest {
  target: AlpaconTarget;
  serverId: string;
  remotePath: string;
  /** Checked local file path (path rules passed; existing file refused unless overwrite). */
  localPath: string;
  resourceType: 'file' | 'folder';
  overwrite: boolean;
  username?: string;
  groupname?: string;
  workSession?: string;
}

export interface DownloadOutcome {
  id: string;
  server_id: string;
  remote_file_path: string;
  local_file_path: string;
  resource_type: 'file' | 'folder';
  size: number;
  elapsed_ms: number;
  /** Time of the byte stream alone (the rest is Alpacon's API, the agent, fsync). */
  stream_ms: number;
}

const COMMAND_BUDGET_MS = 10 * 60_000;

/**
 * The download flow of the Alpacon CLI: create the download, wait for the agent's command that puts the file (or a
 * zip of the folder) into the object store, stream it into a temp file beside the target, confirm `{id}/status/`,
 * then fsync, check the size and rename. Any failure or cancellation removes the temp file.
 */
export async function download(alpacon: AlpaconClient, presigned: PresignedTransfer, request: DownloadRequest, ctx: ToolContext): Promise<DownloadOutcome> {
  const started = Date.now();
  const { target, serverId, remotePath, localPath, resourceType } = request;
  const created = await alpacon.post<TransferResponse>(
    target,
    '/api/webftp/downloads/',
    {
      path: remotePath,
      name: posix.basename(remotePath) || 'root',
      server: serverId,
      resource_type: resourceType,
      ...(request.username ? { username: request.username } : {}),
      ...(request.groupname ? { groupname: request.groupname } : {}),
      ...(request.workSession ? { work_session: request.workSession } : {}),
    },
    { signal: ctx.signal },
  );
  const received = await receive(alpacon, presigned, { target, created, localPath, overwrite: request.overwrite }, ctx);
  return {
    id: created.id, server_id: serverId, remote_file_path: remotePath, local_file_path: localPath, resource_type: resourceType, size: received.size,
    elapsed_ms: Date.now() - started, stream_ms: received.streamMs,
  };
}

export interface Receipt {
  target: AlpaconTarget;
  /** The created download (single or bulk): its agent command, `download_url` and id. */
  created: TransferResponse;
  localPath: string;
  overwrite: boolean;
}

/**
 * Everything after the download was created: wait for the agent's command, stream the object into a temp file beside
 * `localPath`, confirm `{id}/status/`, then fsync, check the size and give the file its name. Any failure removes the temp file.
 */
export async function receive(alpacon: AlpaconClient, presigned: PresignedTransfer, { target, created, localPath, overwrite }: Receipt, ctx: ToolContext): Promise<{ size: number; streamMs: number }> {
  if (created.command) await waitForCommand(alpacon, target, created.command, ctx.signal);
  if (!created.download_url) {
    throw new AlpaconMcpError(ErrorCode.BadResponse, 'Alpacon created the download but gave no download URL.', {
      details: { id: created.id },
      hint: `Check it later with webftp_check_status (file_id ${created.id}, transfer_type download).`,
    });
  }

  await mkdir(path.dirname(localPath), { recursive: true });
  const partial = await PartialFile.create(localPath);
  try {
    const streamStarted = Date.now();
    const received = await presigned.getToStream(created.download_url, partial.stream(), {
      signal: ctx.signal,
      onProgress: progressReporter(ctx),
    });
    const streamMs = Date.now() - streamStarted;
    const status = await pollUntil(() => readStatus(alpacon, target, `/api/webftp/downloads/${created.id}/status/`, ctx.signal), {
      signal: ctx.signal,
      timeoutMs: statusBudgetMs(received.bytes),
      what: `the server to confirm download ${created.id}`,
    });
    if (!status.success) {
      throw new AlpaconMcpError(ErrorCode.TransferFailed, `The server reported the download as failed: ${status.message || 'no reason given'}`, {
        details: { reason: 'remote_failed', id: created.id },
      });
    }
    return { size: await partial.commit(received.bytes, overwrite), streamMs };
  } catch (error) {
    await partial.discard();
    throw error;
  }
}

/**
 * Polls the agent's command until it ends (either server generation's status, core `readCommand`); a failed command
 * carries the reason in its output (chunks on today's service, `result` on the 2024 server: core `commandOutput`).
 */
async function waitForCommand(alpacon: AlpaconClient, target: AlpaconTarget, commandId: string, signal: AbortSignal): Promise<void> {
  const command = await pollUntil(
    async () => {
      const details = readCommand(await alpacon.get<unknown>(target, `/api/events/commands/${commandId}/`, {
        signal,
        resource: { what: 'Command', id: commandId },
      }));
      return details.final ? details : undefined;
    },
    { signal, timeoutMs: COMMAND_BUDGET_MS, what: `the server to prepare the download (command ${commandId})`, maxDelayMs: 2000 },
  );
  if (command.status === 'completed' || command.status === 'success') {
    if (command.success !== false) return;
  }
  const output = await commandOutput(alpacon, target, command, { signal });
  const reason = output.text.trim() || `command ended with status ${command.status}`;
  const missing = /no such file|not found|does not exist/i.test(reason);
  throw new AlpaconMcpError(missing ? ErrorCode.NotFound : ErrorCode.TransferFailed, `The server could not prepare the download: ${reason}`, {
    hint: missing ? 'Check the remote path (and resource_type for folders).' : 'Check the remote path, resource_type and permissions of username.',
    details: { reason: 'remote_failed', command: commandId, command_status: command.status },
  });
}
