import type { SandboxGeneration } from '../generation.js';
import { isTerminal, type CommandRecord } from '../world/commands.js';
import { serverSummary, userSummary } from '../world/summaries.js';
import type { World } from '../world/world.js';

/**
 * The command JSON of each server generation.
 * - current: CLI `api/event/types.go` (EventDetails, CommandResponse); `result` is empty because output lives in
 *   `/chunks/` (CLI `cmd/exec/logs.go`: "Result is empty under the streaming contract").
 * - 2024: alpacanetworks/alpacon-server `events/api/serializers.py` (CommandSerializer, CommandListSerializer,
 *   CommandCreateSerializer) and `events/models.py` (Command.status, an object derived from the timestamps).
 */
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const seconds = (from: number | null, to: number | null) => (from === null || to === null ? null : Math.max(0, (to - from) / 1000));

function summaries(world: World, record: CommandRecord) {
  const server = world.servers.get(record.server);
  const user = world.users.get(record.requestedBy);
  return { server: server === undefined ? null : serverSummary(server), requested_by: user === undefined ? null : userSummary(user) };
}

/** CommandResponse (today's service), as the submit call returns it inside an array. */
function currentResponse(world: World, record: CommandRecord): Record<string, unknown> {
  return {
    id: record.id, shell: record.shell, line: record.line, data: record.data, username: record.username, groupname: record.groupname,
    added_at: iso(record.addedAt), scheduled_at: iso(record.scheduledAt), ...summaries(world, record), run_after: [...record.runAfter],
  };
}

/** EventDetails (today's service), as the detail and list calls return it. */
function currentDetails(world: World, record: CommandRecord): Record<string, unknown> {
  return {
    id: record.id, shell: record.shell, line: record.line, data: record.data, username: record.username, groupname: record.groupname,
    success: record.success, exit_code: record.exitCode, error_phase: record.errorPhase, result: '', status: record.status,
    cancellable: !isTerminal(record.status) && record.startedAt === null,
    response_delay: seconds(record.addedAt, record.deliveredAt),
    elapsed_time: record.startedAt === null ? null : seconds(record.startedAt, record.finishedAt ?? Date.now()),
    added_at: iso(record.addedAt), scheduled_at: iso(record.scheduledAt), delivered_at: iso(record.deliveredAt),
    finished_at: iso(record.finishedAt), ...summaries(world, record), run_after: [...record.runAfter],
  };
}

/** `Command.status` of the 2024 server: an object, final once `handled_at` is set. */
export function status2024(record: CommandRecord): { text: string; color: string; cancellable: boolean; message: string } {
  if (record.finishedAt !== null) {
    return record.success === true
      ? { text: 'Success', color: 'success', cancellable: false, message: `Finished at ${iso(record.finishedAt)}.` }
      : { text: 'Failed', color: 'danger', cancellable: false, message: `Failed at ${iso(record.finishedAt)}.` };
  }
  if (record.startedAt !== null) return { text: 'Acked', color: 'warning', cancellable: false, message: 'Command is being executed on the server.' };
  if (record.deliveredAt !== null) return { text: 'Sent', color: 'warning', cancellable: false, message: 'Sent command to server, waiting response.' };
  if (record.scheduledAt !== null && record.scheduledAt > Date.now()) {
    return { text: 'Scheduled', color: 'secondary', cancellable: true, message: 'Command will be sent if the scheduled time arrives.' };
  }
  return { text: 'Queued', color: 'warning', cancellable: true, message: 'Command is on due, waiting for delivery.' };
}

function names2024(world: World, record: CommandRecord) {
  const server = world.servers.get(record.server);
  const user = world.users.get(record.requestedBy);
  return { server_name: server?.name ?? '', requested_by_name: user?.username ?? 'None' };
}

function fields2024(world: World, record: CommandRecord) {
  return {
    id: record.id, shell: record.shell, line: record.line, success: record.success,
    // The agent reports the whole output with the result (`Command.fin`); nothing before.
    result: record.finishedAt === null ? null : record.result,
    status: status2024(record),
    response_delay: seconds(record.deliveredAt, record.startedAt),
    elapsed_time: record.startedAt === null || record.finishedAt === null ? null : seconds(record.startedAt, record.finishedAt),
    added_at: iso(record.addedAt), server: record.server, requested_by: record.requestedBy, ...names2024(world, record),
  };
}

export interface CommandJson {
  /** The body of a successful submit. */
  submitted(record: CommandRecord): unknown;
  details(record: CommandRecord): Record<string, unknown>;
  listItem(record: CommandRecord): Record<string, unknown>;
}

export function commandJson(world: World, generation: SandboxGeneration): CommandJson {
  if (generation === '2024') {
    return {
      submitted: (r) => ({
        id: r.id, shell: r.shell, line: r.line, data: r.data, username: r.username, groupname: r.groupname,
        added_at: iso(r.addedAt), scheduled_at: iso(r.scheduledAt ?? r.addedAt), server: r.server, requested_by: r.requestedBy,
        run_after: [...r.runAfter],
      }),
      details: (r) => ({
        ...fields2024(world, r), data: r.data, scheduled_at: iso(r.scheduledAt ?? r.addedAt), delivered_at: iso(r.deliveredAt),
        acked_at: iso(r.startedAt), handled_at: iso(r.finishedAt), run_after: [...r.runAfter],
      }),
      listItem: (r) => ({ ...fields2024(world, r), username: r.username, groupname: r.groupname }),
    };
  }
  return {
    submitted: (r) => [currentResponse(world, r)],
    details: (r) => currentDetails(world, r),
    listItem: (r) => currentDetails(world, r),
  };
}
