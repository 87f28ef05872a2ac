import { injectable, Prompt } from '../../core/index.js';
import { RolloutPromptInput, ServerPromptInput } from './dto.js';

const where = (args: { workspace?: string; region?: string }) =>
  args.workspace ? ` in workspace "${args.workspace}"${args.region ? ` (region ${args.region})` : ''}` : '';

/** Runbooks as prompts: each names the tools to use, in order, and where to stop and ask. */
@injectable()
export class RunbookPrompts {
  @Prompt({
    name: 'diagnose_slow_server',
    title: 'Diagnose a slow server',
    description: 'Metrics, then the top processes through a command, then recent events; ends with findings and proposals.',
    input: ServerPromptInput,
  })
  diagnoseSlowServer(args: ServerPromptInput): string {
    return [
      `Diagnose why server ${args.server_id}${where(args)} is slow. Change nothing on the server.`,
      '1. get_server for the basics (OS, cores, memory, connection). If it is disconnected, stop and say so.',
      '2. get_server_metrics_summary with hours=6: note CPU, memory and disk against the verdict thresholds.',
      '3. Look at the busiest resource with read-only commands through execute_command (Websh): `uptime`, `ps aux --sort=-%cpu | head -15`, `ps aux --sort=-%mem | head -10`, `free -m`, `df -h`, and `iostat -x 1 3` or `vmstat 1 5` when disk or CPU wait is high.',
      '4. list_events for the server (limit 20) to find restarts, alerts or deployments that line up with the slowdown.',
      '5. Report: the likely cause with the evidence (numbers, process names, times), and proposed fixes ranked by risk. Do not run any fix without an explicit yes.',
    ].join('\n');
  }

  @Prompt({
    name: 'audit_server_access',
    title: 'Audit who can reach a server',
    description: 'Owner and groups, IAM members, Linux login users, open Websh sessions and recent commands of one server.',
    input: ServerPromptInput,
  })
  auditServerAccess(args: ServerPromptInput): string {
    return [
      `Audit who can reach server ${args.server_id}${where(args)}. Read only: change nothing.`,
      '1. get_server: owner and the IAM groups the server belongs to.',
      '2. list_iam_groups and list_iam_users: the members of those groups, with staff/superuser flags.',
      '3. list_system_users with login_enabled=true: Linux accounts that can log in on the host.',
      '4. websh_sessions_list for the server: who has open shell sessions now.',
      '5. list_commands for the server (limit 20): who ran what recently.',
      '6. Report a table of people and accounts with their path of access (group, Linux account, open session), and flag anything unexpected: shared accounts, superusers without need, stale sessions.',
    ].join('\n');
  }

  @Prompt({
    name: 'safe_fleet_rollout',
    title: 'Roll out a command to a fleet safely',
    description: 'Dry list of targets, confirmation, one canary server, then the rest, stopping at the first failure.',
    input: RolloutPromptInput,
  })
  safeFleetRollout(args: RolloutPromptInput): string {
    return [
      `Roll out this command${where(args)}: \`${args.command}\``,
      `1. Dry run: list_servers${args.server_filter ? ` with search="${args.server_filter}"` : ''} (page through all pages). Show the target list (name, id, connected) and leave out disconnected servers. Ask the user to confirm the list and the command; stop here without a clear yes.`,
      '2. Canary: run the command on ONE target with execute_command_sync. Show its exit code and output. If it failed (non-zero exit code, error, or output that looks wrong), stop and report.',
      '3. Ask the user whether to continue to the rest.',
      '4. Rest: execute_command_multi_server with the remaining server_ids (concurrency 10). Never resubmit to a server that already has a result line.',
      '5. Report per server: exit code and a one-line output summary; list failures first with what to do about them.',
    ].join('\n');
  }
}
