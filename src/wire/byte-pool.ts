// Small outputs (encoded frames and payloads) are cut from a shared slab, as
// Node's Buffer.allocUnsafe does: allocating a fresh ArrayBuffer per frame
// costs more than the whole encode. An output may therefore share its
// ArrayBuffer with others; it never overlaps them. Always respect
// byteOffset/byteLength (`new DataView(b.buffer, b.byteOffset, b.byteLength)`).

const SLAB_BYTES = 16 * 1024;
const MAX_POOLED = 2 * 1024;

let slab = new Uint8Array(SLAB_BYTES);
let used = 0;

/** A copy of `src[start, end)`. */
export function copyOut(src: Uint8Array, start: number, end: number): Uint8Array {
  const n = end - start;
  if (n > MAX_POOLED) return src.slice(start, end);
  if (used + n > SLAB_BYTES) {
    slab = new Uint8Array(SLAB_BYTES);
    used = 0;
  }
  const out = slab.subarray(used, used + n);
  out.set(src.subarray(start, end));
  used = (used + n + 7) & ~7;
  return out;
}
