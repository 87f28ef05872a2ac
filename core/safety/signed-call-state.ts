import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { AlpaconMcpError, ErrorCode } from '../errors/index.js';

/** One secret per process: state minted here verifies only here (a restart or another replica asks again). */
const PROCESS_SECRET = randomBytes(32);
const VERSION = 1;

/** What a piece of state is bound to: the call it was minted for and who made it. */
export interface CallBinding {
  tool: string;
  /** The validated arguments (after defaults), compared in canonical form. */
  args: object;
  /** The caller's identity (stdio connection, or the HTTP credential's hash). */
  caller: string;
}

interface Payload {
  v: number;
  tool: string;
  /** SHA-256 of the canonical arguments: binds them without putting them (or their secrets) in the client's hands. */
  args: string;
  caller: string;
  nonce: string;
  exp: number;
}

/**
 * Request state a client must echo back (2026-07-28 multi round-trip requests), signed with HMAC-SHA256 under a per-process
 * secret and bound to the tool, the canonical arguments, the caller and a short expiry. Each state is accepted once.
 * The state is attacker-controlled input on its way back: every check fails with a stable code, never with the reason
 * leaking which part differed.
 */
export class SignedCallState {
  private readonly used = new Map<string, number>();

  constructor(
    private readonly options: { ttlMs: number; now?: () => number; secret?: Buffer } = { ttlMs: 300_000 },
  ) {}

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  mint(binding: CallBinding): string {
    const payload: Payload = {
      v: VERSION,
      tool: binding.tool,
      args: digest(canonicalJson(binding.args)),
      caller: digest(binding.caller),
      nonce: randomBytes(16).toString('base64url'),
      exp: this.now() + this.options.ttlMs,
    };
    const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
    return `${body}.${this.sign(body)}`;
  }

  /** Verifies the state for this call and consumes it; throws confirmation_invalid / _expired / _replayed. */
  consume(state: string, binding: CallBinding): void {
    const payload = this.open(state);
    const matches =
      payload.tool === binding.tool && payload.args === digest(canonicalJson(binding.args)) && payload.caller === digest(binding.caller);
    if (!matches) throw invalid('was issued for a different call or caller');
    const now = this.now();
    this.forgetExpired(now);
    if (payload.exp <= now) {
      throw new AlpaconMcpError(ErrorCode.ConfirmationExpired, 'The confirmation expired before it was answered; nothing was done.', {
        hint: 'Call the tool again to ask the user anew.',
      });
    }
    if (this.used.has(payload.nonce)) {
      throw new AlpaconMcpError(ErrorCode.ConfirmationReplayed, 'This confirmation was already used; nothing was done.', {
        hint: 'Each confirmation answers one call. Call the tool again to ask the user anew.',
      });
    }
    this.used.set(payload.nonce, payload.exp);
  }

  private open(state: string): Payload {
    const [body, signature, ...rest] = state.split('.');
    if (!body || !signature || rest.length > 0) throw invalid('is malformed');
    const expected = Buffer.from(this.sign(body));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid('does not carry this server\'s signature');
    let payload: Partial<Payload>;
    try {
      payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Partial<Payload>;
    } catch {
      throw invalid('is malformed');
    }
    const shaped = typeof payload === 'object' && payload !== null && typeof payload.tool === 'string' && typeof payload.args === 'string' &&
      typeof payload.caller === 'string' && typeof payload.nonce === 'string' && typeof payload.exp === 'number';
    if (!shaped || payload.v !== VERSION) throw invalid('has an unknown version or shape');
    return payload as Payload;
  }

  private sign(body: string): string {
    return createHmac('sha256', this.options.secret ?? PROCESS_SECRET).update(`alpacon-mcp/call-state.${body}`).digest('base64url');
  }

  private forgetExpired(now: number): void {
    for (const [nonce, exp] of this.used) if (exp <= now) this.used.delete(nonce);
  }
}

function invalid(why: string): AlpaconMcpError {
  return new AlpaconMcpError(ErrorCode.ConfirmationInvalid, 'The confirmation state sent back is not valid for this call; nothing was done.', {
    hint: 'Call the tool again without request state to ask the user anew.',
    details: { reason: why },
  });
}

function digest(text: string): string {
  return createHash('sha256').update(text).digest('base64url');
}

/** JSON with object keys sorted at every level, so equal arguments give equal text whatever their order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
