import __PACKAGE__.Codec;

/**
 * A frame header read without decoding the payload (wire format sections 1, 2 and 6). The
 * datagram transport acknowledges a RELIABLE frame once its header passes steps 1 to 7 of
 * section 6; servers use the header of an undecodable frame to answer the request it carried.
 */
public record FrameHeader(int flags, int messageId, long seq, long payloadLength) {
    private static final int HEADER_BYTES = Codec.HEADER_BYTES;

    public boolean reliable() {
        return (flags & Codec.FLAG_RELIABLE) != 0;
    }

    public boolean response() {
        return (flags & Codec.FLAG_RESPONSE) != 0;
    }

    public boolean control() {
        return (flags & (Codec.FLAG_ACK | Codec.FLAG_PING | Codec.FLAG_PONG)) != 0;
    }

    /** (RESPONSE bit, sequence) as one number: what duplicate suppression and ACKs refer to. */
    public long identity() {
        return identity(response(), seq);
    }

    public static long identity(boolean response, long seq) {
        return seq * 2 + (response ? 1 : 0);
    }

    private static boolean validFlags(int flags) {
        return switch (flags) {
            case 0x00, 0x01, 0x02, 0x04, 0x05, 0x06, 0x08, 0x10 -> true;
            default -> false;
        };
    }

    private static FrameHeader fields(byte[] data) {
        int flags = data[3] & 0xff;
        int id = ((data[4] & 0xff) << 8) | (data[5] & 0xff);
        long seq = ((long) (data[6] & 0xff) << 24) | ((data[7] & 0xff) << 16) | ((data[8] & 0xff) << 8) | (data[9] & 0xff);
        long length = ((long) (data[10] & 0xff) << 24) | ((data[11] & 0xff) << 16) | ((data[12] & 0xff) << 8) | (data[13] & 0xff);
        return new FrameHeader(flags, id, seq, length);
    }

    /** The header of one complete frame, or null when steps 1 to 7 of section 6 fail. */
    public static FrameHeader read(byte[] data, int maxFrameBytes) {
        if (data.length < HEADER_BYTES) {
            return null;
        }
        if (data[0] != 0x50 || data[1] != 0x46 || (data[2] & 0xff) != Codec.WIRE_VERSION || !validFlags(data[3] & 0xff)) {
            return null;
        }
        FrameHeader header = fields(data);
        if (header.payloadLength > maxFrameBytes - HEADER_BYTES || data.length != HEADER_BYTES + header.payloadLength) {
            return null;
        }
        return header;
    }

    /** The header fields of whatever {@code data} starts with, unchecked (for logging and error answers); null when shorter. */
    public static FrameHeader peek(byte[] data) {
        return data.length < HEADER_BYTES ? null : fields(data);
    }
}
