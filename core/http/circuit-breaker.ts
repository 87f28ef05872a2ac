export interface CircuitBreakerOptions {
  /** Consecutive failures that open the circuit. */
  failureThreshold: number;
  /** How long it stays open before one trial request is let through. */
  cooldownMs: number;
  now?: () => number;
}

/** Per-host breaker: after repeated transport failures, fail fast instead of piling requests onto a dead host. */
export class CircuitBreaker {
  private failures = 0;
  private openedAt: number | undefined;
  private trialInFlight = false;
  private readonly now: () => number;

  constructor(private readonly options: CircuitBreakerOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Milliseconds until the next trial is allowed, or 0 when a request may go now. */
  retryInMs(): number {
    if (this.openedAt === undefined) return 0;
    const remaining = this.openedAt + this.options.cooldownMs - this.now();
    if (remaining > 0 || this.trialInFlight) return Math.max(remaining, 1);
    this.trialInFlight = true;
    return 0;
  }

  succeeded(): void {
    this.failures = 0;
    this.openedAt = undefined;
    this.trialInFlight = false;
  }

  failed(): void {
    this.failures += 1;
    this.trialInFlight = false;
    if (this.failures >= this.options.failureThreshold) this.openedAt = this.now();
  }
}

export class CircuitBreakers {
  private readonly byHost = new Map<string, CircuitBreaker>();
  constructor(private readonly options: CircuitBreakerOptions) {}

  for(host: string): CircuitBreaker {
    let breaker = this.byHost.get(host);
    if (!breaker) {
      breaker = new CircuitBreaker(this.options);
      this.byHost.set(host, breaker);
    }
    return breaker;
  }
}
