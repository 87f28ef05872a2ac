import { acceptedOnly, Effects, inject, injectable, reply, Tool, type ToolContext } from '../../core/index.js';
import type { CommandResult } from './connection.js';
import { ExecuteBatchInput, ExecuteCommandInput } from './dto.js';
import type { PoolRequest } from './pool.js';
import { BATCH_OUTPUT, batchData, COMMAND_OUTPUT, summarizeBatch, summarizeOne } from './schemas.js';
import { WebshService } from './service.js';

/** Pooled (recommended) and one-shot command tools. */
@injectable()
export class WebshCommandTools {
  constructor(@inject(WebshService) private readonly websh: WebshService) {}

  @Tool({
    name: 'execute_command',
    aliases: { shell: acceptedOnly('shell', ['system'], 'Websh runs the server\'s login shell') },
    alwaysLoad: true,
    title: 'Run a command (Websh, pooled)',
    description:
      'Run a shell command on a server via Websh (no command ACL needed): output, exit_code, duration_ms. Pooled connection: fast, cd/variables persist.',
    input: ExecuteCommandInput,
    commandFields: ['command'],
    annotations: Effects.destructive,
    output: COMMAND_OUTPUT,
    searchHint: 'run shell command websh exec output exit code',
  })
  async executeCommand(input: ExecuteCommandInput, ctx: ToolContext) {
    const run = await this.websh.pool.run(this.request(input, ctx), [input.command]);
    const result = run.results[0] as CommandResult;
    return reply({ server_id: input.server_id, session_id: run.sessionId, ...result }, summarizeOne(result));
  }

  @Tool({
    name: 'execute_command_batch',
    title: 'Run commands in order (Websh, pooled)',
    description:
      'Run commands in order in one Websh shell on a server (cd/variables persist); one result each. A timeout or drop stops the batch.',
    input: ExecuteBatchInput,
    commandFields: ['commands'],
    annotations: Effects.destructive,
    output: BATCH_OUTPUT,
    searchHint: 'run several shell commands script sequence websh',
  })
  async executeBatch(input: ExecuteBatchInput, ctx: ToolContext) {
    const run = await this.websh.pool.run(this.request(input, ctx), input.commands, input.stop_on_error ?? false);
    const data = batchData(input.server_id, run.sessionId, input.commands, run.results);
    return reply(data, summarizeBatch(data));
  }

  @Tool({
    name: 'websh_websocket_execute',
    title: 'Run in a new Websh session',
    description: 'Run a command in a fresh Websh session, closed afterwards. Slower than execute_command; for a clean shell.',
    input: ExecuteCommandInput,
    commandFields: ['command'],
    annotations: Effects.destructive,
    output: COMMAND_OUTPUT,
    searchHint: 'one-shot websh command fresh shell',
  })
  async websocketExecute(input: ExecuteCommandInput, ctx: ToolContext) {
    const run = await this.websh.oneShot(this.request(input, ctx), [input.command]);
    const result = run.results[0] as CommandResult;
    return reply({ server_id: input.server_id, session_id: run.sessionId, ...result }, summarizeOne(result));
  }

  @Tool({
    name: 'websh_websocket_batch_execute',
    title: 'Run commands in a new Websh session',
    description: 'Run commands in order in a fresh Websh session, closed afterwards; one result each.',
    input: ExecuteBatchInput,
    commandFields: ['commands'],
    annotations: Effects.destructive,
    output: BATCH_OUTPUT,
    searchHint: 'one-shot websh several commands fresh shell',
  })
  async websocketBatchExecute(input: ExecuteBatchInput, ctx: ToolContext) {
    const run = await this.websh.oneShot(this.request(input, ctx), input.commands, input.stop_on_error ?? false);
    const data = batchData(input.server_id, run.sessionId, input.commands, run.results);
    return reply(data, summarizeBatch(data));
  }

  private request(input: ExecuteCommandInput | ExecuteBatchInput, ctx: ToolContext): PoolRequest {
    return {
      owner: ctx.owner,
      target: { workspace: input.workspace, region: input.region },
      serverId: input.server_id,
      username: input.username,
      groupname: input.groupname,
      workSession: input.work_session_id,
      timeoutMs: this.websh.timeoutMs(input.timeout),
      signal: ctx.signal,
    };
  }
}
