/**
 * Length-prefixed JSON frames over the pipes between the CLI and the Python sandbox process:
 * a 4-byte big-endian byte count, then that many bytes of UTF-8 JSON. The reader knows a
 * frame's size before it keeps any of it, so an oversized frame is skipped byte by byte and
 * never buffered (Node's own IPC channel buffers a whole line before anyone can look at it).
 */

/** The most a frame from the sandbox may carry; results are trimmed well below this. */
export const MAX_FRAME_BYTES = 32 * 1024 * 1024;

const HEADER_BYTES = 4;

export function encodeFrame(value: unknown): Buffer {
  const body = Buffer.from(JSON.stringify(value), 'utf8');
  const frame = Buffer.allocUnsafe(HEADER_BYTES + body.length);
  frame.writeUInt32BE(body.length, 0);
  body.copy(frame, HEADER_BYTES);
  return frame;
}

export interface FrameHandlers {
  /** A whole frame's text (not yet parsed: JSON.parse is the caller's, in its own try). */
  frame(text: string): void;
  /** A frame larger than the limit was skipped without being read. */
  oversized(bytes: number): void;
}

/** Cuts a byte stream into frames; feed it every chunk in order. */
export class FrameReader {
  private header = Buffer.alloc(HEADER_BYTES);
  private headerFill = 0;
  private body: Buffer[] = [];
  private bodyFill = 0;
  /** Bytes still expected for the current frame (its body, or what is being skipped). */
  private remaining = -1;
  private skipping = false;

  constructor(
    private readonly handlers: FrameHandlers,
    private readonly maxBytes = MAX_FRAME_BYTES,
  ) {}

  push(chunk: Buffer): void {
    let at = 0;
    while (at < chunk.length) {
      if (this.remaining < 0) {
        const take = Math.min(HEADER_BYTES - this.headerFill, chunk.length - at);
        chunk.copy(this.header, this.headerFill, at, at + take);
        this.headerFill += take;
        at += take;
        if (this.headerFill < HEADER_BYTES) return;
        this.headerFill = 0;
        this.remaining = this.header.readUInt32BE(0);
        this.skipping = this.remaining > this.maxBytes;
        if (this.skipping) this.handlers.oversized(this.remaining);
        if (this.remaining === 0) this.finish();
        continue;
      }
      const take = Math.min(this.remaining, chunk.length - at);
      if (!this.skipping) {
        this.body.push(chunk.subarray(at, at + take));
        this.bodyFill += take;
      }
      at += take;
      this.remaining -= take;
      if (this.remaining === 0) this.finish();
    }
  }

  private finish(): void {
    const skipped = this.skipping;
    const text = skipped ? '' : Buffer.concat(this.body, this.bodyFill).toString('utf8');
    this.body = [];
    this.bodyFill = 0;
    this.remaining = -1;
    this.skipping = false;
    if (!skipped) this.handlers.frame(text);
  }
}
