/** Seconds the waiting tools wait for a terminal status unless told otherwise, and at most. */
export const DEFAULT_TIMEOUT_S = 60;
export const MAX_TIMEOUT_S = 600;

/** execute_command_multi_server: requests to Alpacon in flight at once. */
export const DEFAULT_CONCURRENCY = 20;
export const MAX_CONCURRENCY = 100;

/** Polling cadence: first look soon (the sandbox finishes in milliseconds), then back off to a few seconds. */
export const FIRST_POLL_MS = 200;
export const POLL_GROWTH = 1.5;
export const MAX_POLL_MS = 3_000;

/** Output kept across all servers of one fan-out call; each server gets an equal share (at most the 64 KiB of one command). */
export const FAN_OUT_OUTPUT_BUDGET_BYTES = 256 * 1024;
export const MIN_OUTPUT_SHARE_BYTES = 1024;
