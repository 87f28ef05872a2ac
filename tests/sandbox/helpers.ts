import { startSandbox, type Sandbox, type SandboxOptions } from '../../sandbox/index.js';

export interface ApiResponse {
  status: number;
  headers: Headers;
  body: unknown;
}

/** A tiny fetch client for the sandbox tests (real HTTP on 127.0.0.1). */
export class TestClient {
  private readonly auth: string | undefined;

  constructor(readonly sandbox: Sandbox, auth: string | null = `token="${sandbox.token}"`) {
    this.auth = auth ?? undefined;
  }

  /** A client sending this Authorization header (null: none). */
  withAuth(auth: string | null): TestClient {
    return new TestClient(this.sandbox, auth);
  }

  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse> {
    const init: RequestInit = { method, headers: { ...headers } };
    const h = init.headers as Record<string, string>;
    if (this.auth !== undefined) h.Authorization = this.auth;
    if (body !== undefined) {
      h['Content-Type'] ??= 'application/json';
      init.body = typeof body === 'string' ? body : JSON.stringify(body);
    }
    const response = await fetch(`${this.sandbox.url}${path}`, init);
    const text = await response.text();
    let parsed: unknown = text;
    if (text !== '' && (response.headers.get('content-type') ?? '').includes('json')) parsed = JSON.parse(text) as unknown;
    return { status: response.status, headers: response.headers, body: text === '' ? undefined : parsed };
  }

  get(path: string) {
    return this.request('GET', path);
  }

  post(path: string, body?: unknown) {
    return this.request('POST', path, body);
  }

  patch(path: string, body?: unknown) {
    return this.request('PATCH', path, body);
  }

  delete(path: string) {
    return this.request('DELETE', path);
  }
}

export async function withSandbox(options: SandboxOptions = {}): Promise<{ sandbox: Sandbox; client: TestClient }> {
  const sandbox = await startSandbox(options);
  return { sandbox, client: new TestClient(sandbox) };
}

/** Narrows an unknown JSON body to a record for assertions. */
export function obj(value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`Expected an object, got ${JSON.stringify(value)}`);
  return value as Record<string, unknown>;
}

export function list(value: unknown): Record<string, unknown>[] {
  if (!Array.isArray(value)) throw new Error(`Expected an array, got ${JSON.stringify(value)}`);
  return value.map(obj);
}

export async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('waitFor timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
