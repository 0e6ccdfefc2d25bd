// Splits a byte stream (TCP) into frames. Bytes accumulate across partial
// reads; as soon as a header is complete its magic, version, flags and
// length are checked, so at most one frame (<= maxFrameBytes) is ever
// buffered. A header error poisons the stream: the connection must close.
import { type FrameLimits, HEADER_BYTES, readHeader } from "./header.js";
import { WireError } from "./wire-error.js";

export interface Deframer {
  /** Adds `chunk`; returns the frames it completed, in order (copies). */
  push(chunk: Uint8Array): Uint8Array[];
  /** Bytes of an incomplete frame held back. */
  readonly buffered: number;
  /** Call at end of stream: fails with `truncated` when a frame is incomplete. */
  finish(): void;
}

export function createDeframer(limits: FrameLimits): Deframer {
  return new StreamDeframer(limits);
}

class StreamDeframer implements Deframer {
  private pending = new Uint8Array(0);
  /** Bytes of `pending` in use. */
  private held = 0;
  /** Size of the frame being collected, once its header is read. */
  private frameSize = -1;
  private failure: WireError | undefined;

  constructor(private readonly limits: FrameLimits) {}

  get buffered(): number {
    return this.held;
  }

  push(chunk: Uint8Array): Uint8Array[] {
    if (this.failure) throw this.failure;
    try {
      return this.take(chunk);
    } catch (e) {
      if (e instanceof WireError) this.failure = e;
      throw e;
    }
  }

  finish(): void {
    if (this.failure) throw this.failure;
    if (this.held > 0) throw new WireError("truncated", `stream ended inside a frame (${this.held} bytes held)`);
  }

  private take(chunk: Uint8Array): Uint8Array[] {
    const frames: Uint8Array[] = [];
    let at = 0;
    // Finish the frame started by earlier chunks.
    if (this.held > 0) {
      at = this.fill(chunk, 0);
      if (!this.complete()) return frames;
      frames.push(this.pending.slice(0, this.frameSize));
      this.held = 0;
      this.frameSize = -1;
    }
    // Whole frames straight from the chunk.
    while (chunk.length - at >= HEADER_BYTES) {
      const size = HEADER_BYTES + readHeader(chunk.subarray(at, at + HEADER_BYTES), this.limits).payloadLength;
      if (chunk.length - at < size) break;
      frames.push(chunk.slice(at, at + size));
      at += size;
    }
    // Keep the rest for the next chunk.
    if (at < chunk.length) this.fill(chunk, at);
    return frames;
  }

  /** Copies as much of chunk[from..] as the current frame (or header) needs; returns the new offset. */
  private fill(chunk: Uint8Array, from: number): number {
    let at = from;
    if (this.frameSize < 0) {
      const n = Math.min(HEADER_BYTES - this.held, chunk.length - at);
      this.append(chunk.subarray(at, at + n));
      at += n;
      if (this.held < HEADER_BYTES) return at;
      this.frameSize = HEADER_BYTES + readHeader(this.pending.subarray(0, HEADER_BYTES), this.limits).payloadLength;
    }
    const n = Math.min(this.frameSize - this.held, chunk.length - at);
    this.append(chunk.subarray(at, at + n));
    return at + n;
  }

  private complete(): boolean {
    return this.frameSize >= 0 && this.held === this.frameSize;
  }

  private append(bytes: Uint8Array): void {
    const need = this.held + bytes.length;
    if (need > this.pending.length) {
      const next = new Uint8Array(Math.max(need, Math.min(this.pending.length * 2, this.limits.maxFrameBytes), HEADER_BYTES));
      next.set(this.pending.subarray(0, this.held));
      this.pending = next;
    }
    this.pending.set(bytes, this.held);
    this.held = need;
  }
}
