import { mulberry32 } from '../world/prng.js';

export type FaultKind = 'latency' | 'error5xx' | 'rate429' | 'reset' | 'timeout';

/** One fault rule. Without `rate` it hits every matching request; without `count` it never runs out. */
export interface FaultRule {
  kind: FaultKind;
  /** Probability 0..1 that a matching request is hit (seeded, deterministic). Default 1. */
  rate?: number;
  /** Added latency in ms (kind `latency`). */
  ms?: number;
  /** Status for `error5xx` (default 503). */
  status?: number;
  /** `Retry-After` seconds for `rate429` (default 1). */
  retryAfter?: number;
  method?: string;
  pathPrefix?: string;
  /** Only the next N matching requests are hit. */
  count?: number;
}

/** WebSocket faults (read by the Websh module). */
export interface WsFaults {
  /** Drop (terminate) each WebSocket after this many messages sent by the server. */
  dropAfterMessages?: number;
}

/** Presigned object-store faults (read by the WebFTP module). */
export interface S3Faults {
  /** Throttle transfers to this many bytes per second. */
  bytesPerSecond?: number;
  /** Destroy the socket after this many bytes of a transfer. */
  failAfterBytes?: number;
  /** Answer object-store requests with this 5xx status. */
  error5xx?: number;
  /** Largest object accepted (default 2 GiB → 413). */
  maxObjectBytes?: number;
  /** Lifetime of newly issued presigned URLs in seconds (default 3600; 0 = already expired). */
  urlExpiresSeconds?: number;
  /** Answer the next N object GETs with a 307 to the same URL (as a store in another region may). */
  redirectGets?: number;
  [extra: string]: number | undefined;
}

/**
 * Observers of the object store's byte streams (tests of backpressure): called synchronously as each chunk of a PUT body
 * reaches the store (after any throttle) and as each chunk of a GET is handed to the socket; `total` counts from 0.
 */
export interface S3Taps {
  onPutBytes?: (key: string, total: number) => void;
  onGetBytes?: (key: string, total: number) => void;
}

export type FaultAction =
  | { kind: 'none' }
  | { kind: 'error5xx'; status: number }
  | { kind: 'rate429'; retryAfter: number }
  | { kind: 'reset' }
  | { kind: 'timeout' };

export interface FaultDecision {
  latencyMs: number;
  action: FaultAction;
}

interface ActiveRule extends FaultRule {
  id: number;
}

/** Fault injection switchable at runtime. Rules are checked in the order added; the first action wins. */
export class FaultController {
  readonly ws: WsFaults = {};
  readonly s3: S3Faults = {};
  readonly s3Taps: S3Taps = {};
  private rules: ActiveRule[] = [];
  private nextId = 1;
  private random: () => number;

  constructor(private readonly seed = 42) {
    this.random = mulberry32(seed ^ 0x5eed);
  }

  /** Adds a rule; returns its id for `remove`. */
  add(rule: FaultRule): number {
    const id = this.nextId++;
    this.rules.push({ ...rule, id });
    return id;
  }

  remove(id: number): void {
    this.rules = this.rules.filter((r) => r.id !== id);
  }

  /** True while any HTTP rule is set (most requests meet none, and skip `decide`). */
  get active(): boolean {
    return this.rules.length > 0;
  }

  /** Removes every rule and the WebSocket / S3 faults, and reseeds the fault PRNG. */
  clear(): void {
    this.rules = [];
    for (const key of Object.keys(this.ws)) delete this.ws[key as keyof WsFaults];
    for (const key of Object.keys(this.s3)) delete this.s3[key];
    delete this.s3Taps.onPutBytes;
    delete this.s3Taps.onGetBytes;
    this.random = mulberry32(this.seed ^ 0x5eed);
  }

  list(): FaultRule[] {
    return this.rules.map(({ id: _id, ...rule }) => rule);
  }

  /** Applies the short form used by the CLI: `{latency: 50, error5xx: 0.1, rate429: 0.05}`. */
  configure(config: FaultConfig): void {
    if (config.latency !== undefined) this.add({ kind: 'latency', ms: config.latency });
    if (config.error5xx !== undefined) this.add({ kind: 'error5xx', rate: config.error5xx });
    if (config.rate429 !== undefined) this.add({ kind: 'rate429', rate: config.rate429, retryAfter: config.retryAfter });
    if (config.reset !== undefined) this.add({ kind: 'reset', rate: config.reset });
    if (config.timeout !== undefined) this.add({ kind: 'timeout', rate: config.timeout });
    if (config.wsDropAfter !== undefined) this.ws.dropAfterMessages = config.wsDropAfter;
    if (config.s3BytesPerSecond !== undefined) this.s3.bytesPerSecond = config.s3BytesPerSecond;
    if (config.s3FailAfterBytes !== undefined) this.s3.failAfterBytes = config.s3FailAfterBytes;
    if (config.s3Error5xx !== undefined) this.s3.error5xx = config.s3Error5xx;
  }

  /** Decides what happens to one request; consumes `count` and PRNG draws of matching rules. */
  decide(method: string, path: string): FaultDecision {
    let latencyMs = 0;
    let action: FaultAction = { kind: 'none' };
    for (const rule of [...this.rules]) {
      if (rule.method !== undefined && rule.method.toUpperCase() !== method.toUpperCase()) continue;
      if (rule.pathPrefix !== undefined && !path.startsWith(rule.pathPrefix)) continue;
      if (rule.kind !== 'latency' && action.kind !== 'none') continue;
      if (rule.rate !== undefined && this.random() >= rule.rate) continue;
      if (rule.count !== undefined) {
        rule.count -= 1;
        if (rule.count <= 0) this.remove(rule.id);
      }
      if (rule.kind === 'latency') latencyMs += rule.ms ?? 0;
      else if (rule.kind === 'error5xx') action = { kind: 'error5xx', status: rule.status ?? 503 };
      else if (rule.kind === 'rate429') action = { kind: 'rate429', retryAfter: rule.retryAfter ?? 1 };
      else action = { kind: rule.kind };
    }
    return { latencyMs, action };
  }
}

/** Short fault configuration, as parsed from `--faults latency=50,error5xx=0.1,...`. */
export interface FaultConfig {
  latency?: number;
  error5xx?: number;
  rate429?: number;
  retryAfter?: number;
  reset?: number;
  timeout?: number;
  wsDropAfter?: number;
  s3BytesPerSecond?: number;
  s3FailAfterBytes?: number;
  s3Error5xx?: number;
}

const FAULT_KEYS: readonly (keyof FaultConfig)[] = [
  'latency', 'error5xx', 'rate429', 'retryAfter', 'reset', 'timeout', 'wsDropAfter', 's3BytesPerSecond', 's3FailAfterBytes', 's3Error5xx',
];

export function parseFaults(text: string): FaultConfig {
  const config: FaultConfig = {};
  for (const part of text.split(',').map((p) => p.trim()).filter((p) => p !== '')) {
    const [key, value] = part.split('=');
    if (!(FAULT_KEYS as readonly string[]).includes(key)) {
      throw new Error(`Unknown fault "${key}". Known: ${FAULT_KEYS.join(', ')}`);
    }
    const number = Number(value);
    if (value === undefined || value === '' || !Number.isFinite(number) || number < 0) {
      throw new Error(`Fault "${key}" needs a non-negative number, got "${value ?? ''}"`);
    }
    config[key as keyof FaultConfig] = number;
  }
  return config;
}
