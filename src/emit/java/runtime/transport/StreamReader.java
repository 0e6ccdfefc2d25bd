import __PACKAGE__.Codec;
import __PACKAGE__.Deframer;
import __PACKAGE__.WireError;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.function.Consumer;

/**
 * The reader of one TCP connection (on its own thread): cuts frames from the stream across
 * partial reads with the codec's Deframer, which checks the announced length against the maximum
 * frame size before any of the body is read. A header error closes the connection at once (the
 * stream is unusable, 10.1). {@code onEnd} hears once why the stream ended.
 */
final class StreamReader implements Runnable {
    private final StreamLink link;
    private final Deframer deframer;
    private final Consumer<byte[]> onFrame;
    private final Consumer<String> onEnd;

    StreamReader(StreamLink link, int maxFrameBytes, Consumer<byte[]> onFrame, Consumer<String> onEnd) {
        this.link = link;
        this.deframer = new Deframer(Codec.WIRE_VERSION, maxFrameBytes);
        this.onFrame = onFrame;
        this.onEnd = onEnd;
    }

    @Override
    public void run() {
        String reason = "end of stream";
        byte[] buffer = new byte[16384];
        try {
            InputStream in = link.socket().getInputStream();
            for (;;) {
                int n = in.read(buffer);
                if (n < 0) {
                    break;
                }
                if (link.closing()) {
                    continue; // closing: wait for the peer's end of stream, take nothing more
                }
                List<byte[]> frames;
                try {
                    frames = deframer.push(buffer, 0, n);
                } catch (WireError e) {
                    reason = "bad frame header: " + e.code().wireName() + ": " + e.getMessage();
                    break;
                }
                for (byte[] frame : frames) {
                    onFrame.accept(frame);
                }
            }
        } catch (IOException e) {
            reason = link.closing() ? "closed" : "read failed: " + e.getMessage();
        } catch (RuntimeException e) {
            // One connection's failure never stops the server (or the client's process).
            reason = "failed: " + e;
        } finally {
            link.abort();
            onEnd.accept(reason);
        }
    }
}
