import { acceptedOnly, ALPACON, AlpaconClient, Effects, inject, injectable, reply, Tool, type ToolContext, readCommand, commandOutput, type CommandDetails } from '../../core/index.js';
import { COMMAND_RESULT_SCHEMA, describeCommand } from './command-result.js';
import {
  ExecuteCommandMultiServerInput, ExecuteCommandSyncInput, ExecuteCommandWithAclInput, GetCommandResultInput, ListCommandsInput,
} from './dto.js';
import { FAN_OUT_SCHEMA, runOnServers, summarizeFanOut } from './fan-out.js';
import { DEFAULT_CONCURRENCY, DEFAULT_TIMEOUT_S } from './limits.js';
import { COMMAND_SUMMARY_SCHEMA, summarizeCommand } from './list-commands.js';
import { EventStream } from './event-stream.js';
import { LiveOutput } from './live-output.js';
import { awaitCommand, IGNORED_NOTE, submitCommand } from './run-command.js';

@injectable()
export class CommandTools {
  constructor(@inject(ALPACON) private readonly alpacon: AlpaconClient) {}

  @Tool({
    name: 'execute_command_with_acl',
    title: 'Submit command',
    description:
      'Submit a shell command through Alpacon\'s command API (checked against the token\'s command ACL); returns command_id ' +
      'and status at once. Result: get_command_result; execute_command_sync waits.',
    input: ExecuteCommandWithAclInput,
    annotations: Effects.destructive,
    output: COMMAND_SUMMARY_SCHEMA,
    searchHint: 'run command submit async acl',
    commandFields: ['command'],
  })
  async executeCommandWithAcl(input: ExecuteCommandWithAclInput, ctx: ToolContext) {
    const { server_id, command, username, groupname, env, work_session_id, workspace, region } = input;
    const target = { workspace, region };
    const request = { command, username, groupname, env, workSessionId: work_session_id };
    const submitted = await submitCommand(this.alpacon, target, server_id, request, ctx.signal);
    let current: CommandDetails = submitted;
    try {
      // One read for the real status (for example awaiting_approval); the command stands even if this read fails.
      current = readCommand(await this.alpacon.get(target, `/api/events/commands/${submitted.id}/`, { signal: ctx.signal }));
    } catch (error) {
      ctx.log.debug(`status of command ${submitted.id} not read after submit: ${error instanceof Error ? error.message : String(error)}`);
    }
    const summary = summarizeCommand({ ...current, server_id: current.server_id ?? server_id });
    const data = submitted.ignored_fields.length > 0 ? { ...summary, ignored_fields: submitted.ignored_fields, note: IGNORED_NOTE } : summary;
    return reply(data, `Command ${summary.command_id} ${summary.status}. Use get_command_result for its output.`);
  }

  @Tool({
    name: 'execute_command_sync',
    title: 'Run command and wait',
    description:
      'Run a shell command on one server and wait for its exit code and output. A command held for approval or still ' +
      'running at timeout returns its command_id for get_command_result.',
    input: ExecuteCommandSyncInput,
    annotations: Effects.destructive,
    output: COMMAND_RESULT_SCHEMA,
    searchHint: 'exec blocking synchronous',
    commandFields: ['command'],
  })
  async executeCommandSync(input: ExecuteCommandSyncInput, ctx: ToolContext) {
    const { server_id, command, username, groupname, env, work_session_id, timeout = DEFAULT_TIMEOUT_S, workspace, region } = input;
    const target = { workspace, region };
    const startedAt = Date.now();
    const request = { command, username, groupname, env, workSessionId: work_session_id };
    // With a progress token, new output goes out as progress: over the events WebSocket (opened before the submit, as
    // the CLI does, so no chunk is missed), else by polling the chunks. The command is submitted once either way.
    const stream = ctx.progressRequested ? await EventStream.open(this.alpacon, target, ctx.signal) : undefined;
    let live: LiveOutput | undefined;
    try {
      const submitted = await submitCommand(this.alpacon, target, server_id, request, ctx.signal);
      live = ctx.progressRequested ? new LiveOutput(this.alpacon, target, submitted.id, ctx) : undefined;
      const woken = live && stream ? await this.followOverStream(stream, live, submitted.id, submitted.server_id ?? server_id, ctx) : undefined;
      await live?.poll();
      const result = await awaitCommand(this.alpacon, target, submitted, startedAt, { signal: ctx.signal, timeoutS: timeout, live, woken });
      const exit = result.exit_code === null ? '' : `, exit ${result.exit_code}`;
      return reply(result, `Command ${result.command_id}: ${result.outcome} (${result.status}${exit}) in ${result.elapsed_ms} ms.`);
    } finally {
      live?.dispose();
      stream?.close();
    }
  }

