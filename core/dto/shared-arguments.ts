/**
 * Arguments many tools take with one meaning, each explained once in the server instructions. A published input schema
 * leaves out a description that is exactly this text (tools/list would otherwise repeat it in dozens of tools); a DTO that
 * means something else by the same name (a filter, say) writes its own description, which is published.
 */
export const SHARED_ARGUMENTS = {
  server_id: 'UUIDs from list_servers; never guess them',
  server_ids: 'UUIDs from list_servers; never guess them',
  command: 'a shell command line',
  work_session_id: 'only where the workspace requires a work session',
  username: 'the Linux user to act as on the server (default: yours) and its group (default: chosen by the service, unconfirmed)',
  groupname: 'the Linux user to act as on the server (default: yours) and its group (default: chosen by the service, unconfirmed)',
  user_id: 'from list_iam_users',
  group_id: 'from list_iam_groups',
  page: 'list paging (page from 1; page_size default 20)',
  page_size: 'list paging (page from 1; page_size default 20)',
  fields: 'more item fields in a list (["*"]: all; default a summary)',
  start_date: 'a time range, ISO 8601; end_date defaults to now, start_date to 24 h before end_date',
  end_date: 'a time range, ISO 8601; end_date defaults to now, start_date to 24 h before end_date',
} as const satisfies Record<string, string>;

/** workspace and region: the instructions' first line explains them (naming the default workspace when there is one). */
export const CONNECTION_ARGUMENTS = {
  workspace: 'Workspace (see list_workspaces)',
  region: 'Region (default: the workspace\'s)',
} as const satisfies Record<string, string>;

/** True when the property's description only repeats what the instructions say of this argument (core's or the plugin's). */
export function isSharedDescription(name: string, description: unknown, plugin: Readonly<Record<string, string>> = {}): boolean {
  return [SHARED_ARGUMENTS, CONNECTION_ARGUMENTS, plugin].some(
    (shared: Readonly<Record<string, string>>) => Object.hasOwn(shared, name) && shared[name] === description,
  );
}

/** The arguments as the instructions explain them: one entry per meaning, naming every argument that has it. */
export function explainSharedArguments(shared: Readonly<Record<string, string>> = SHARED_ARGUMENTS): string[] {
  const byText = new Map<string, string[]>();
  for (const [name, text] of Object.entries(shared)) byText.set(text, [...(byText.get(text) ?? []), name]);
  return [...byText].map(([text, names]) => `${names.join(', ')}: ${text}`);
}
