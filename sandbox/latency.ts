/**
 * How long a real Alpacon workspace takes where the sandbox answers at once. The pool's advantage (and anything else that
 * saves round trips) is only meaningful under these; `startSandbox({ latency: REAL_WORKSPACE_LATENCY })` applies them.
 */
export interface LatencyProfile {
  /** Added before every REST answer: one round trip on a kept-alive connection plus the API's own work. */
  restMs: number;
  /** Added before every WebSocket upgrade is accepted: the new connection's handshakes. */
  wsHandshakeMs: number;
  /** From the upgrade until a new Websh terminal answers (its first prompt); input sent earlier waits. */
  terminalReadyMs: number;
}

export const NO_LATENCY: LatencyProfile = { restMs: 0, wsHandshakeMs: 0, terminalReadyMs: 0 };

/**
 * A user in the same region as the workspace (ap1 from Korea, us1 from the US, ...), a server in a data centre.
 *
 * - Round trip (RTT) 30 ms: same-continent Internet round trips are tens of milliseconds (Martínez, Hernández, Reviriego,
 *   Reinheimer, "Round Trip Time (RTT) Delay in the Internet: Analysis and Trends", arXiv:2301.07788, 2023); 30 ms is the
 *   low end for a home or office line to a cloud region, so the pool's measured advantage is not flattered.
 * - REST 50 ms = 1 RTT (the client keeps its HTTPS connection alive) + 20 ms for the API itself (a Django REST view with a
 *   database query or two; alpacon-server's `api/` is Django REST framework).
 * - WebSocket 90 ms = 3 RTT for a new connection: TCP (1), TLS 1.3 (1, RFC 8446 §2) and the HTTP Upgrade (1, RFC 6455 §4).
 *   Websh URLs are single-use, so every new session pays it (alpacon-cli `api/websh/websh.go` dials each session's URL).
 * - Terminal ready 150 ms: the server asks alpamon to open a PTY over its control channel (alpamon
 *   `pkg/executor/handlers/terminal/terminal.go`, `openpty`: 1 RTT server→agent), alpamon dials the session back
 *   (`pkg/runner/pty.go`: 3 RTT for TCP + TLS + Upgrade) and starts the shell (~20 ms for a login shell): 4 × 30 + 20 + slack.
 *
 * These are estimates from the protocol round trips, not measurements of alpacon.io; change them with the
 * profile object (`startSandbox({ latency })`) to match your own workspace.
 */
export const REAL_WORKSPACE_LATENCY: LatencyProfile = { restMs: 50, wsHandshakeMs: 90, terminalReadyMs: 150 };
