/**
 * The frame header (docs/wire-format.md sections 1, 2 and 6, steps 1 to 5):
 * its layout, the flags rules and the header checks shared by
 * {@link Codec#decodeFrame(byte[])} and {@link Deframer}.
 */
final class Frames {
    static final int HEADER_BYTES = 14;
    static final int FLAG_RELIABLE = 0x01;
    static final int FLAG_ACK = 0x02;
    static final int FLAG_RESPONSE = 0x04;
    static final int FLAG_PING = 0x08;
    static final int FLAG_PONG = 0x10;
    static final int KNOWN_FLAGS = 0x1F;
    static final int CONTROL_FLAGS = FLAG_ACK | FLAG_PING | FLAG_PONG;
    static final long MAX_SEQUENCE = 0xFFFFFFFFL;

    private Frames() {
    }

    /** A checked header: flags and message id as unsigned ints, seq and payload length as unsigned. */
    record Header(int flags, int messageId, long seq, int length) {
    }

    /** Why a flags byte breaks rules 1 to 3 of section 2, or null. */
    static String flagsProblem(int flags) {
        if ((flags & ~KNOWN_FLAGS) != 0) return "reserved flag bits set (0x" + hex2(flags & ~KNOWN_FLAGS & 0xFF) + ")";
        int control = flags & CONTROL_FLAGS;
        if (control == 0) return null;
        if ((control & (control - 1)) != 0) return "more than one of ACK, PING and PONG set";
        if ((flags & FLAG_RELIABLE) != 0) return "RELIABLE set on a control frame";
        if ((flags & FLAG_RESPONSE) != 0 && control != FLAG_ACK) return "RESPONSE set on a PING or PONG frame";
        return null;
    }

    /** Why a message frame may not carry {@code flags}, or null. */
    static String messageFlagsProblem(int flags, String name, boolean response) {
        String problem = flagsProblem(flags);
        if (problem != null) return "flags 0x" + hex2(flags) + ": " + problem;
        if ((flags & CONTROL_FLAGS) != 0) return "control flags set on a message frame";
        if (((flags & FLAG_RESPONSE) != 0) != response) {
            return response ? "RESPONSE missing on " + name + ", which is a response" : "RESPONSE set on " + name + ", which is not a response";
        }
        return null;
    }

    /** The control kind of valid flags, or null for a message frame. */
    static ControlKind controlKind(int flags) {
        if ((flags & FLAG_ACK) != 0) return ControlKind.ACK;
        if ((flags & FLAG_PING) != 0) return ControlKind.PING;
        if ((flags & FLAG_PONG) != 0) return ControlKind.PONG;
        return null;
    }

    static void checkSeq(long seq) {
        if (seq < 0 || seq > MAX_SEQUENCE) {
            throw new WireError(WireError.Code.INVALID_VALUE, "sequence must be an integer in 0.." + MAX_SEQUENCE + ", got " + seq);
        }
    }

    /** Checks the header at {@code pos} (steps 1 to 5 of section 6). */
    static Header readHeader(byte[] bytes, int pos, int available, int wireVersion, int maxFrameBytes) {
        if (available < HEADER_BYTES) {
            throw new WireError(WireError.Code.TRUNCATED, "frame header needs " + HEADER_BYTES + " bytes, got " + available);
        }
        int m0 = bytes[pos] & 0xFF;
        int m1 = bytes[pos + 1] & 0xFF;
        if (m0 != 0x50 || m1 != 0x46) {
            throw new WireError(WireError.Code.BAD_MAGIC, "frame starts with 0x" + hex2(m0) + hex2(m1) + ", not \"PF\" (0x5046)");
        }
        int version = bytes[pos + 2] & 0xFF;
        if (version != wireVersion) {
            throw new WireError(WireError.Code.UNSUPPORTED_VERSION, "wire version " + version + ", expected " + wireVersion);
        }
        int flags = bytes[pos + 3] & 0xFF;
        String problem = flagsProblem(flags);
        if (problem != null) throw new WireError(WireError.Code.INVALID_FLAGS, "flags 0x" + hex2(flags) + ": " + problem);
        long length = u32(bytes, pos + 10);
        if (length > maxFrameBytes - HEADER_BYTES) {
            throw new WireError(WireError.Code.FRAME_TOO_LARGE, "frame of " + (HEADER_BYTES + length) + " bytes exceeds maxFrameBytes " + maxFrameBytes);
        }
        int messageId = ((bytes[pos + 4] & 0xFF) << 8) | (bytes[pos + 5] & 0xFF);
        return new Header(flags, messageId, u32(bytes, pos + 6), (int) length);
    }

    /** Writes the 14-byte header at the start of {@code frame}. */
    static void writeHeader(byte[] frame, int wireVersion, int flags, int messageId, long seq, int length) {
        frame[0] = 0x50;
        frame[1] = 0x46;
        frame[2] = (byte) wireVersion;
        frame[3] = (byte) flags;
        frame[4] = (byte) (messageId >>> 8);
        frame[5] = (byte) messageId;
        frame[6] = (byte) (seq >>> 24);
        frame[7] = (byte) (seq >>> 16);
        frame[8] = (byte) (seq >>> 8);
        frame[9] = (byte) seq;
        frame[10] = (byte) (length >>> 24);
        frame[11] = (byte) (length >>> 16);
        frame[12] = (byte) (length >>> 8);
        frame[13] = (byte) length;
    }

    private static long u32(byte[] b, int p) {
        return ((long) (b[p] & 0xFF) << 24) | ((b[p + 1] & 0xFF) << 16) | ((b[p + 2] & 0xFF) << 8) | (b[p + 3] & 0xFF);
    }

    static String hex2(int b) {
        String s = Integer.toHexString(b & 0xFF);
        return s.length() == 1 ? "0" + s : s;
    }
}
