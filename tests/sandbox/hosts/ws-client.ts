import WebSocket from 'ws';

/** A tiny terminal client for tests: collects every byte the server sends and waits for patterns. */
export class TerminalClient {
  text = '';
  closeCode: number | undefined;
  private waiters: Array<() => void> = [];
  readonly closed: Promise<number>;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => {
      this.text += data.toString('utf8');
      this.notify();
    });
    this.closed = new Promise((resolve) => {
      ws.on('close', (code) => {
        this.closeCode = code;
        this.notify();
        resolve(code);
      });
    });
  }

  static open(url: string): Promise<TerminalClient> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, { headers: { Origin: 'http://127.0.0.1' } });
      const client = new TerminalClient(ws);
      ws.once('open', () => resolve(client));
      ws.once('error', reject);
      ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    });
  }

  send(text: string, binary = true): void {
    this.ws.send(Buffer.from(text), { binary });
  }

  /** Resolves with the text received so far once `pattern` matches it (from `from` on). */
  waitFor(pattern: RegExp | string, from = 0, timeoutMs = 5000): Promise<string> {
    const matches = () => {
      const slice = this.text.slice(from);
      return typeof pattern === 'string' ? slice.includes(pattern) : pattern.test(slice);
    };
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${String(pattern)}; got ${JSON.stringify(this.text.slice(from))}`)), timeoutMs);
      const check = () => {
        if (matches()) {
          clearTimeout(timer);
          this.waiters = this.waiters.filter((waiter) => waiter !== check);
          resolve(this.text.slice(from));
        } else if (this.closeCode !== undefined) {
          clearTimeout(timer);
          reject(new Error(`closed (${this.closeCode}) while waiting for ${String(pattern)}; got ${JSON.stringify(this.text.slice(from))}`));
        }
      };
      this.waiters.push(check);
      check();
    });
  }

  close(): void {
    this.ws.close();
  }

  private notify(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}

export type Json = Record<string, unknown>;

export async function api<T = Json>(base: string, token: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { Authorization: `token="${token}"`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: (text === '' ? undefined : JSON.parse(text)) as T };
}
