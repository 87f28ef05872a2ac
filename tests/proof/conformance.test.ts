import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { PROJECT_ROOT } from '../helpers/spawn-server.js';
// @ts-expect-error -- plain ESM script without type declarations
import { SUITES } from '../../scripts/conformance.mjs';

/**
 * MCP inspector CLI (stdio), the official conformance suite at 0.1.16 (2025 revisions) and 0.2.0-alpha.12 (2026-07-28)
 * over Streamable HTTP, and a 2026-07-28 SDK v2 client over stdio and HTTP, run by scripts/conformance.mjs under Node 22
 * from the npm registry. Uses the built dist/ (npm test builds first). Node 22 and the pinned tools are installed once into
 * a cache (~/.cache/alpacon-mcp/proof, or ALPACON_PROOF_CACHE); this file skips only when that cannot be done.
 */
const SCRIPT = path.join(PROJECT_ROOT, 'scripts', 'conformance.mjs');
const ensure = spawnSync(process.execPath, [SCRIPT, '--ensure'], { encoding: 'utf8', timeout: 400_000 });
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
    'passes the inspector CLI over stdio, the conformance scenarios of both suite releases over Streamable HTTP and a 2026-07-28 client',
    () => {
      const run = spawnSync(process.execPath, [SCRIPT, '--json'], { cwd: PROJECT_ROOT, encoding: 'utf8', timeout: 560_000 });
      const report = JSON.parse(run.stdout.slice(0, run.stdout.lastIndexOf('}') + 1)) as { checks: Check[] };
      const names = report.checks.map((c) => `${c.suite}:${c.name}`);
      const suites = SUITES as { name: string; scenarios: string[] }[];
      expect(names).toEqual([
        'inspector:tools/list over stdio',
        'inspector:tools/call list_servers over stdio',
        ...suites.flatMap((suite) => suite.scenarios.map((scenario) => `${suite.name}:${scenario}`)),
        'sdk-v2-client:2026-07-28 over stdio',
        'sdk-v2-client:2026-07-28 over Streamable HTTP',
      ]);
      expect(suites.map((s) => s.name)).toEqual(['conformance@0.1.16', 'conformance@0.2.0-alpha.12']);
      expect(suites[1].scenarios).toEqual(expect.arrayContaining(['server-stateless', 'http-header-validation', 'caching']));
      expect(report.checks.filter((c) => !c.passed)).toEqual([]);
      expect(run.status).toBe(0);
    },
    600_000,
  );
});
