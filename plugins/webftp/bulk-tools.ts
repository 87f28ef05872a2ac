import path, { posix } from 'node:path';
import {
  ALPACON, AlpaconClient, Effects, inject, injectable, InvalidInputError, PresignedTransfer, reply, Tool, type ToolContext,
} from '../../core/index.js';
import { bulkDownload, bulkUpload } from './bulk.js';
import { BulkDownloadInput, BulkUploadInput } from './dto.js';
import { checkRemotePath, type LocalPathPolicy } from './local-path.js';
import { archiveTarget, uploadSource } from './local-targets.js';
import { PRESIGNED, WEBFTP_SETTINGS, type WebftpSettings } from './settings.js';

/** Compact (default tools/list): each files[] entry is {name, local_file_path, remote_file_path, id, size, status, message}. */
const BULK_UPLOAD_OUTPUT = {
  type: 'object',
  properties: {
    server_id: { type: 'string' }, remote_directory: { type: 'string' }, total_files: { type: 'integer' }, successful_count: { type: 'integer' },
    failed_count: { type: 'integer' }, files: { type: 'array' },
  },
  required: ['server_id', 'remote_directory', 'total_files', 'successful_count', 'failed_count', 'files'],
};

const BULK_DOWNLOAD_OUTPUT = {
  type: 'object',
  properties: {
    id: { type: 'string' }, server_id: { type: 'string' }, remote_paths: { type: 'array', items: { type: 'string' } },
    local_file_path: { type: 'string' }, size: { type: 'integer' },
  },
  required: ['id', 'server_id', 'remote_paths', 'local_file_path', 'size'],
};

/** Several files at once, with the bulk endpoints the Alpacon CLI uses (api/ftp/ftp.go); tool names from the Python server. */
@injectable()
export class WebftpBulkTools {
  private readonly policy: LocalPathPolicy;

  constructor(
    @inject(ALPACON) private readonly alpacon: AlpaconClient,
    @inject(PRESIGNED) private readonly presigned: PresignedTransfer,
    @inject(WEBFTP_SETTINGS) settings: WebftpSettings,
  ) {
    this.policy = { roots: settings.localRoots };
  }

  @Tool({
    name: 'webftp_bulk_upload',
    destructiveIf: ['allow_overwrite'],
    title: 'Upload several files',
    description:
      'Sends local files into one folder on a server over WebFTP and waits until each is confirmed. Existing remote files are kept unless allow_overwrite.',
    input: BulkUploadInput,
    annotations: Effects.create,
    output: BULK_UPLOAD_OUTPUT,
    searchHint: 'bulk upload multiple files batch send to server',
  })
  async bulkUpload(input: BulkUploadInput, ctx: ToolContext) {
    const { server_id, local_file_paths, remote_directory, allow_overwrite = false, username, groupname, work_session_id, workspace, region } = input;
    const remoteDirectory = checkRemotePath(remote_directory, 'remote_directory');
    const files = [];
    for (const localPath of local_file_paths) files.push(await uploadSource(localPath, this.policy, 'local_file_paths'));
    const names = files.map((file) => path.basename(file.path));
    const repeated = names.filter((name, i) => names.indexOf(name) !== i);
    if (repeated.length > 0) {
      throw new InvalidInputError([{ field: 'local_file_paths', problems: [`file names must be distinct in one remote folder: ${[...new Set(repeated)].join(', ')}`] }]);
    }
    const outcomes = await bulkUpload(this.alpacon, this.presigned, {
      target: { workspace, region }, serverId: server_id, remoteDirectory, files, overwrite: allow_overwrite, username, groupname, workSession: work_session_id,
    }, ctx);
    const bytes = outcomes.reduce((sum, o) => sum + o.size, 0);
    return reply(
      { server_id, remote_directory: remoteDirectory, total_files: outcomes.length, successful_count: outcomes.length, failed_count: 0, files: outcomes },
      `Uploaded ${outcomes.length} file(s) to ${remoteDirectory} (${bytes} bytes).`,
    );
  }

  @Tool({
    name: 'webftp_bulk_download',
    destructiveIf: ['overwrite'],
    title: 'Download several files as one zip',
    description:
      'Downloads files or folders of one parent folder on a server as one .zip over WebFTP. The file appears only when complete; an existing local file is kept unless overwrite.',
    input: BulkDownloadInput,
    annotations: Effects.create,
    output: BULK_DOWNLOAD_OUTPUT,
    searchHint: 'bulk download multiple files zip archive batch',
  })
  async bulkDownload(input: BulkDownloadInput, ctx: ToolContext) {
    const { server_id, remote_paths, local_file_path, overwrite = false, username, groupname, work_session_id, workspace, region } = input;
    const remotePaths = remote_paths.map((remote) => checkRemotePath(remote, 'remote_paths'));
    // The Python server requires one parent folder (the zip holds the entries by name).
    const parents = new Set(remotePaths.map((remote) => posix.dirname(posix.normalize(remote))));
    if (parents.size > 1) {
      throw new InvalidInputError([{ field: 'remote_paths', problems: [`all paths must be in one folder; got ${[...parents].join(', ')}`] }]);
    }
    const localPath = await archiveTarget(local_file_path, overwrite, this.policy);
    const result = await bulkDownload(this.alpacon, this.presigned, {
      target: { workspace, region }, serverId: server_id, remotePaths, localPath, overwrite, username, groupname, workSession: work_session_id,
    }, ctx);
    return reply(result, `Downloaded ${remotePaths.length} item(s) as ${result.local_file_path} (${result.size} bytes).`);
  }
}
