import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Writes a frame, big-endian, into a buffer that grows up to the frame limit
 * and no further ({@code frame_too_large}, docs/wire-format.md section 1). The
 * header's 14 bytes are reserved first and written last, when the payload
 * length is known.
 */
final class ByteWriter {
    private ByteBuffer buf;
    private final int limit;

    ByteWriter(int capacity, int limit) {
        this.buf = ByteBuffer.allocate(Math.min(capacity, limit)).order(ByteOrder.BIG_ENDIAN);
        this.limit = limit;
    }

    int position() {
        return buf.position();
    }

    void skip(int n) {
        ensure(n);
        buf.position(buf.position() + n);
    }

    private void ensure(int n) {
        int need = buf.position() + n;
        if (need <= buf.capacity()) return;
        if (need > limit || need < 0) {
            throw new WireError(WireError.Code.FRAME_TOO_LARGE, "frame of at least " + need + " bytes exceeds maxFrameBytes " + limit);
        }
        ByteBuffer next = ByteBuffer.allocate(Math.min(Math.max(need, buf.capacity() * 2), limit)).order(ByteOrder.BIG_ENDIAN);
        buf.flip();
        next.put(buf);
        buf = next;
    }

    void i8(int v) {
        ensure(1);
        buf.put((byte) v);
    }

    void u8(int v) {
        ensure(1);
        buf.put((byte) v);
    }

    void i16(int v) {
        ensure(2);
        buf.putShort((short) v);
    }

    void u16(int v) {
        ensure(2);
        buf.putShort((short) v);
    }

    void i32(int v) {
        ensure(4);
        buf.putInt(v);
    }

    void u32(long v) {
        ensure(4);
        buf.putInt((int) v);
    }

    /** int64, or uint64 as its 64 bits (two's complement). */
    void i64(long v) {
        ensure(8);
        buf.putLong(v);
    }

    void f32(float v) {
        ensure(4);
        buf.putFloat(v);
    }

    void f64(double v) {
        ensure(8);
        buf.putDouble(v);
    }

    void bool(boolean v) {
        ensure(1);
        buf.put(v ? (byte) 1 : (byte) 0);
    }

    /** A count prefix (list items). */
    void count(int n) {
        ensure(4);
        buf.putInt(n);
    }

    /** A string: its UTF-8 byte length, then the bytes (the value has no lone surrogate: its record checked). */
    void string(String s, String path) {
        byte[] utf8 = Utf8.encode(s, path);
        ensure(4 + utf8.length);
        buf.putInt(utf8.length);
        buf.put(utf8);
    }

    void bytes(byte[] b) {
        ensure(4 + b.length);
        buf.putInt(b.length);
        buf.put(b);
    }

    /** The bytes written, with the header written over the first 14. */
    byte[] finish() {
        return Arrays.copyOf(buf.array(), buf.position());
    }
}
