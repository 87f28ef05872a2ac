import { AlpaconMcpError, ErrorCode } from '../errors/index.js';

/**
 * A 404 that is not a DRF JSON body comes from Django's URL resolver: the server has no such endpoint at all, which is
 * not "that id does not exist". The open-source 2024 server (`alpacanetworks/alpacon-server`, `alpacon/urls.py`,
 * `settings.REST_API_APPS`) has no metrics or WebFTP apps and no `/api/proc/disks/` or `/partitions/`.
 */
export function routeMissing(method: string, path: string): AlpaconMcpError {
  const area = /^\/api\/([^/]+)\//.exec(path)?.[1];
  return new AlpaconMcpError(ErrorCode.Unsupported, `This Alpacon server does not offer ${method} ${path}${area ? ` (no "${area}" API here)` : ''}.`, {
    status: 404,
    hint: 'The workspace runs an Alpacon server without this feature (older self-hosted installs run the 2024 server, which has no metrics, WebFTP, disk or partition APIs). Use another tool, e.g. execute_command_sync with df, or upgrade the server.',
    details: { path },
  });
}
