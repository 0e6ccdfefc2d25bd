import __PACKAGE__.Codec;
import __PACKAGE__.ControlKind;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * What arrives from one address (wire format 10.2): ACKs settle retransmissions, a RELIABLE frame
 * whose header is sound is acknowledged (a duplicate too, and a duplicate of an answered request
 * gets the same answer again) and delivered once, anything else is delivered in order. A datagram
 * that is not one well-formed frame is dropped and never acknowledged, and so is a message frame
 * (not an answer, not a PING) while the receiver's queue is full. Called on the reader thread.
 */
public final class DatagramInbox {
    private final DatagramLink link;
    private final int maxFrameBytes;
    private final Consumer<byte[]> deliver;
    private final BooleanSupplier busy;

    /** @param busy true while the receiver cannot take more (the datagram is then dropped unacknowledged) */
    public DatagramInbox(DatagramLink link, int maxFrameBytes, Consumer<byte[]> deliver, BooleanSupplier busy) {
        this.link = link;
        this.maxFrameBytes = maxFrameBytes;
        this.deliver = deliver;
        this.busy = busy;
    }

    /** Handles one datagram at once; false when it was dropped. */
    public boolean accept(byte[] data) {
        FrameHeader header = FrameHeader.read(data, maxFrameBytes);
        if (header == null) {
            Debug.log("dropped an invalid datagram of " + data.length + " bytes");
            return false;
        }
        if ((header.flags() & Codec.FLAG_ACK) != 0) {
            if (header.messageId() != 0 || header.payloadLength() != 0) {
                Debug.log("dropped an ACK with a message id or a payload (invalid_flags, trailing_bytes)");
                return false;
            }
            link.settle(header.identity());
            return true;
        }
        // Answers and PINGs never wait in the queue: only the other message frames are dropped when it is full.
        if (!header.control() && !header.response() && busy.getAsBoolean()) {
            Debug.log("dropped a datagram: the peer's queue is full"); // not ACKed: the sender will retransmit
            return false;
        }
        if (header.reliable()) {
            link.sendNow(Codec.encodeControl(ControlKind.ACK, header.seq(), header.response()));
            long key = header.identity();
            DuplicateWindow window = link.window();
            if (window.seen(key)) {
                byte[] answer = window.answer(key);
                if (answer != null) {
                    link.sendNow(answer);
                }
                return true;
            }
            window.add(key);
        }
        deliver.accept(data);
        return true;
    }
}
