import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from '@jest/globals';
import { PROJECT_ROOT } from '../helpers/spawn-server.js';

const run = promisify(execFile);

describe('the public API report', () => {
  it('api/alpacon-mcp.api.md matches the built .d.ts files (run `npm run api` after changing what plugins can import)', async () => {
    const checked = run(process.execPath, [path.join(PROJECT_ROOT, 'scripts', 'api-report.mjs'), '--check'], { cwd: PROJECT_ROOT });
    await expect(checked).resolves.toBeDefined();
  });
});
