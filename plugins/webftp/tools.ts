import {
  ALPACON, AlpaconClient, AlpaconMcpError, Effects, ErrorCode, inject, injectable, InvalidInputError, PresignedTransfer, reply, Tool,
  type ArgumentAliases, type CallClient, type ToolContext,
} from '../../core/index.js';
import { type TransferResponse, type TransferStatus, withoutUrls } from './api-types.js';
import { download } from './download.js';
import { isTransferInProgress } from './in-progress.js';
import {
  CheckStatusInput, CreateWebftpSessionInput, DownloadFileInput, ListDownloadsInput, ListUploadsInput, ListWebftpSessionsInput,
  UploadContentInput, UploadFileInput,
} from './dto.js';
import { checkRemotePath, type LocalPathPolicy } from './local-path.js';
import { downloadTarget, uploadSource } from './local-targets.js';
import { PRESIGNED, WEBFTP_SETTINGS, type WebftpSettings } from './settings.js';
import { upload } from './upload.js';

const UPLOAD_OUTPUT = {
  type: 'object',
  properties: {
    id: { type: 'string' }, server_id: { type: 'string' }, remote_file_path: { type: 'string' }, size: { type: 'integer' },
    message: { type: 'string' }, elapsed_ms: { type: 'integer' }, stream_ms: { type: 'integer' },
  },
  required: ['id', 'server_id', 'remote_file_path', 'size'],
};

/** The Python server's names. Its allow_overwrite defaulted to true; here an existing file is kept unless asked. */
const PYTHON_OVERWRITE: ArgumentAliases = { allow_overwrite: 'overwrite' };
const PYTHON_CONTENT: ArgumentAliases = {
  ...PYTHON_OVERWRITE,
  file_content: { to: 'content', implies: { encoding: 'base64' }, note: 'base64, as there: sets encoding base64' },
  file_name: {
    to: 'remote_file_path',
    merges: true,
    convert: (name, remote) => {
      if (typeof name !== 'string' || typeof remote !== 'string') return remote;
      if (remote.endsWith('/')) return `${remote}${name}`;
      if (remote.split('/').pop() === name) return remote;
      throw new InvalidInputError([{ field: 'file_name', problems: ['must be the last part of remote_file_path (or remote_file_path a folder ending in "/")'] }]);
    },
    note: 'the file name inside remote_file_path: appended when remote_file_path ends in "/", else it must match its last part',
  },
};

@injectable()
export class WebftpTools {
  private readonly policy: LocalPathPolicy;

  constructor(
    @inject(ALPACON) private readonly alpacon: AlpaconClient,
    @inject(PRESIGNED) private readonly presigned: PresignedTransfer,
    @inject(WEBFTP_SETTINGS) settings: WebftpSettings,
  ) {
    this.policy = { roots: settings.localRoots };
  }

  @Tool({
    name: 'webftp_upload_file',
    aliases: PYTHON_OVERWRITE,
    destructiveIf: ['overwrite'],
    title: 'Upload a file',
    description:
      'Streams a local file to a server over WebFTP and waits until the server confirms it. An existing remote file is kept unless overwrite.',
    input: UploadFileInput,
    annotations: Effects.create,
    output: UPLOAD_OUTPUT,
    searchHint: 'upload send copy file to server scp sftp',
  })
  async uploadFile(input: UploadFileInput, ctx: ToolContext) {
    const { server_id, local_file_path, remote_file_path, overwrite = false, username, groupname, work_session_id, workspace, region } = input;
    const remotePath = checkRemotePath(remote_file_path, 'remote_file_path', { namesFile: true });
    const source = await uploadSource(local_file_path, this.policy);
    const result = await upload(this.alpacon, this.presigned, {
      target: { workspace, region }, serverId: server_id, remotePath, source: { kind: 'file', ...source }, overwrite, username, groupname,
      workSession: work_session_id,
    }, ctx);
    return reply({ ...result, local_file_path: source.path }, `Uploaded ${source.path} to ${remotePath} (${result.size} bytes).`);
  }

  @Tool({
    name: 'webftp_upload_content',
    aliases: PYTHON_CONTENT,
    destructiveIf: ['overwrite'],
    title: 'Upload inline content',
    description: 'Writes small generated content to a file on a server over WebFTP, e.g. a config file. For local files use webftp_upload_file.',
    input: UploadContentInput,
    annotations: Effects.create,
    output: UPLOAD_OUTPUT,
    searchHint: 'write create file content text on server',
  })
  async uploadContent(input: UploadContentInput, ctx: ToolContext) {
    const { server_id, content, encoding = 'utf8', remote_file_path, overwrite = false, username, groupname, work_session_id, workspace, region } = input;
    const remotePath = checkRemotePath(remote_file_path, 'remote_file_path', { namesFile: true });
    if (encoding === 'base64' && !/^[A-Za-z0-9+/]*={0,2}$/.test(content.replace(/\s+/g, ''))) {
      throw new AlpaconMcpError(ErrorCode.InvalidInput, 'content is not valid base64.', { details: { fields: [{ field: 'content', problems: ['not base64'] }] } });
    }
    const data = Buffer.from(content, encoding);
    const result = await upload(this.alpacon, this.presigned, {
      target: { workspace, region }, serverId: server_id, remotePath, source: { kind: 'buffer', data }, overwrite, username, groupname,
      workSession: work_session_id,
    }, ctx);
    return reply(result, `Wrote ${result.size} bytes to ${remotePath}.`);
  }

