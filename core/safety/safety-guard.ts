import type { AlpaconConfig } from '../config/types.js';
import { AlpaconMcpError, isAlpaconMcpError, ErrorCode } from '../errors/index.js';
import type { ToolGuard } from '../host/create-server.js';
import { type AuditLog, parseAuditSection } from './audit-log.js';
import { checkCommand, commandLines, parseCommandPolicy } from './command-policy.js';
import { confirmDestructive } from './confirm-destructive.js';
import { SignedCallState } from './signed-call-state.js';

/** How long a 2026-07-28 client has to come back with the user's answer to a confirmation. */
const CONFIRMATION_TTL_MS = 5 * 60_000;

const REFUSALS: readonly string[] = [
  ErrorCode.PolicyDenied,
  ErrorCode.InlineCredential,
  ErrorCode.ConfirmationDeclined,
  ErrorCode.ConfirmationRequired,
  ErrorCode.ConfirmationInvalid,
  ErrorCode.ConfirmationExpired,
  ErrorCode.ConfirmationReplayed,
];

/**
 * The operator's rules, enforced by the server itself (clients treat annotations as hints): the command policy before any
 * command is sent, confirmation of destructive tools, and the audit log of every call that is not read-only.
 */
export function createSafetyGuard(config: AlpaconConfig, options: { now?: () => number } = {}): { guard: ToolGuard; audit?: AuditLog } {
  const states = new SignedCallState({ ttlMs: CONFIRMATION_TTL_MS, now: options.now });
  const policy = parseCommandPolicy(config.sections.commands, config.source);
  const audit = parseAuditSection(config.sections.audit, config.baseDir, config.source);
  const guard: ToolGuard = {
    before: async (call) => {
      const { tool, input } = call;
      for (const line of commandLines(input, tool.commandFields)) checkCommand(line, policy);
      const flagged = tool.destructiveIf.filter((field) => (input as Record<string, unknown>)[field] === true);
      if (config.disableDestructive && flagged.length > 0) {
        throw new AlpaconMcpError(ErrorCode.PolicyDenied, `${tool.name} with ${flagged.join(', ')}: true would be destructive, and destructive actions are disabled here.`, {
          hint: `Call it without ${flagged.join(', ')}, or ask the operator (disableDestructive in .alpaconrc).`,
          details: { rule: 'disableDestructive', fields: flagged },
        });
      }
      if (config.confirmDestructive && (tool.effects.destructive || flagged.length > 0)) return confirmDestructive(call, states);
    },
    after: async ({ tool, input }, outcome) => {
      if (!audit || tool.effects.readOnly) return;
      const record = input as Record<string, unknown>;
      const code = isAlpaconMcpError(outcome.error) ? outcome.error.code : outcome.ok ? undefined : ErrorCode.Internal;
      await audit.append({
        tool: tool.name,
        workspace: typeof record.workspace === 'string' ? record.workspace : undefined,
        region: typeof record.region === 'string' ? record.region : undefined,
        server: (record.server_id ?? record.server_ids) as string | string[] | undefined,
        input,
        outcome: outcome.ok ? 'ok' : code && REFUSALS.includes(code) ? 'refused' : 'error',
        ...(code ? { error_code: code } : {}),
        duration_ms: outcome.ms,
      });
    },
  };
  return { guard, audit };
}
