/** The four MCP tool annotations, always all set. */
export interface ToolEffects {
  readOnly: boolean;
  destructive: boolean;
  idempotent: boolean;
  openWorld: boolean;
}

/** Presets so that every tool states its effects in one word, and the four hints stay consistent. */
export const Effects = {
  /** Reads from Alpacon. */
  read: { readOnly: true, destructive: false, idempotent: true, openWorld: true },
  /** Reads only local state (config, token store). */
  localRead: { readOnly: true, destructive: false, idempotent: true, openWorld: false },
  /** Creates something new; nothing existing changes. */
  create: { readOnly: false, destructive: false, idempotent: false, openWorld: true },
  /** Changes something that exists; repeating it with the same arguments has no further effect. */
  update: { readOnly: false, destructive: true, idempotent: true, openWorld: true },
  /** Deletes, runs commands, or otherwise changes a server or the workspace irreversibly. */
  destructive: { readOnly: false, destructive: true, idempotent: false, openWorld: true },
} as const satisfies Record<string, ToolEffects>;
