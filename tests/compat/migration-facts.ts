import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { aliasRule, type ArgumentAliases } from '../../core/registry/argument-aliases.js';
import { PROJECT_ROOT } from '../helpers/spawn-server.js';

/** One tool of the Python alpacon-mcp server, as scripts/python-tools.py lists it (tests/fixtures/python-tools.json). */
export interface PythonTool {
  name: string;
  module: string;
  params: { name: string; required: boolean; default?: string }[];
  meta: Record<string, unknown>;
}

/** What a tool here offers, from tools/list and the registry. */
export interface OurTool {
  name: string;
  properties: string[];
  required: string[];
  aliases: ArgumentAliases;
}

export async function pythonTools(): Promise<PythonTool[]> {
  return JSON.parse(await readFile(path.join(PROJECT_ROOT, 'tests', 'fixtures', 'python-tools.json'), 'utf8')) as PythonTool[];
}

/**
 * Why a Python tool or argument has no counterpart here, keyed `tool.argument` (or `*.argument`). Every gap needs a reason: the
 * test fails on a gap without one, so docs/migrating.md never hides one.
 */
export const GAP_REASONS: Readonly<Record<string, string>> = {
  '*.service_token_id':
    'service tokens (IAM application tokens) are not modelled here: the ACL tools manage API tokens (`token_id`, or `api_token_id`)',
  'create_api_token.enabled': 'not offered on create (a new token is enabled); disable it afterwards with update_api_token `enabled: false`',
  'create_api_token.presets': 'the token presets catalogue is not implemented here; give `scopes`',
  'list_api_tokens.name': 'list filters are not implemented here; list_api_tokens pages through all of your tokens',
  'list_api_tokens.enabled': 'list filters are not implemented here; list_api_tokens pages through all of your tokens',
  'list_api_tokens.remote_ip': 'list filters are not implemented here; list_api_tokens pages through all of your tokens',
  'list_api_tokens.search': 'list filters are not implemented here; list_api_tokens pages through all of your tokens',
  'list_api_tokens.ordering': 'list filters are not implemented here; list_api_tokens pages through all of your tokens',
  'create_registration_token.description':
    'neither alpacon-cli (api/server) nor the 2024 server\'s model has a description on registration tokens (the Python server sent one; unconfirmed)',
  'update_server.description':
    'neither alpacon-cli (api/server) nor the 2024 server\'s Server model has a description (the Python server sent one; unconfirmed)',
  'execute_command.env':
    'execute_command here runs over Websh (a shell session, no per-command environment); execute_command_sync (command API) takes `env`',
  'execute_command.data': 'no stdin for a command here (Websh session or command API)',
  'execute_command.run_after': 'command dependency chains are not offered here',
  'execute_command.scheduled_at': 'scheduled commands are not offered here',
  'webftp_download_file.local_file_path (required)':
    'required, as the Python server requires it in local (stdio) mode; its remote mode (no local path) does not exist here',
};

/** A missing Python tool: the 27 the issue names are being added (issue 15); any other needs its own reason above. */
export const MISSING_TOOL_REASON = 'no counterpart yet (issue 15 adds the Python server\'s missing tools)';

export interface Gap {
  tool: string;
  argument?: string;
  reason: string | undefined;
}

/** Python tools and arguments a prompt could use that are not accepted here (neither as an argument nor as an alias). */
export function gaps(python: readonly PythonTool[], ours: ReadonlyMap<string, OurTool>): Gap[] {
  const out: Gap[] = [];
  const reason = (tool: string, key: string) => GAP_REASONS[`${tool}.${key}`] ?? GAP_REASONS[`*.${key}`];
  for (const py of python) {
    const tool = ours.get(py.name);
    if (!tool) {
      out.push({ tool: py.name, reason: MISSING_TOOL_REASON });
      continue;
    }
    const accepted = new Set([...tool.properties, ...Object.keys(tool.aliases)]);
    for (const param of py.params) {
      if (!accepted.has(param.name)) out.push({ tool: py.name, argument: param.name, reason: reason(py.name, param.name) });
    }
    // An argument required here that the Python call may leave out, unless a Python argument (an alias) supplies it.
    const suppliedByAlias = new Set(Object.entries(tool.aliases).map(([name, rule]) => (aliasRule(rule).to ?? name).split('.')[0]));
    for (const required of tool.required) {
      const py_ = py.params.find((p) => p.name === required);
      if ((py_ && !py_.required) || (!py_ && !suppliedByAlias.has(required))) {
        out.push({ tool: py.name, argument: `${required} (required)`, reason: reason(py.name, `${required} (required)`) });
      }
    }
  }
  return out;
}
