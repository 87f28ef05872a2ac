import type { ServerResponse } from 'node:http';
import type { Router } from '../http/types.js';

/**
 * What the 2024 open-source server does not have: its `alpacon/urls.py` mounts only `settings.REST_API_APPS` (no
 * metrics, no WebFTP) and `proc/api/urls.py` has no `disks` or `partitions`. Django's URL resolver answers those paths
 * before any authentication with its HTML 404 page (DEBUG off), not a DRF JSON body.
 */
const ABSENT = ['/api/metrics/*rest', '/api/webftp/*rest', '/api/proc/disks/', '/api/proc/partitions/'];
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
const PAGE = '<!doctype html>\n<html lang="en">\n<head>\n  <title>Not Found</title>\n</head>\n<body>\n  <h1>Not Found</h1><p>The requested resource was not found on this server.</p>\n</body>\n</html>\n';

export function registerAbsentIn2024(router: Router): void {
  for (const pattern of ABSENT) {
    for (const method of METHODS) router.add(method, pattern, (req, res) => djangoNotFound(res), { auth: false, rawBody: true });
  }
}

function djangoNotFound(res: ServerResponse): 'handled' {
  res.writeHead(404, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': String(Buffer.byteLength(PAGE)) });
  res.end(PAGE);
  return 'handled';
}
