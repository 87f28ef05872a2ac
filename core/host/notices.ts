/** A warning the person using the MCP client should see (a skipped plugin), not only the operator reading stderr. */
export interface Notice {
  message: string;
  fields?: Record<string, unknown>;
}

/** Start-up warnings kept for MCP clients, which get them as `notifications/message` (MCP logging). */
export class Notices {
  private readonly items: Notice[] = [];

  add(notice: Notice): void {
    this.items.push(notice);
  }

  list(): readonly Notice[] {
    return this.items;
  }
}