  /** Subscribes to the command's output and its server's fins; undefined (poll instead) when the subscription fails. */
  private async followOverStream(stream: EventStream, live: LiveOutput, commandId: string, serverId: string, ctx: ToolContext) {
    const woken = live.follow(stream);
    try {
      await stream.subscribe('command_output', commandId, ctx.signal);
    } catch (error) {
      ctx.log.debug(`live output falls back to polling: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
    // Best effort, like the CLI: without it the status poll still ends the wait.
    await stream.subscribe('command_fin', serverId, ctx.signal).catch(() => undefined);
    return woken;
  }

  @Tool({
    name: 'get_command_result',
    title: 'Get command result',
    description: 'Status, exit code and output of a command submitted earlier.',
    input: GetCommandResultInput,
    annotations: Effects.read,
    output: COMMAND_RESULT_SCHEMA,
    searchHint: 'exec poll job stdout',
  })
  async getCommandResult({ command_id, ...target }: GetCommandResultInput, ctx: ToolContext) {
    const body = await this.alpacon.get(target, `/api/events/commands/${command_id}/`, {
      signal: ctx.signal, resource: { what: 'Command', id: command_id },
    });
    const details = readCommand(body);
    const result = describeCommand(details, { output: await commandOutput(this.alpacon, target, details, { signal: ctx.signal }) });
    const exit = result.exit_code === null ? '' : `, exit ${result.exit_code}`;
    return reply(result, `Command ${command_id}: ${result.outcome} (${result.status}${exit}).`);
  }

  @Tool({
    name: 'list_commands',
    title: 'List commands',
    description: 'Recent commands of the workspace, newest first, with status and exit code (no output; get_command_result has it).',
    input: ListCommandsInput,
    annotations: Effects.read,
    searchHint: 'command history recent commands',
  })
  async listCommands({ server_id, limit = 20, ...target }: ListCommandsInput, ctx: ToolContext) {
    const found = await this.alpacon.collect<unknown>(target, '/api/events/commands/', limit, {
      signal: ctx.signal, query: { server: server_id, ordering: '-added_at' }, maxPages: 1,
    });
    const commands = found.items.map((item) => summarizeCommand(readCommand(item)));
    const more = found.truncated ? ` ${found.count - commands.length} older not shown; raise limit (max 100) or filter by server_id.` : '';
    return reply({ count: found.count, commands }, `${commands.length} of ${found.count} command(s).${more}`);
  }

  @Tool({
    name: 'execute_command_multi_server',
    aliases: {
      shell: acceptedOnly('shell', ['system'], 'commands run in the system shell'),
      parallel: { to: 'concurrency', convert: (parallel) => (parallel === false ? 1 : parallel === true ? undefined : parallel), note: 'false → concurrency 1 (one server at a time); true → the default concurrency' },
    },
    title: 'Run command on many servers',
    description:
      'Run one shell command on several servers at once and wait for each. One result per server (a failure on its own ' +
      'line); no command is ever submitted twice.',
    input: ExecuteCommandMultiServerInput,
    annotations: Effects.destructive,
    output: FAN_OUT_SCHEMA,
    searchHint: 'fleet fan-out parallel run command servers',
    commandFields: ['command'],
  })
  async executeCommandMultiServer(input: ExecuteCommandMultiServerInput, ctx: ToolContext) {
    const { server_ids, command, username, groupname, env, work_session_id, timeout = DEFAULT_TIMEOUT_S, concurrency = DEFAULT_CONCURRENCY } = input;
    const result = await runOnServers(
      this.alpacon, { workspace: input.workspace, region: input.region }, server_ids,
      { command, username, groupname, env, workSessionId: work_session_id }, { timeoutS: timeout, concurrency }, ctx,
    );
    return reply(result, summarizeFanOut(result));
  }
}
