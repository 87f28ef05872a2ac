import type { Transport, Server } from '@modelcontextprotocol/server';

interface Session {
  transport: Transport;
  server: Server;
  lastSeen: number;
}

/** Live MCP sessions by id, with idle reaping. */
export class SessionTable {
  private readonly sessions = new Map<string, Session>();
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly idleMs: number, private readonly now: () => number = Date.now) {
    this.timer = setInterval(() => void this.reap(), Math.max(50, Math.min(idleMs / 4, 60_000)));
    this.timer.unref();
  }

  get size(): number {
    return this.sessions.size;
  }

  add(id: string, transport: Transport, server: Server): void {
    this.sessions.set(id, { transport, server, lastSeen: this.now() });
  }

  /** The session's transport, marking it as used now. */
  touch(id: string): Transport | undefined {
    const session = this.sessions.get(id);
    if (session) session.lastSeen = this.now();
    return session?.transport;
  }

  forget(id: string): void {
    this.sessions.delete(id);
  }

  async reap(): Promise<number> {
    const cutoff = this.now() - this.idleMs;
    const idle = [...this.sessions.entries()].filter(([, s]) => s.lastSeen < cutoff);
    await Promise.all(idle.map(([id]) => this.end(id)));
    return idle.length;
  }

  async closeAll(): Promise<void> {
    clearInterval(this.timer);
    await Promise.all([...this.sessions.keys()].map((id) => this.end(id)));
  }

  /** Closes one session (its transport and server). */
  async end(id: string): Promise<void> {
    const session = this.sessions.get(id);
    if (!session) return;
    this.sessions.delete(id);
    await session.transport.close().catch(() => undefined);
    await session.server.close().catch(() => undefined);
  }
}
