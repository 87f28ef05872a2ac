import { AlpaconMcpError, ErrorCode } from '../errors/index.js';

/**
 * The fields of an Alpacon command that the tools use, read defensively from either server generation:
 * - today's service (CLI `api/event/types.go` EventDetails): `status` a string, `exit_code`, `error_phase`, output in
 *   `/chunks/` with `result` empty;
 * - the 2024 server (alpacon-server `events/api/serializers.py`, `events/models.py`): `status` an object
 *   `{text, color, cancellable}`, final once `handled_at` is set, `success` only, output in `result`.
 */
export interface CommandDetails {
  id: string;
  line: string;
  /** Alpacon's status word (the 2024 server's status text, lower-cased: `queued`, `sent`, `acked`, `success`, `failed`). */
  status: string | null;
  /** No further change will come. */
  final: boolean;
  success: boolean | null;
  exit_code: number | null;
  error_phase: string | null;
  result: string;
  /** Seconds the command ran, as Alpacon measured it. */
  elapsed_time: number | null;
  added_at: string | null;
  server_id: string | null;
  server_name: string | null;
  /** The 2024 server's shape: output is in `result`, and there is no `/chunks/` route nor events WebSocket. */
  legacy: boolean;
}

/**
 * Final statuses of today's service: CLI `api/event/event.go` errorFromDetails (`completed success failed`,
 * `stuck error cancelled`), `types.go` IsRejectedStatus (`rejected`); the Python server also ends on `denied`
 * (`tools/command_tools.py`).
 */
export const FINAL_STATUSES: ReadonlySet<string> = new Set(['completed', 'success', 'failed', 'stuck', 'error', 'cancelled', 'rejected', 'denied']);
export const AWAITING_APPROVAL = 'awaiting_approval';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

export function readCommand(body: unknown): CommandDetails {
  if (!isRecord(body) || typeof body.id !== 'string') {
    throw new AlpaconMcpError(ErrorCode.BadResponse, 'Alpacon answered with something that is not a command (no id).');
  }
  const server = body.server;
  const success = typeof body.success === 'boolean' ? body.success : null;
  const errorPhase = str(body.error_phase);
  const exitCode = num(body.exit_code);
  const legacy = isRecord(body.status);
  const status = legacy ? str((body.status as Record<string, unknown>).text)?.toLowerCase() ?? null : str(body.status);
  return {
    id: body.id,
    line: str(body.line) ?? '',
    status,
    final: legacy ? str(body.handled_at) !== null : isFinal(status, success, errorPhase, exitCode),
    success,
    exit_code: exitCode,
    error_phase: errorPhase,
    result: str(body.result) ?? '',
    elapsed_time: num(body.elapsed_time),
    added_at: str(body.added_at),
    server_id: isRecord(server) ? str(server.id) : str(server),
    server_name: isRecord(server) ? str(server.name) : str(body.server_name),
    legacy,
  };
}

/**
 * A final string status. One exception: between approve and deliver the service shows a transient `error`
 * (CLI `isPollWaitStatus`); it carries no outcome yet (no success, phase or exit code), which a real failure has.
 */
function isFinal(status: string | null, success: boolean | null, errorPhase: string | null, exitCode: number | null): boolean {
  if (status === null || !FINAL_STATUSES.has(status)) return false;
  if (status === 'error' && success === null && errorPhase === null && exitCode === null) return false;
  return true;
}

/** Today's service answers a submit with an array of created commands (CLI `SubmitCommand` takes [0]); the 2024 server with the one object. */
export function readSubmitted(body: unknown): CommandDetails {
  const first = Array.isArray(body) ? body[0] : body;
  return readCommand(first);
}
