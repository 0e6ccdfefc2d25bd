// The byte buffers of the generated encoders and decoders (wire format 3,
// 3.1): a growable big-endian writer that refuses to grow past the frame
// limit, and a reader over `bytes[pos, end)`. The generated code reads and
// writes `buf`/`view`/`pos` directly; these helpers handle lengths, counts
// and strings.
import { WireError } from "../errors.js";
import { truncated, tooLarge } from "./wire.js";
import { decodeUtf8, loneSurrogate, utf8Encoder, utf8Length } from "./utf8.js";

export class Writer {
  /** @param {number} capacity */
  constructor(capacity) {
    /** @type {Uint8Array} */
    this.buf = new Uint8Array(capacity);
    /** @type {DataView} */
    this.view = new DataView(this.buf.buffer);
    /** @type {number} */
    this.pos = 0;
    /** Largest number of bytes the writer may hold (the frame limit). */
    this.limit = capacity;
  }

  /**
   * Starts a new frame: `start` bytes reserved (the header).
   * @param {number} start
   * @param {number} limit
   */
  reset(start, limit) {
    this.limit = limit;
    this.pos = 0;
    this.ensure(start, "");
    this.pos = start;
  }

  /**
   * Makes room for `n` more bytes; past the limit is `frame_too_large` at `path`.
   * @param {number} n
   * @param {string} path
   */
  ensure(n, path) {
    const need = this.pos + n;
    if (need <= this.buf.length) return;
    if (need > this.limit) throw tooLarge(path, need, this.limit);
    const next = new Uint8Array(Math.min(Math.max(need, this.buf.length * 2), this.limit));
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }

  /**
   * Writes a uint32 byte length and the UTF-8 of `s`; returns the byte length.
   * A lone surrogate is `invalid_utf8`.
   * @param {string} s
   * @param {string} path
   * @returns {number}
   */
  string(s, path) {
    const n = s.length;
    if (n <= 64) {
      this.ensure(4 + n, path);
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
    const len = utf8Length(s);
    if (len < 0) throw loneSurrogate(path);
    this.ensure(4 + len, path);
    const { written } = utf8Encoder.encodeInto(s, this.buf.subarray(this.pos + 4, this.pos + 4 + len));
    this.view.setUint32(this.pos, written);
    this.pos += 4 + written;
    return written;
  }

  /**
   * Writes a uint32 length and the bytes.
   * @param {Uint8Array} b
   * @param {string} path
   */
  bytes(b, path) {
    this.ensure(4 + b.length, path);
    this.view.setUint32(this.pos, b.length);
    this.buf.set(b, this.pos + 4);
    this.pos += 4 + b.length;
  }

  /**
   * A copy of the bytes written.
   * @returns {Uint8Array}
   */
  finish() {
    return this.buf.slice(0, this.pos);
  }
}

// One DataView per ArrayBuffer, reused while frames come from the same buffer.
/** @type {ArrayBufferLike | undefined} */
let viewBuffer;
/** @type {DataView} */
let sharedView = new DataView(new ArrayBuffer(0));

export class Reader {
  /**
   * @param {Uint8Array} bytes
   * @param {number} pos
   * @param {number} end
   */
  constructor(bytes, pos, end) {
    if (bytes.buffer !== viewBuffer) {
      viewBuffer = bytes.buffer;
      sharedView = new DataView(bytes.buffer);
    }
    /** @type {Uint8Array} */
    this.buf = bytes;
    /** Reads at `view` go through `off + pos`. */
    this.view = sharedView;
    /** @type {number} */
    this.off = bytes.byteOffset;
    /** @type {number} */
    this.pos = pos;
    /** @type {number} */
    this.end = end;
  }

  /**
   * Checks that `n` bytes are left; returns the position of the first.
   * @param {number} n
   * @param {string} path
   * @returns {number}
   */
  need(n, path) {
    const p = this.pos;
    if (p + n > this.end) throw truncated(path, n, this.end - p);
    this.pos = p + n;
    return p;
  }

  /**
   * A uint32 length or count prefix, checked against the bytes left after it
   * (every list item takes one byte at least), before anything is allocated.
   * @param {string} what
   * @param {string} path
   * @returns {number}
   */
  prefix(what, path) {
    const p = this.need(4, path);
    const b = this.buf;
    const n = ((/** @type {number} */ (b[p]) << 24) | (/** @type {number} */ (b[p + 1]) << 16) | (/** @type {number} */ (b[p + 2]) << 8) | /** @type {number} */ (b[p + 3])) >>> 0;
    if (n > this.end - this.pos) throw new WireError("truncated", { path, detail: `${what} ${n} exceeds the ${this.end - this.pos} bytes left` });
    return n;
  }

  /**
   * The next `n` bytes as a string (strict UTF-8).
   * @param {number} n
   * @param {string} path
   * @returns {string}
   */
  utf8(n, path) {
    const p = this.pos;
    this.pos = p + n;
    return decodeUtf8(this.buf, p, p + n, path);
  }

  /**
   * A copy of the next `n` bytes.
   * @param {number} n
   * @returns {Uint8Array}
   */
  bytes(n) {
    const p = this.pos;
    this.pos = p + n;
    return this.buf.slice(p, p + n);
  }
}
