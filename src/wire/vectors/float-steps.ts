// Neighbouring floats, for values right at or just past a bound.

const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);
const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

export const FLOAT32_MAX = 3.4028234663852886e38;

/** The next representable float of `bits` above (`dir` 1) or below (-1) a representable `x`. */
export function stepFloat(x: number, bits: 32 | 64, dir: 1 | -1): number {
  if (x === 0) return dir * (bits === 32 ? 1.401298464324817e-45 : Number.MIN_VALUE);
  const away = x > 0 === (dir > 0);
  if (bits === 64) {
    f64[0] = x;
    u64[0] = (u64[0] as bigint) + (away ? 1n : -1n);
    return f64[0] as number;
  }
  f32[0] = x;
  u32[0] = (u32[0] as number) + (away ? 1 : -1);
  return f32[0] as number;
}

/** The smallest float of `bits` that is >= x (dir 1), or the largest <= x (dir -1). */
export function floatAtLeast(x: number, bits: 32 | 64, dir: 1 | -1): number {
  if (bits === 64) return x;
  const f = Math.fround(x);
  if (dir > 0 ? f >= x : f <= x) return f;
  return stepFloat(f, 32, dir);
}
