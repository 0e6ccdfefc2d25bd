// A growable big-endian byte buffer. One writer is reused across encodes;
// `finish()` copies the bytes out. Writing past `limit` is `frame_too_large`.
import { copyOut } from "./byte-pool.js";
import { assertWellFormed, utf8Encoder, utf8Length } from "./utf8.js";
import { WireError } from "./wire-error.js";

const SHORT_STRING = 64;

export class ByteWriter {
  private buf: Uint8Array;
  private view: DataView;
  pos = 0;
  /** Largest number of bytes this writer may hold. */
  limit = Number.POSITIVE_INFINITY;

  constructor(initialCapacity = 256) {
    this.buf = new Uint8Array(initialCapacity);
    this.view = new DataView(this.buf.buffer);
  }

  reset(limit: number): void {
    this.pos = 0;
    this.limit = limit;
  }

  /** Makes room for `n` more bytes. */
  ensure(n: number): void {
    const need = this.pos + n;
    if (need <= this.buf.length) return;
    if (need > this.limit) throw new WireError("frame_too_large", `encoding needs more than the ${this.limit} bytes allowed`);
    let cap = this.buf.length * 2;
    while (cap < need) cap *= 2;
    const next = new Uint8Array(Math.max(need, Math.min(cap, this.limit)));
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }

  /** Fails when more than `limit` bytes were written. */
  checkLimit(): void {
    if (this.pos > this.limit) throw new WireError("frame_too_large", `encoding needs ${this.pos} bytes, more than the ${this.limit} allowed`);
  }

  /** A copy of the bytes written so far (see byte-pool.ts: it may share an ArrayBuffer). */
  finish(): Uint8Array {
    this.checkLimit();
    return copyOut(this.buf, 0, this.pos);
  }

  get dataView(): DataView {
    return this.view;
  }

  u8(v: number): void {
    this.ensure(1);
    this.buf[this.pos++] = v;
  }
  i8(v: number): void {
    this.ensure(1);
    this.view.setInt8(this.pos++, v);
  }
  u16(v: number): void {
    this.ensure(2);
    this.view.setUint16(this.pos, v);
    this.pos += 2;
  }
  i16(v: number): void {
    this.ensure(2);
    this.view.setInt16(this.pos, v);
    this.pos += 2;
  }
  u32(v: number): void {
    this.ensure(4);
    this.view.setUint32(this.pos, v);
    this.pos += 4;
  }
  i32(v: number): void {
    this.ensure(4);
    this.view.setInt32(this.pos, v);
    this.pos += 4;
  }
  u64(v: bigint): void {
    this.ensure(8);
    this.view.setBigUint64(this.pos, v);
    this.pos += 8;
  }
  i64(v: bigint): void {
    this.ensure(8);
    this.view.setBigInt64(this.pos, v);
    this.pos += 8;
  }
  f32(v: number): void {
    this.ensure(4);
    this.view.setFloat32(this.pos, v);
    this.pos += 4;
  }
  f64(v: number): void {
    this.ensure(8);
    this.view.setFloat64(this.pos, v);
    this.pos += 8;
  }
  bytes(v: Uint8Array): void {
    this.ensure(v.length);
    this.buf.set(v, this.pos);
    this.pos += v.length;
  }
  setU32(at: number, v: number): void {
    this.view.setUint32(at, v);
  }

  /** Writes a uint32 byte length and the UTF-8 of `s`; returns the byte length. */
  string(s: string): number {
    const n = s.length;
    if (n <= SHORT_STRING) {
      this.ensure(4 + n);
      const buf = this.buf;
      let p = this.pos + 4;
      let i = 0;
      for (; i < n; i++) {
        const c = s.charCodeAt(i);
        if (c >= 0x80) break;
        buf[p++] = c;
      }
      if (i === n) {
        this.view.setUint32(this.pos, n);
        this.pos = p;
        return n;
      }
    }
    assertWellFormed(s);
    const room = this.limit - this.pos - 4;
    const len = 3 * n <= room ? -1 : utf8Length(s);
    if (len > room) throw new WireError("frame_too_large", `a string of ${len} bytes does not fit in the ${this.limit} bytes allowed`);
    this.ensure(4 + (len < 0 ? 3 * n : len));
    const { written } = utf8Encoder.encodeInto(s, this.buf.subarray(this.pos + 4));
    this.view.setUint32(this.pos, written);
    this.pos += 4 + written;
    return written;
  }
}
