import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Reads a payload, {@code bytes[pos, end)}, big-endian (docs/wire-format.md
 * sections 3 and 3.1). Every read that needs more bytes than remain is
 * {@code truncated} at the given path; a length or count prefix is checked
 * against the bytes left before anything is allocated.
 */
final class ByteReader {
    private final ByteBuffer buf;
    private int pos;
    private final int end;

    ByteReader(byte[] bytes, int pos, int end) {
        this.buf = ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN);
        this.pos = pos;
        this.end = end;
    }

    /** The read position (the end of the payload when every field was read). */
    int position() {
        return pos;
    }

    int remaining() {
        return end - pos;
    }

    private int need(int n, String path) {
        int p = pos;
        if (end - p < n) {
            throw new WireError(WireError.Code.TRUNCATED, "needs " + n + " bytes, " + (end - p) + " left", path, null);
        }
        pos = p + n;
        return p;
    }

    int i8(String path) {
        return buf.get(need(1, path));
    }

    int u8(String path) {
        return buf.get(need(1, path)) & 0xFF;
    }

    int i16(String path) {
        return buf.getShort(need(2, path));
    }

    int u16(String path) {
        return buf.getShort(need(2, path)) & 0xFFFF;
    }

    int i32(String path) {
        return buf.getInt(need(4, path));
    }

    long u32(String path) {
        return buf.getInt(need(4, path)) & 0xFFFFFFFFL;
    }

    /** int64, or uint64 as the same 64 bits (two's complement). */
    long i64(String path) {
        return buf.getLong(need(8, path));
    }

    /** float32; NaN and infinities are {@code invalid_value}. */
    float f32(String path) {
        float v = buf.getFloat(need(4, path));
        if (!Float.isFinite(v)) throw Checks.notFinite(path, v);
        return v;
    }

    /** float64; NaN and infinities are {@code invalid_value}. */
    double f64(String path) {
        double v = buf.getDouble(need(8, path));
        if (!Double.isFinite(v)) throw Checks.notFinite(path, v);
        return v;
    }

    boolean bool(String path) {
        int b = buf.get(need(1, path)) & 0xFF;
        if (b > 1) throw new WireError(WireError.Code.INVALID_VALUE, "bool byte must be 00 or 01, got 0x" + Frames.hex2(b), path, null);
        return b == 1;
    }

    /** An optional field's presence byte: true when the value follows. */
    boolean present(String path) {
        int b = buf.get(need(1, path)) & 0xFF;
        if (b > 1) throw new WireError(WireError.Code.INVALID_VALUE, "presence byte must be 00 or 01, got 0x" + Frames.hex2(b), path, null);
        return b == 1;
    }

    /** A uint32 length or count, checked against the bytes left after it (section 3.1). */
    int prefix(String what, String path) {
        long n = buf.getInt(need(4, path)) & 0xFFFFFFFFL;
        if (n > end - pos) {
            throw new WireError(WireError.Code.TRUNCATED, what + " " + n + " exceeds the " + (end - pos) + " bytes left", path, null);
        }
        return (int) n;
    }

    /** {@code n} bytes (checked by {@link #prefix}) as strict UTF-8. */
    String utf8(int n, String path) {
        int p = pos;
        pos = p + n;
        return Utf8.decode(buf.array(), p, n, path);
    }

    /** {@code n} bytes (checked by {@link #prefix}), copied. */
    byte[] bytes(int n) {
        byte[] out = new byte[n];
        buf.get(pos, out);
        pos += n;
        return out;
    }
}
