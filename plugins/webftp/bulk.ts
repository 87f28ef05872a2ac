import path, { posix } from 'node:path';
import {
  AlpaconMcpError, type AlpaconClient, type AlpaconTarget, CancelledError, ErrorCode, type PresignedTransfer, type ToolContext,
} from '../../core/index.js';
import type { TransferResponse } from './api-types.js';
import { receive } from './download.js';
import { eachLimited } from './each-limited.js';
import { statusBudgetMs } from './poll.js';
import { progressReporter } from './progress.js';
import { confirmUpload, sendBytes, withSlash } from './upload.js';

/** alpacon-cli api/ftp/ftp.go: bytes go to storage 4 at a time, status polls 8 at a time. */
const UPLOAD_CONCURRENCY = 4;
const POLL_CONCURRENCY = 8;
/** The CLI's poll budget adds 10 s per file (calcPollTimeout). */
const PER_FILE_MS = 10_000;

export interface BulkUploadRequest {
  target: AlpaconTarget;
  serverId: string;
  remoteDirectory: string;
  files: { path: string; size: number }[];
  overwrite: boolean;
  username?: string;
  groupname?: string;
  workSession?: string;
}

export interface BulkFileOutcome {
  name: string;
  local_file_path: string;
  remote_file_path: string;
  id: string;
  size: number;
  status: 'uploaded' | 'failed';
  message: string;
}

/**
 * The CLI's bulk upload (executeBulkUpload): POST `uploads/bulk/` `{names, path, ...}` → one upload per name, in order; PUT
 * each file to its URL; only when every PUT worked, POST `uploads/bulk-upload/` `{ids}` once; then poll each status. A failed
 * PUT stops the flow before the trigger, so the server places nothing. Per-file results; throws when any file failed.
 */
export async function bulkUpload(alpacon: AlpaconClient, presigned: PresignedTransfer, request: BulkUploadRequest, ctx: ToolContext): Promise<BulkFileOutcome[]> {
  const { target, files } = request;
  const names = files.map((file) => path.basename(file.path));
  const created = await alpacon.post<unknown>(target, '/api/webftp/uploads/bulk/', {
    names,
    path: withSlash(request.remoteDirectory),
    server: request.serverId,
    allow_overwrite: request.overwrite,
    allow_unzip: false,
    ...(request.username ? { username: request.username } : {}),
    ...(request.groupname ? { groupname: request.groupname } : {}),
    ...(request.workSession ? { work_session: request.workSession } : {}),
  }, { signal: ctx.signal });
  const slots = uploadSlots(created, files.length);
  const outcomes: BulkFileOutcome[] = files.map((file, i) => ({
    name: names[i], local_file_path: file.path, remote_file_path: posix.join(request.remoteDirectory, names[i]), id: slots[i].id, size: file.size,
    status: 'failed', message: '',
  }));

  const total = files.reduce((sum, file) => sum + file.size, 0);
  const done = files.map(() => 0);
  const report = progressReporter(ctx);
  const putFailures: string[] = [];
  await eachLimited(files.length, UPLOAD_CONCURRENCY, ctx.signal, async (i) => {
    const url = slots[i].upload_url;
    if (!url) return;
    const onProgress = (bytes: number) => {
      done[i] = bytes;
      report(done.reduce((a, b) => a + b, 0), total);
    };
    try {
      await sendBytes(presigned, url, { kind: 'file', path: files[i].path, size: files[i].size }, onProgress, ctx.signal);
    } catch (error) {
      outcomes[i].message = `not stored: ${error instanceof Error ? error.message : String(error)}`;
      putFailures.push(names[i]);
    }
  });
  if (ctx.signal.aborted) throw new CancelledError('Bulk upload');
  if (putFailures.length > 0) {
    throw failure(outcomes, `${putFailures.length} of ${files.length} file(s) could not be sent to storage (${putFailures.join(', ')}); nothing was placed on the server.`, request.overwrite);
  }

  // A POST: the client never repeats it, so no file is moved twice.
  await alpacon.post(target, '/api/webftp/uploads/bulk-upload/', { ids: slots.map((slot) => slot.id) }, { signal: ctx.signal });

  const budgetMs = statusBudgetMs(total) + PER_FILE_MS * (files.length - 1);
  await eachLimited(files.length, POLL_CONCURRENCY, ctx.signal, async (i) => {
    try {
      outcomes[i].message = await confirmUpload(alpacon, target, slots[i].id, budgetMs, request.overwrite, ctx.signal);
      outcomes[i].status = 'uploaded';
    } catch (error) {
      if (!(error instanceof AlpaconMcpError) || error.code === ErrorCode.Cancelled) throw error;
      outcomes[i].message = error.message;
    }
  });
  if (ctx.signal.aborted) throw new CancelledError('Bulk upload');
  const failed = outcomes.filter((o) => o.status === 'failed');
  if (failed.length > 0) throw failure(outcomes, `${failed.length} of ${files.length} file(s) were not placed: ${failed.map((o) => `${o.name}: ${o.message}`).join('; ')}`, request.overwrite);
  return outcomes;
}

