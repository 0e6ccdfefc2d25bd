import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits a byte stream into frames (docs/wire-format.md section 10.1). A
 * frame's header is checked as soon as its 14 bytes are there, so at most one
 * frame and the next header are held. A header error poisons the stream: every
 * later call throws it again. Not thread-safe: one per connection.
 */
public final class Deframer {
    private final int wireVersion;
    private final int maxFrameBytes;
    private byte[] pending = new byte[Frames.HEADER_BYTES];
    private int held;
    private int frameSize = -1;
    private WireError failure;

    public Deframer(int wireVersion, int maxFrameBytes) {
        this.wireVersion = wireVersion;
        this.maxFrameBytes = maxFrameBytes;
    }

    /** Adds bytes; returns the complete frames they finish, in order (each a copy). */
    public List<byte[]> push(byte[] chunk) {
        return push(chunk, 0, chunk.length);
    }

    /** Adds {@code chunk[offset, offset + length)}; returns the frames they complete. */
    public List<byte[]> push(byte[] chunk, int offset, int length) {
        if (failure != null) throw failure;
        try {
            return take(chunk, offset, offset + length);
        } catch (WireError e) {
            failure = e;
            throw e;
        }
    }

    /** Call at the end of the stream: {@code truncated} when it ended inside a frame. */
    public void finish() {
        if (failure != null) throw failure;
        if (held > 0) throw new WireError(WireError.Code.TRUNCATED, "stream ended inside a frame (" + held + " bytes held)");
    }

    /** Bytes of an incomplete frame held back. */
    public int buffered() {
        return held;
    }

    private List<byte[]> take(byte[] chunk, int from, int end) {
        List<byte[]> frames = new ArrayList<>();
        int at = from;
        if (held > 0) {
            at = fill(chunk, at, end);
            if (!(frameSize >= 0 && held == frameSize)) return frames;
            frames.add(Arrays.copyOf(pending, frameSize));
            held = 0;
            frameSize = -1;
        }
        while (end - at >= Frames.HEADER_BYTES) {
            int size = Frames.HEADER_BYTES + Frames.readHeader(chunk, at, end - at, wireVersion, maxFrameBytes).length();
            if (end - at < size) break;
            frames.add(Arrays.copyOfRange(chunk, at, at + size));
            at += size;
        }
        if (at < end) fill(chunk, at, end);
        return frames;
    }

    private int fill(byte[] chunk, int from, int end) {
        int at = from;
        if (frameSize < 0) {
            int n = Math.min(Frames.HEADER_BYTES - held, end - at);
            append(chunk, at, n);
            at += n;
            if (held < Frames.HEADER_BYTES) return at;
            frameSize = Frames.HEADER_BYTES + Frames.readHeader(pending, 0, held, wireVersion, maxFrameBytes).length();
        }
        int n = Math.min(frameSize - held, end - at);
        append(chunk, at, n);
        return at + n;
    }

    private void append(byte[] bytes, int from, int n) {
        int need = held + n;
        if (need > pending.length) pending = Arrays.copyOf(pending, Math.max(need, Math.min(pending.length * 2, maxFrameBytes)));
        System.arraycopy(bytes, from, pending, held, n);
        held = need;
    }
}
