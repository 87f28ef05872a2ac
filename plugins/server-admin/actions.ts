import {
  ALPACON,
  AlpaconClient,
  AlpaconMcpError,
  type AlpaconTarget,
  Effects,
  ErrorCode,
  inject,
  injectable,
  isAlpaconMcpError,
  reply,
  Tool,
  type ToolContext,
} from '../../core/index.js';
import { DisruptiveActionInput, ServerActionInput } from './dto.js';

// Action names: reboot_system, shutdown_system, upgrade_system, update_information from the official CLI;
// restart_agent, shutdown_agent, upgrade_agent from the Python MCP server only (endpoint unconfirmed by the CLI).
const AGENT_NOTE = ' Action name unconfirmed by the official CLI.';

/** Agent and system actions: POST `/api/servers/servers/{id}/actions/` `{action, force}`. */
@injectable()
export class ServerActionTools {
  constructor(@inject(ALPACON) private readonly alpacon: AlpaconClient) {}

  @Tool({
    name: 'reboot_system',
    title: 'Reboot server',
    description: 'Reboots the server OS; it reconnects by itself. Refused while users work on it unless force.',
    input: DisruptiveActionInput,
    annotations: Effects.destructive,
    searchHint: 'server reboot restart machine',
  })
  rebootSystem(input: DisruptiveActionInput, ctx: ToolContext) {
    return this.run(input, 'reboot_system', input.force, ctx);
  }

  @Tool({
    name: 'shutdown_system',
    title: 'Shut down server',
    description: 'Powers the server off; it stays offline until started by hand. Refused while users work on it unless force.',
    input: DisruptiveActionInput,
    annotations: Effects.destructive,
    searchHint: 'server shutdown power off halt',
  })
  shutdownSystem(input: DisruptiveActionInput, ctx: ToolContext) {
    return this.run(input, 'shutdown_system', input.force, ctx);
  }

  @Tool({
    name: 'upgrade_system',
    title: 'Upgrade server packages',
    description: 'Upgrades all OS packages (apt/yum); may take minutes. Refused while users work on it unless force.',
    input: DisruptiveActionInput,
    annotations: Effects.destructive,
    searchHint: 'system packages upgrade apt yum update all',
  })
  upgradeSystem(input: DisruptiveActionInput, ctx: ToolContext) {
    return this.run(input, 'upgrade_system', input.force, ctx);
  }

  @Tool({
    name: 'update_information',
    title: 'Refresh server information',
    description: 'Makes the agent re-collect hardware, OS and package info. Non-disruptive.',
    input: ServerActionInput,
    annotations: Effects.destructive,
    searchHint: 'refresh system info rescan hardware',
  })
  updateInformation(input: ServerActionInput, ctx: ToolContext) {
    return this.run(input, 'update_information', false, ctx);
  }

  @Tool({
    name: 'restart_agent',
    title: 'Restart agent',
    description: `Restarts the Alpacon agent (alpamon); the server is briefly offline.${AGENT_NOTE}`,
    input: DisruptiveActionInput,
    annotations: Effects.destructive,
    searchHint: 'reboot daemon service',
  })
  restartAgent(input: DisruptiveActionInput, ctx: ToolContext) {
    return this.run(input, 'restart_agent', input.force, ctx);
  }

  @Tool({
    name: 'shutdown_agent',
    title: 'Shut down agent',
    description: `Stops the Alpacon agent: remote access is lost until it is started on the host.${AGENT_NOTE}`,
    input: DisruptiveActionInput,
    annotations: Effects.destructive,
    searchHint: 'agent alpamon stop shutdown',
  })
  shutdownAgent(input: DisruptiveActionInput, ctx: ToolContext) {
    return this.run(input, 'shutdown_agent', input.force, ctx);
  }

  @Tool({
    name: 'upgrade_agent',
    title: 'Upgrade agent',
    description: `Upgrades the Alpacon agent to the latest version; it restarts briefly.${AGENT_NOTE}`,
    input: DisruptiveActionInput,
    annotations: Effects.destructive,
    searchHint: 'agent alpamon upgrade version',
  })
  upgradeAgent(input: DisruptiveActionInput, ctx: ToolContext) {
    return this.run(input, 'upgrade_agent', input.force, ctx);
  }

  private async run({ server_id, workspace, region }: ServerActionInput, action: string, force = false, ctx: ToolContext) {
    const target: AlpaconTarget = { workspace, region };
    try {
      const result = await this.alpacon.post(target, `/api/servers/servers/${server_id}/actions/`, { action, force }, {
        resource: { what: 'Server', id: server_id },
        signal: ctx.signal,
      });
      return reply(result ?? { action, server_id }, `${action} requested on ${server_id}${force ? ' (forced)' : ''}.`);
    } catch (error) {
      if (isAlpaconMcpError(error) && error.code === ErrorCode.ServerBusy) throw busyError(error, action, force);
      throw error;
    }
  }
}

/** Names the exact retry (force) and its cost, or says that even force did not help. */
function busyError(error: AlpaconMcpError, action: string, force: boolean): AlpaconMcpError {
  const hint = force
    ? 'Still busy despite force; retry when the server is idle.'
    : `Retry later when idle, or call ${action} again with force: true ONLY if interrupting the users' open Websh/WebFTP sessions ` +
      'and running commands is acceptable (ask the user first).';
  return new AlpaconMcpError(ErrorCode.ServerBusy, error.message, { hint, status: error.status, apiCode: error.apiCode, details: { action, force } });
}