export interface BulkDownloadRequest {
  target: AlpaconTarget;
  serverId: string;
  remotePaths: string[];
  localPath: string;
  overwrite: boolean;
  username?: string;
  groupname?: string;
  workSession?: string;
}

/**
 * The CLI's bulk download (downloadBulk): POST `downloads/bulk/` `{path: [...], server, ...}` → one download whose agent command
 * zips the paths; then the same receive step as a single download. The zip is kept as the local file (as the Python server does).
 */
export async function bulkDownload(alpacon: AlpaconClient, presigned: PresignedTransfer, request: BulkDownloadRequest, ctx: ToolContext) {
  const { target, localPath } = request;
  const created = await alpacon.post<TransferResponse>(target, '/api/webftp/downloads/bulk/', {
    path: request.remotePaths,
    server: request.serverId,
    ...(request.username ? { username: request.username } : {}),
    ...(request.groupname ? { groupname: request.groupname } : {}),
    ...(request.workSession ? { work_session: request.workSession } : {}),
  }, { signal: ctx.signal });
  const received = await receive(alpacon, presigned, { target, created, localPath, overwrite: request.overwrite }, ctx);
  return { id: created.id, server_id: request.serverId, remote_paths: request.remotePaths, local_file_path: localPath, size: received.size };
}

interface UploadSlot {
  id: string;
  upload_url?: string;
}

/** The bulk answer must be one upload per name (the CLI refuses anything else). */
function uploadSlots(answer: unknown, expected: number): UploadSlot[] {
  const valid = Array.isArray(answer) && answer.length === expected
    && answer.every((slot): slot is UploadSlot => typeof slot === 'object' && slot !== null && typeof (slot as UploadSlot).id === 'string');
  if (!valid) {
    throw new AlpaconMcpError(ErrorCode.BadResponse, `Alpacon answered the bulk upload with ${Array.isArray(answer) ? answer.length : 'no'} upload slot(s) for ${expected} file(s).`, {
      hint: 'Nothing was sent. Upload the files one by one with webftp_upload_file.',
    });
  }
  return answer;
}

function failure(outcomes: BulkFileOutcome[], message: string, overwrite: boolean): AlpaconMcpError {
  const failed = outcomes.filter((o) => o.status === 'failed');
  const allExist = !overwrite && failed.length > 0 && failed.every((o) => /exist/i.test(o.message));
  return new AlpaconMcpError(allExist ? ErrorCode.FileExists : ErrorCode.TransferFailed, message, {
    hint: allExist ? 'Pass allow_overwrite: true to replace the remote files, or upload to another remote_directory.' : 'The files with status "uploaded" in details.files are in place; retry only the others.',
    details: { reason: 'bulk_partial', files: outcomes.map(({ name, status, message: text, id }) => ({ name, id, status, message: text })) },
  });
}