  @Tool({
    name: 'webftp_download_file',
    destructiveIf: ['overwrite'],
    title: 'Download a file or folder',
    description:
      'Streams a remote file (or a folder, as .zip) to a local file over WebFTP. The file appears only when complete; an existing local file is kept unless overwrite.',
    input: DownloadFileInput,
    annotations: Effects.create,
    searchHint: 'download fetch get copy file folder from server',
  })
  async downloadFile(input: DownloadFileInput, ctx: ToolContext) {
    const { server_id, remote_file_path, local_file_path, resource_type = 'file', overwrite = false, username, groupname, work_session_id, workspace, region } = input;
    const remotePath = checkRemotePath(remote_file_path, 'remote_file_path');
    const localPath = await downloadTarget(local_file_path, remotePath, resource_type, overwrite, this.policy);
    const result = await download(this.alpacon, this.presigned, {
      target: { workspace, region }, serverId: server_id, remotePath, localPath, resourceType: resource_type, overwrite, username, groupname,
      workSession: work_session_id,
    }, ctx);
    return reply(result, `Downloaded ${remotePath} to ${result.local_file_path} (${result.size} bytes).`);
  }

  @Tool({
    name: 'webftp_check_status',
    title: 'Check a WebFTP transfer',
    description: 'Whether an upload or download is in progress, succeeded or failed.',
    input: CheckStatusInput,
    annotations: Effects.read,
    searchHint: 'transfer status upload download progress',
  })
  async checkStatus({ file_id, transfer_type }: CheckStatusInput, ctx: ToolContext) {
    const status = await ctx.alpacon.get<TransferStatus>(`/api/webftp/${transfer_type}s/${file_id}/status/`, {
      resource: { what: transfer_type === 'upload' ? 'Upload' : 'Download', id: file_id },
    }).catch((error: unknown): TransferStatus => {
      if (isTransferInProgress(error)) return { success: null };
      throw error;
    });
    const state = status.success === true ? 'succeeded' : status.success === false ? 'failed' : 'in_progress';
    return reply({ file_id, transfer_type, state, success: status.success ?? null, message: status.message ?? '' }, `${transfer_type} ${file_id}: ${state}`);
  }

  @Tool({
    name: 'webftp_uploads_list',
    title: 'List WebFTP uploads',
    description: 'Upload history, newest first: file name, path, size, server and result.',
    input: ListUploadsInput,
    annotations: Effects.read,
    searchHint: 'upload history transfers',
  })
  listUploads({ server_id, page = 1, page_size = 20 }: ListUploadsInput, ctx: ToolContext) {
    return this.list(ctx.alpacon, '/api/webftp/uploads/', 'upload', server_id, page, page_size);
  }

  @Tool({
    name: 'webftp_downloads_list',
    title: 'List WebFTP downloads',
    description: 'Download history, newest first: path, size, server and result.',
    input: ListDownloadsInput,
    annotations: Effects.read,
    searchHint: 'download history transfers',
  })
  listDownloads({ server_id, page = 1, page_size = 20 }: ListDownloadsInput, ctx: ToolContext) {
    return this.list(ctx.alpacon, '/api/webftp/downloads/', 'download', server_id, page, page_size);
  }

  @Tool({
    name: 'webftp_session_create',
    title: 'Create a WebFTP session',
    description: 'Opens a WebFTP session on a server (for audit or the web file browser). Transfers do not need one.',
    input: CreateWebftpSessionInput,
    annotations: Effects.create,
    searchHint: 'webftp session open',
  })
  async createSession({ server_id, username, work_session_id, ...target }: CreateWebftpSessionInput, ctx: ToolContext) {
    // alpacon-mcp (Python) `tools/webftp_tools.py` webftp_session_create sends `work_session` the same way.
    const session = await this.alpacon.post<{ id: string }>(target, '/api/webftp/sessions/', {
      server: server_id,
      ...(username ? { username } : {}),
      ...(work_session_id ? { work_session: work_session_id } : {}),
    }, { signal: ctx.signal });
    return reply(session, `WebFTP session ${session.id} opened.`);
  }

  @Tool({
    name: 'webftp_sessions_list',
    title: 'List WebFTP sessions',
    description: 'WebFTP sessions of the workspace, newest first, optionally of one server.',
    input: ListWebftpSessionsInput,
    annotations: Effects.read,
    searchHint: 'file browser ftp history',
  })
  async listSessions({ server_id, page = 1, page_size = 20 }: ListWebftpSessionsInput, ctx: ToolContext) {
    const result = await ctx.alpacon.page<Record<string, unknown>>('/api/webftp/sessions/', page, page_size, { query: { server: server_id } });
    return reply(result, `${result.results.length} of ${result.count} WebFTP session(s).`);
  }

  private async list(alpacon: CallClient, path: string, kind: string, server: string | undefined, page: number, pageSize: number) {
    const result = await alpacon.page<TransferResponse>(path, page, pageSize, { query: { server } });
    const results = result.results.map((item) => withoutUrls(item));
    const more = result.next_page ? ` More on page ${result.next_page}.` : '';
    return reply({ ...result, results }, `${results.length} of ${result.count} ${kind}(s).${more}`);
  }
}
