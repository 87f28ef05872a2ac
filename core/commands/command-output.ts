import { AlpaconMcpError, CancelledError, ErrorCode } from '../errors/index.js';
import type { AlpaconClient, AlpaconTarget } from '../http/index.js';
import { sleepOrCancel } from '../time/sleep.js';
import type { CommandDetails } from './command-details.js';

/** One piece of a command's output (CLI `api/event/chunks.go` Chunk): seq from 0. */
export interface Chunk {
  seq: number;
  content: string;
}

export interface CommandOutput {
  text: string;
  /** Seqs below the highest one seen that never arrived: the output has holes there. */
  missing_seqs: number[];
  /** The chunks could not be read (the output shown is `result`, possibly empty). */
  error?: string;
  /** The chunks it was made of (none when it came from `result`). */
  chunks?: Chunk[];
}

/** Chunk reads worth repeating (the client has already retried each GET); anything else means "no chunks here". */
const TRANSIENT: ReadonlySet<string> = new Set([ErrorCode.Unavailable, ErrorCode.Timeout, ErrorCode.Network, ErrorCode.RateLimited, ErrorCode.CircuitOpen]);
const REREAD_DELAYS_MS = [300, 900] as const;

/** Back-fill of missing seqs: waits before each re-fetch (the CLI's gap fill also backs off from 300 ms). */
export const GAP_FILL_DELAYS_MS = [300, 600, 1200] as const;
const MAX_CHUNK_PAGES = 1000;

export interface ChunkReadOptions {
  signal: AbortSignal;
  /** Runs each request inside a shared budget (a fan-out's limiter). */
  limiter?: { run<T>(task: () => Promise<T>, signal: AbortSignal): Promise<T> };
}

/**
 * Chunks with seq in [from, to] (to omitted = no bound), every page, sorted by seq and without duplicates
 * (CLI `getCommandChunks`: `seq__gte`, `seq__lte` only when bounded, `ordering=seq`, sorted defensively).
 */
export async function readChunks(
  alpacon: AlpaconClient, target: AlpaconTarget, commandId: string, from: number, to: number | undefined, options: ChunkReadOptions,
): Promise<Chunk[]> {
  const read = () => alpacon.collect<unknown>(target, `/api/events/commands/${commandId}/chunks/`, Number.MAX_SAFE_INTEGER, {
    signal: options.signal, maxPages: MAX_CHUNK_PAGES,
    query: { seq__gte: from, ...(to === undefined ? {} : { seq__lte: to }), ordering: 'seq' },
  });
  const found = options.limiter ? await options.limiter.run(read, options.signal) : await read();
  const bySeq = new Map<number, string>();
  for (const item of found.items) {
    if (typeof item !== 'object' || item === null) continue;
    const { seq, content } = item as { seq?: unknown; content?: unknown };
    if (typeof seq === 'number' && Number.isInteger(seq) && typeof content === 'string' && !bySeq.has(seq)) bySeq.set(seq, content);
  }
  return [...bySeq].map(([seq, content]) => ({ seq, content })).sort((a, b) => a.seq - b.seq);
}

/** Seqs from `from` up to the highest one present that are absent. */
export function missingSeqs(chunks: readonly Chunk[], from = 0): number[] {
  const present = new Set(chunks.map((c) => c.seq));
  const highest = chunks.length === 0 ? from - 1 : chunks[chunks.length - 1].seq;
  const missing: number[] = [];
  for (let seq = from; seq < highest; seq += 1) if (!present.has(seq)) missing.push(seq);
  return missing;
}

/**
 * The whole output of a finished command. The 2024 server keeps it in `result`. Today's service keeps it in chunks
 * (`result` empty, CLI `cmd/exec/logs.go`): read them all; re-fetch holes a few times with backoff (a chunk may be
 * persisted late, CLI `applyChunk` / `recoverSkipped`), then report what never came. `result` is the fallback when
 * there are no chunks or they cannot be read (CLI `runCommandFallbackFromID`).
 */
export async function commandOutput(
  alpacon: AlpaconClient, target: AlpaconTarget, details: CommandDetails, options: ChunkReadOptions & { known?: Chunk[] },
): Promise<CommandOutput> {
  // Holes in the output of a command still running may just be chunks on their way: only a finished one has gaps.
  if (details.legacy) return { text: details.result, missing_seqs: [] };
  const known = options.known ?? [];
  let chunks: Chunk[] | undefined;
  for (let attempt = 0; chunks === undefined; attempt += 1) {
    try {
      // What the caller already has without holes (live output) is not downloaded again.
      chunks = mergeChunks(known, await readChunks(alpacon, target, details.id, contiguousEnd(known) + 1, undefined, options));
    } catch (error) {
      if (options.signal.aborted) throw new CancelledError(`Reading the output of command ${details.id}`);
      const transient = error instanceof AlpaconMcpError && TRANSIENT.has(error.code);
      // No chunks route (an older server) or an answer that is not a chunk page: `result` is the output (CLI fallback).
      if (!transient) return { text: details.result, missing_seqs: [] };
      if (attempt >= REREAD_DELAYS_MS.length) {
        return { text: details.result, missing_seqs: [], error: `reading the output chunks failed: ${error.message}` };
      }
      await sleepOrCancel(REREAD_DELAYS_MS[attempt], options.signal, `Reading the output of command ${details.id}`);
    }
  }
  if (chunks.length === 0) return { text: details.result, missing_seqs: [] };
  if (!details.final) return { text: chunks.map((c) => c.content).join(''), missing_seqs: [], chunks };
  chunks = await fillGaps(alpacon, target, details.id, chunks, options);
  return { text: chunks.map((c) => c.content).join(''), missing_seqs: missingSeqs(chunks), chunks };
}

async function fillGaps(alpacon: AlpaconClient, target: AlpaconTarget, id: string, start: Chunk[], options: ChunkReadOptions): Promise<Chunk[]> {
  let chunks = start;
  for (const delay of GAP_FILL_DELAYS_MS) {
    const missing = missingSeqs(chunks);
    if (missing.length === 0) break;
    await sleepOrCancel(delay, options.signal, `Reading the output of command ${id}`);
    try {
      chunks = mergeChunks(chunks, await readChunks(alpacon, target, id, missing[0], missing[missing.length - 1], options));
    } catch {
      if (options.signal.aborted) throw new CancelledError(`Reading the output of command ${id}`);
    }
  }
  return chunks;
}

/** The last seq of the run 0, 1, 2, … at the start of sorted `chunks` (-1 when it does not start at 0). */
function contiguousEnd(chunks: readonly Chunk[]): number {
  let end = -1;
  for (const chunk of chunks) {
    if (chunk.seq !== end + 1) break;
    end = chunk.seq;
  }
  return end;
}

/** Union by seq, sorted; the first content seen for a seq wins. */
export function mergeChunks(a: readonly Chunk[], b: readonly Chunk[]): Chunk[] {
  const bySeq = new Map<number, string>();
  for (const chunk of [...a, ...b]) if (!bySeq.has(chunk.seq)) bySeq.set(chunk.seq, chunk.content);
  return [...bySeq].map(([seq, content]) => ({ seq, content })).sort((x, y) => x.seq - y.seq);
}
