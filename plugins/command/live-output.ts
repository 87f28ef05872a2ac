import { trimOutput, type AlpaconClient, type AlpaconTarget, type ToolContext, type CommandDetails, mergeChunks, readChunks, type Chunk } from '../../core/index.js';
import type { EventStream } from './event-stream.js';

/** Largest progress message; a burst longer than this keeps its head and tail. */
const MAX_MESSAGE_BYTES = 16 * 1024;
/** Lines arriving within this window go out as one message (a fast command would otherwise send one per line). */
const COALESCE_MS = 50;

/**
 * Sends a running command's new output as MCP progress notifications (message = the new lines), in seq order and
 * without repeats. Chunks come from the events WebSocket when there is one, else from polling `/chunks/`; a chunk that
 * arrives ahead of a missing one waits, and the hole is back-filled from `/chunks/` (CLI `api/event/event.go`
 * applyChunk). Everything seen is kept for the final read, so the finished output needs no second full download.
 */
export class LiveOutput {
  private lastSeq = -1;
  private seen: Chunk[] = [];
  private readonly ahead = new Map<number, string>();
  private sent = 0;
  private pending = '';
  private timer: NodeJS.Timeout | undefined;
  private backfilling: Promise<void> | undefined;

  constructor(
    private readonly alpacon: AlpaconClient,
    private readonly target: AlpaconTarget,
    private readonly commandId: string,
    private readonly ctx: ToolContext,
  ) {}

  /** Chunks seen so far (for the final output read). */
  known(): Chunk[] {
    return this.seen;
  }

  /** Follows the command over the events WebSocket; the returned promise factory resolves on its `command_fin`. */
  follow(stream: EventStream): () => Promise<void> {
    let finished!: () => void;
    const fin = new Promise<void>((resolve) => (finished = resolve));
    stream.onFrame((frame) => {
      if (frame.event_type === 'command_output' && frame.command_id === this.commandId) this.accept([{ seq: frame.seq, content: frame.content }]);
      else if (frame.event_type === 'command_fin' && frame.id === this.commandId) finished();
    });
    return () => fin;
  }

  /** Reads what `/chunks/` has past the last seq sent (the warm start, and the polling mode). Never throws. */
  async poll(details?: CommandDetails): Promise<void> {
    if (details?.legacy) return;
    try {
      this.accept(await readChunks(this.alpacon, this.target, this.commandId, this.lastSeq + 1, undefined, { signal: this.ctx.signal }));
    } catch {
      // Live output is best effort; the final read reports what is missing.
    }
  }

  /** The final output's chunks: sends whatever the waiting did not (the last lines often land with the final status). */
  finish(chunks: readonly Chunk[] | undefined): void {
    if (chunks !== undefined && chunks.length > 0) this.accept(chunks, false);
    this.flush();
  }

  /** Drops what is still waiting to be sent (the call ended without a result to follow). */
  dispose(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = '';
  }

  /** Back-fills a hole below a chunk that arrived early, once at a time; retried on the next chunk or poll. */
  async settle(): Promise<void> {
    await this.backfilling;
  }

  private accept(chunks: readonly Chunk[], backfill = true): void {
    this.seen = mergeChunks(this.seen, chunks);
    for (const chunk of chunks) if (chunk.seq > this.lastSeq) this.ahead.set(chunk.seq, chunk.content);
    let text = '';
    while (this.ahead.has(this.lastSeq + 1)) {
      this.lastSeq += 1;
      text += this.ahead.get(this.lastSeq);
      this.ahead.delete(this.lastSeq);
    }
    if (text !== '') this.send(text);
    if (backfill && this.ahead.size > 0 && this.backfilling === undefined) {
      const upTo = Math.min(...this.ahead.keys()) - 1;
      this.backfilling = readChunks(this.alpacon, this.target, this.commandId, this.lastSeq + 1, upTo, { signal: this.ctx.signal })
        .then((found) => {
          this.backfilling = undefined;
          if (found.length > 0) this.accept(found);
        })
        .catch(() => {
          this.backfilling = undefined;
        });
    }
  }

  private send(text: string): void {
    this.pending += text;
    this.timer ??= setTimeout(() => this.flush(), COALESCE_MS);
  }

  private flush(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending === '') return;
    this.sent += 1;
    const message = trimOutput(this.pending, MAX_MESSAGE_BYTES).text;
    this.pending = '';
    this.ctx.progress(this.sent, undefined, message).catch(() => undefined);
  }
}
