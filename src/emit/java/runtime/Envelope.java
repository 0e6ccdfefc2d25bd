/**
 * One frame as JSON (docs/wire-format.md section 9.1):
 * {@code {"type": <message name>, "seq": <uint32>, "payload": {...}}}, the body
 * of HTTP answers and of the golden vectors' {@code .json} files. Flags are not
 * part of it. {@code seq} is a uint32 in a long (0..4294967295).
 */
public record Envelope(long seq, Message message) {
    public Envelope {
        Frames.checkSeq(seq);
        if (message == null) throw new WireError(WireError.Code.INVALID_VALUE, "an envelope holds a message, not null");
    }

    /** The envelope's {@code type}: the message's name in the spec. */
    public String type() {
        return message.messageName();
    }
}
