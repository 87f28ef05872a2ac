import { AlpaconMcpError, ErrorCode } from '../../core/index.js';

/** The fields of Alpacon's command (EventDetails / CommandResponse) that the tools use, read defensively. */
export interface CommandDetails {
  id: string;
  line: string;
  status: string | null;
  success: boolean | null;
  exit_code: number | null;
  error_phase: string | null;
  result: string;
  /** Seconds the command ran, as Alpacon measured it. */
  elapsed_time: number | null;
  added_at: string | null;
  server_id: string | null;
  server_name: string | null;
}

/** Statuses after which a command never changes again. */
export const TERMINAL_STATUSES: ReadonlySet<string> = new Set(['completed', 'success', 'failed', 'rejected', 'error', 'stuck']);
export const AWAITING_APPROVAL = 'awaiting_approval';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

export function readCommand(body: unknown): CommandDetails {
  if (!isRecord(body) || typeof body.id !== 'string') {
    throw new AlpaconMcpError(ErrorCode.BadResponse, 'Alpacon answered with something that is not a command (no id).');
  }
  const server = body.server;
  return {
    id: body.id,
    line: str(body.line) ?? '',
    status: str(body.status),
    success: typeof body.success === 'boolean' ? body.success : null,
    exit_code: num(body.exit_code),
    error_phase: str(body.error_phase),
    result: str(body.result) ?? '',
    elapsed_time: num(body.elapsed_time),
    added_at: str(body.added_at),
    server_id: isRecord(server) ? str(server.id) : str(server),
    server_name: isRecord(server) ? str(server.name) : null,
  };
}

/** The submit call answers with a JSON array of created commands; one server gives one element. */
export function readSubmitted(body: unknown): CommandDetails {
  const first = Array.isArray(body) ? body[0] : body;
  return readCommand(first);
}

export function isTerminal(status: string | null): boolean {
  return status !== null && TERMINAL_STATUSES.has(status);
}
