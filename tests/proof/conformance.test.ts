import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { PROJECT_ROOT } from '../helpers/spawn-server.js';

/**
 * MCP inspector CLI (stdio) and the official conformance suite (Streamable HTTP), run by scripts/conformance.mjs under
 * Node 22 from the npm registry. Uses the built dist/ (npm test builds first). Node 22 and the pinned tools are installed
 * once into a cache (~/.cache/alpacon-mcp/proof, or ALPACON_PROOF_CACHE); this file skips only when that cannot be done.
 */
const SCRIPT = path.join(PROJECT_ROOT, 'scripts', 'conformance.mjs');
const ensure = spawnSync(process.execPath, [SCRIPT, '--ensure'], { encoding: 'utf8', timeout: 240_000 });
const available = ensure.status === 0;
if (!available) {
  process.stderr.write(`SKIPPING protocol conformance: Node 22 could not be obtained from the npm registry.\n${ensure.stderr}\n`);
}

interface Check {
  suite: string;
  name: string;
  passed: boolean;
  detail: string;
}

describe('protocol conformance (Node 22)', () => {
  (available ? it : it.skip)(
    'passes the inspector CLI over stdio and the conformance scenarios over Streamable HTTP',
    () => {
      const run = spawnSync(process.execPath, [SCRIPT, '--json'], { cwd: PROJECT_ROOT, encoding: 'utf8', timeout: 170_000 });
      const report = JSON.parse(run.stdout.slice(0, run.stdout.lastIndexOf('}') + 1)) as { checks: Check[] };
      const names = report.checks.map((c) => `${c.suite}:${c.name}`);
      expect(names).toEqual([
        'inspector:tools/list over stdio',
        'inspector:tools/call list_servers over stdio',
        'conformance:server-initialize',
        'conformance:tools-list',
        'conformance:ping',
        'conformance:dns-rebinding-protection',
      ]);
      expect(report.checks.filter((c) => !c.passed)).toEqual([]);
      expect(run.status).toBe(0);
    },
    180_000,
  );
});
