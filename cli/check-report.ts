import type { Writable } from 'node:stream';
import type { Messages } from './i18n/index.js';
import { println } from './io.js';
import type { CheckResult } from './connection-check.js';

/** One line per workspace: OK with the user and privilege, or the failure and, indented, its fix. */
export function printCheck(out: Writable, t: Messages, result: CheckResult): void {
  if (result.ok) {
    println(out, t.testOk(result.region, result.workspace, result.username, t.privilege[result.privilege] ?? result.privilege));
    return;
  }
  const { reason, fix } = explain(t, result);
  println(out, t.testFail(result.region, result.workspace, reason));
  println(out, `      ${t.fixLabel}: ${fix}`);
}

function explain(t: Messages, result: Extract<CheckResult, { ok: false }>): { reason: string; fix: string } {
  switch (result.kind) {
    case 'bad_token':
      return { reason: t.failBadToken, fix: t.fixBadToken(result.region, result.workspace) };
    case 'mfa_required':
      return { reason: t.failMfa, fix: t.fixMfa };
    case 'unreachable':
      return { reason: t.failUnreachable(result.url), fix: t.fixUnreachable };
    case 'forbidden':
      return { reason: t.failForbidden, fix: t.fixForbidden };
    default:
      return { reason: t.failOther(result.message), fix: t.fixOther };
  }
}
