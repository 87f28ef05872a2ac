import { OUTPUT_LIMIT_BYTES, trimOutput } from '../../core/index.js';
import { AWAITING_APPROVAL, isTerminal, type CommandDetails } from './command-details.js';

/** How a command stands, in one word a model can branch on. */
export type Outcome = 'succeeded' | 'failed' | 'awaiting_approval' | 'in_progress' | 'timed_out';

export interface CommandResult {
  command_id: string;
  server_id: string | null;
  /** Alpacon's own status (`completed`, `failed`, `running`, `awaiting_approval`, ...). */
  status: string;
  outcome: Outcome;
  success: boolean | null;
  exit_code: number | null;
  output: string;
  elapsed_ms: number | null;
  error_phase?: string;
  /** Bytes cut from the middle of the output to keep it within the limit. */
  output_cut_bytes?: number;
  next_step?: string;
}

export interface DescribeOptions {
  elapsedMs?: number | null;
  /** The wait ran out before a terminal status: seconds waited. */
  timedOutAfterS?: number;
  outputLimit?: number;
}

const FAILED_WITHOUT_CODE = new Set(['failed', 'error', 'stuck']);

const ERROR_PHASES: Record<string, string> = {
  agent_disconnected: 'The server\'s agent (Alpamon) is disconnected; check the server with get_server before retrying.',
  agent_timeout: 'The agent did not answer in time; the server may be overloaded or offline.',
  remote_command_exceeded_timeout: 'The command ran past the agent\'s own time limit and was stopped.',
};

/** Turns Alpacon's command details into the result every command tool returns. */
export function describeCommand(details: CommandDetails, options: DescribeOptions = {}): CommandResult {
  const status = details.status ?? 'unknown';
  const terminal = isTerminal(details.status);
  const trimmed = trimOutput(details.result, options.outputLimit ?? OUTPUT_LIMIT_BYTES);
  const success = terminal ? (details.success ?? (status === 'completed' || status === 'success')) : null;
  const exitCode = details.exit_code ?? (terminal && success === false && FAILED_WITHOUT_CODE.has(status) ? 1 : null);
  const outcome: Outcome = terminal
    ? success ? 'succeeded' : 'failed'
    : status === AWAITING_APPROVAL ? 'awaiting_approval'
      : options.timedOutAfterS !== undefined ? 'timed_out' : 'in_progress';
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
  const next = nextStep(outcome, status, details, options.timedOutAfterS);
  if (next) result.next_step = next;
  return result;
}

function nextStep(outcome: Outcome, status: string, details: CommandDetails, waitedS: number | undefined): string | undefined {
  const follow = 'Call get_command_result with this command_id to check again; do not submit the command again.';
  switch (outcome) {
    case 'awaiting_approval':
      return `Pending: the command waits for human approval in Alpacon (an approver accepts or rejects it in the console). ${follow}`;
    case 'timed_out':
      return `Not finished after ${waitedS ?? '?'} s (status ${status}); it may still run on the server. ${follow}`;
    case 'in_progress':
      return `Still ${status}. ${follow}`;
    case 'failed':
      if (status === 'rejected') return 'An approver rejected the command; it did not run.';
      return details.error_phase ? ERROR_PHASES[details.error_phase] : undefined;
    default:
      return undefined;
  }
}

/** Compact JSON Schema of CommandResult, for the tools' output schemas. */
export const COMMAND_RESULT_SCHEMA = {
  type: 'object',
  properties: {
    command_id: { type: 'string' },
    server_id: { type: ['string', 'null'] },
    status: { type: 'string' },
    outcome: { type: 'string', enum: ['succeeded', 'failed', 'awaiting_approval', 'in_progress', 'timed_out'] },
    success: { type: ['boolean', 'null'] },
    exit_code: { type: ['integer', 'null'] },
    output: { type: 'string' },
    elapsed_ms: { type: ['integer', 'null'] },
    error_phase: { type: 'string' },
    output_cut_bytes: { type: 'integer' },
    next_step: { type: 'string' },
  },
  required: ['command_id', 'status', 'outcome', 'success', 'exit_code', 'output', 'elapsed_ms'],
} as const;
