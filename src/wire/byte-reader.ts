// A bounds-checked big-endian cursor over `bytes[pos, end)`. Reading past
// `end` is `truncated`; nothing is allocated before its length is checked.
import { decodeUtf8 } from "./utf8.js";
import { WireError } from "./wire-error.js";

// One DataView per ArrayBuffer, reused while frames come from the same
// buffer (a read chunk, a pooled slab): creating a view costs about as much
// as decoding a small frame.
let viewBuffer: ArrayBufferLike | undefined;
let view: DataView = new DataView(new ArrayBuffer(0));

function viewOf(bytes: Uint8Array): DataView {
  if (bytes.buffer !== viewBuffer) {
    viewBuffer = bytes.buffer;
    view = new DataView(bytes.buffer);
  }
  return view;
}

export class ByteReader {
  constructor(
    private readonly bytes: Uint8Array,
    public pos: number,
    public readonly end: number,
  ) {}

  get remaining(): number {
    return this.end - this.pos;
  }

  private need(n: number): number {
    const at = this.pos;
    if (at + n > this.end) throw new WireError("truncated", `needs ${n} more byte${n === 1 ? "" : "s"}, ${this.end - at} left`);
    this.pos = at + n;
    return at;
  }

  /** Reads a uint32 length or count prefix and checks it against the bytes
   *  left, so that at most `remaining` items or bytes are ever allocated. */
  prefix(what: string): number {
    const n = this.u32();
    if (n > this.end - this.pos) throw new WireError("truncated", `${what} ${n} exceeds the ${this.end - this.pos} bytes left`);
    return n;
  }

  u8(): number {
    return this.bytes[this.need(1)] as number;
  }
  i8(): number {
    return ((this.bytes[this.need(1)] as number) << 24) >> 24;
  }
  u16(): number {
    const at = this.need(2);
    const b = this.bytes;
    return ((b[at] as number) << 8) | (b[at + 1] as number);
  }
  i16(): number {
    return (this.u16() << 16) >> 16;
  }
  u32(): number {
    return this.i32() >>> 0;
  }
  i32(): number {
    const at = this.need(4);
    const b = this.bytes;
    return ((b[at] as number) << 24) | ((b[at + 1] as number) << 16) | ((b[at + 2] as number) << 8) | (b[at + 3] as number);
  }
  u64(): bigint {
    const at = this.need(8);
    return viewOf(this.bytes).getBigUint64(this.bytes.byteOffset + at);
  }
  i64(): bigint {
    const at = this.need(8);
    return viewOf(this.bytes).getBigInt64(this.bytes.byteOffset + at);
  }
  f32(): number {
    const at = this.need(4);
    return viewOf(this.bytes).getFloat32(this.bytes.byteOffset + at);
  }
  f64(): number {
    const at = this.need(8);
    return viewOf(this.bytes).getFloat64(this.bytes.byteOffset + at);
  }
  /** A copy of the next `n` bytes. */
  bytesCopy(n: number): Uint8Array {
    const at = this.need(n);
    return this.bytes.slice(at, at + n);
  }
  utf8(n: number): string {
    const at = this.need(n);
    return decodeUtf8(this.bytes, at, at + n);
  }
}
