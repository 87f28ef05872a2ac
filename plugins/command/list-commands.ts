import type { CommandDetails } from '../../core/index.js';

/** A command without its output, for lists and for the submit answer. */
export interface CommandSummary {
  command_id: string;
  server_id: string | null;
  server_name: string | null;
  line: string;
  status: string;
  success: boolean | null;
  exit_code: number | null;
  added_at: string | null;
}

export function summarizeCommand(details: CommandDetails): CommandSummary {
  return {
    command_id: details.id,
    server_id: details.server_id,
    server_name: details.server_name,
    line: details.line,
    status: details.status ?? 'unknown',
    success: details.success,
    exit_code: details.exit_code,
    added_at: details.added_at,
  };
}

/** The stable core of CommandSummary (the other fields are always present too). */
export const COMMAND_SUMMARY_SCHEMA = {
  type: 'object',
  properties: { command_id: { type: 'string' }, status: { type: 'string' }, exit_code: { type: ['integer', 'null'] } },
  required: ['command_id', 'status'],
} as const;
