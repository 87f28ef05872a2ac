import { isAlpaconMcpError } from '../../core/index.js';

/**
 * While the agent still moves a file, today's service answers a status poll with HTTP 422
 * `{"detail":"webftp_transfer_in_progress"}`. The CLI keys off the text, not the status or the field
 * (alpacon-cli `api/ftp/ftp.go` `PollTransferStatus`), so the word counts in `detail`, `code` or a bare string body.
 */
const IN_PROGRESS = 'webftp_transfer_in_progress';

export function isTransferInProgress(error: unknown): boolean {
  if (!isAlpaconMcpError(error)) return false;
  return error.apiCode === IN_PROGRESS || error.message.includes(IN_PROGRESS);
}
