/**
 * One decoded frame: a message frame ({@code message} set, {@code control}
 * null) or a control frame ({@code control} set, {@code message} null,
 * {@code messageId} 0). {@code seq} is the uint32 sequence number (0..4294967295)
 * and {@code flags} the flags byte (0..255).
 */
public record Frame(int flags, int messageId, long seq, Message message, ControlKind control) {
    /** The RESPONSE flag. */
    public boolean isResponse() {
        return (flags & Frames.FLAG_RESPONSE) != 0;
    }

    /** The RELIABLE flag. */
    public boolean isReliable() {
        return (flags & Frames.FLAG_RELIABLE) != 0;
    }

    /** Whether this is a control frame (ack, ping, pong). */
    public boolean isControl() {
        return control != null;
    }
}
