import { OUTPUT_LIMIT_BYTES, trimOutput, AWAITING_APPROVAL, type CommandDetails, type CommandOutput } from '../../core/index.js';

/** How a command stands, in one word a model can branch on. */
export type Outcome = 'succeeded' | 'failed' | 'rejected' | 'cancelled' | 'awaiting_approval' | 'in_progress' | 'timed_out';

export interface CommandResult {
  command_id: string;
  server_id: string | null;
  /** Alpacon's own status (`completed`, `failed`, `running`, `awaiting_approval`, ...; the 2024 server's status text, lower-cased). */
  status: string;
  outcome: Outcome;
  success: boolean | null;
  exit_code: number | null;
  output: string;
  elapsed_ms: number | null;
  error_phase?: string;
  /** Bytes cut from the middle of the output to keep it within the limit. */
  output_cut_bytes?: number;
  /** Output chunks (by seq) that never arrived: the output has holes there. */
  missing_output_seqs?: number[];
  /** Arguments the server dropped (the 2024 server has no `env` or `work_session` on commands). */
  ignored_fields?: string[];
  /** Why the output could not be read (the command itself is unaffected; get_command_result reads it again). */
  output_error?: string;
  next_step?: string;
}

export interface DescribeOptions {
  elapsedMs?: number | null;
  /** The wait ran out before a final status: seconds waited. */
  timedOutAfterS?: number;
  outputLimit?: number;
  /** The output as read from chunks (or `result`); defaults to the details' `result`. */
  output?: CommandOutput;
}

const FAILED_WITHOUT_CODE = new Set(['failed', 'error', 'stuck']);
const REJECTED = new Set(['rejected', 'denied']);

const ERROR_PHASES: Record<string, string> = {
  agent_disconnected: 'The server\'s agent (Alpamon) is disconnected; check the server with get_server before retrying.',
  agent_timeout: 'The agent did not answer in time; the server may be overloaded or offline.',
  remote_command_exceeded_timeout: 'The command ran past the agent\'s own time limit and was stopped.',
};

function outcomeOf(details: CommandDetails, success: boolean | null, timedOut: boolean): Outcome {
  const status = details.status ?? '';
  if (details.final) {
    if (REJECTED.has(status)) return 'rejected';
    if (status === 'cancelled') return 'cancelled';
    return success ? 'succeeded' : 'failed';
  }
  if (status === AWAITING_APPROVAL) return 'awaiting_approval';
  return timedOut ? 'timed_out' : 'in_progress';
}

/** Turns Alpacon's command details into the result every command tool returns. */
export function describeCommand(details: CommandDetails, options: DescribeOptions = {}): CommandResult {
  const status = details.status ?? 'unknown';
  const output = options.output ?? { text: details.result, missing_seqs: [] };
  const trimmed = trimOutput(output.text, options.outputLimit ?? OUTPUT_LIMIT_BYTES);
  const success = details.final ? (details.success ?? (status === 'completed' || status === 'success')) : null;
  // Today's service: a failure without exit_code counts as exit 1 (CLI errorFromDetails). The 2024 server has no exit codes.
  const exitCode = details.exit_code ?? (details.final && !details.legacy && success === false && FAILED_WITHOUT_CODE.has(status) ? 1 : null);
  const outcome = outcomeOf(details, success, options.timedOutAfterS !== undefined);
  const result: CommandResult = {
    command_id: details.id,
    server_id: details.server_id,
    status,
    outcome,
    success,
    exit_code: exitCode,
    output: trimmed.text,
    elapsed_ms: options.elapsedMs !== undefined ? options.elapsedMs : details.elapsed_time === null ? null : Math.round(details.elapsed_time * 1000),
  };
  if (details.error_phase) result.error_phase = details.error_phase;
  if (trimmed.truncated) result.output_cut_bytes = trimmed.omitted_bytes;
  if (output.missing_seqs.length > 0) result.missing_output_seqs = output.missing_seqs;
  if (output.error) result.output_error = `${output.error}; get_command_result with this command_id reads it again.`;
  const next = nextStep(outcome, status, details, options.timedOutAfterS, output.missing_seqs);
  if (next) result.next_step = next;
  return result;
}

function nextStep(outcome: Outcome, status: string, details: CommandDetails, waitedS: number | undefined, missing: number[]): string | undefined {
  const follow = 'Call get_command_result with this command_id to check again; do not submit the command again.';
  const holes = missing.length > 0 ? ` Output chunk(s) ${missing.join(', ')} never arrived, so the output has gaps.` : '';
  switch (outcome) {
    case 'awaiting_approval':
      return `Pending: the command waits for human approval in Alpacon (an approver accepts or rejects it in the console). ${follow}`;
    case 'timed_out':
      return `Not finished after ${waitedS ?? '?'} s (status ${status}); it may still run on the server. ${follow}`;
    case 'in_progress':
      return `Still ${status}. ${follow}`;
    case 'rejected':
      return 'An approver rejected the command; it did not run. Submitting it again only files a new approval request.';
    case 'cancelled':
      return `The command was cancelled before it finished; it will not run further.${holes}`;
    case 'failed':
      return `${details.error_phase ? ERROR_PHASES[details.error_phase] ?? `Failed in phase ${details.error_phase}.` : ''}${holes}`.trim() || undefined;
    default:
      return holes.trim() || undefined;
  }
}

/** Compact JSON Schema of CommandResult, for the tools' output schemas. */
export const COMMAND_RESULT_SCHEMA = {
  type: 'object',
  properties: {
    command_id: { type: 'string' },
    server_id: { type: ['string', 'null'] },
    status: { type: 'string' },
    outcome: { type: 'string', enum: ['succeeded', 'failed', 'rejected', 'cancelled', 'awaiting_approval', 'in_progress', 'timed_out'] },
    success: { type: ['boolean', 'null'] },
    exit_code: { type: ['integer', 'null'] },
    output: { type: 'string' },
    elapsed_ms: { type: ['integer', 'null'] },
    error_phase: { type: 'string' },
    output_cut_bytes: { type: 'integer' },
    missing_output_seqs: { type: 'array', items: { type: 'integer' } },
    output_error: { type: 'string' },
    ignored_fields: { type: 'array', items: { type: 'string' } },
    next_step: { type: 'string' },
  },
  required: ['command_id', 'status', 'outcome', 'success', 'exit_code', 'output', 'elapsed_ms'],
} as const;
