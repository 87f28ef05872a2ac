import { type AlpaconConfig, CONFIG, CORE_VERSION, definePlugin, PLUGIN_SETTINGS, PresignedTransfer, USER_AGENT } from '../../core/index.js';
import { WebftpBulkTools } from './bulk-tools.js';
import { PRESIGNED, readWebftpSettings, WEBFTP_SETTINGS, WebftpSettingsInput } from './settings.js';
import { WebftpTools } from './tools.js';

export default definePlugin({
  name: 'webftp',
  description: 'WebFTP: streamed file uploads and downloads through presigned URLs',
  host: `^${CORE_VERSION}`,
  passesCallSignal: true,
  tools: [WebftpTools, WebftpBulkTools],
  settings: WebftpSettingsInput,
  // The `webftp` config section is checked here, at startup, so a bad localRoots stops the server before it serves.
  register(container) {
    const settings = readWebftpSettings(container.resolve<WebftpSettingsInput>(PLUGIN_SETTINGS), container.resolve<AlpaconConfig>(CONFIG).source);
    container.registerInstance(WEBFTP_SETTINGS, settings);
    container.registerInstance(PRESIGNED, new PresignedTransfer({ userAgent: USER_AGENT }));
  },
  instructions:
    'webftp_upload_file / webftp_download_file move files between this machine and a server (local paths absolute, inside the allowed local roots; folders download as .zip); webftp_upload_content writes small generated files; webftp_bulk_upload / webftp_bulk_download move several files at once (a .zip down).',
});
