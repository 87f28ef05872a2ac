import type { CommandResult } from './connection.js';
import type { BatchFailure } from './pool.js';

// Kept small: tools/list is read by the model on every conversation.
export const COMMAND_OUTPUT = {
  type: 'object',
  properties: { output: { type: 'string' }, exit_code: { type: ['integer', 'null'] }, duration_ms: { type: 'integer' } },
  required: ['output', 'exit_code', 'duration_ms'],
};

export const BATCH_OUTPUT = {
  type: 'object',
  properties: { results: { type: 'array' }, not_run: { type: 'array' } },
  required: ['results', 'not_run'],
};

export const isFailure = (item: CommandResult | BatchFailure): item is BatchFailure => 'error' in item;

/** Batch result: what ran, and which commands never ran because the batch stopped. */
export function batchData(serverId: string, sessionId: string, commands: readonly string[], results: (CommandResult | BatchFailure)[]) {
  const completed = results.filter((r) => !isFailure(r)).length;
  return { server_id: serverId, session_id: sessionId, results, completed, not_run: commands.slice(results.length) };
}

export function summarizeOne(result: CommandResult): string {
  const status = result.exit_code === null ? 'shell ended' : `exit ${result.exit_code}`;
  return `${status} in ${result.duration_ms} ms${result.truncated ? ' (output trimmed)' : ''}`;
}

export function summarizeBatch(data: ReturnType<typeof batchData>): string {
  const failed = data.results.filter((r) => isFailure(r) || r.exit_code !== 0).length;
  const skipped = data.not_run.length > 0 ? `, ${data.not_run.length} not run` : '';
  return `${data.completed}/${data.results.length + data.not_run.length} command(s) ran, ${failed} failed${skipped}`;
}
