/**
 * Base of every transport failure; {@link #code()} names it for programs. Protocol-level
 * failures (bad frames, out-of-order messages) are the layer's WireError and StateError;
 * these are the transport's own: connecting, timeouts, lost connections, undelivered
 * datagrams and HTTP errors.
 */
public class TransportException extends Exception {
    private static final long serialVersionUID = 1L;

    public TransportException(String message) {
        super(message);
    }

    public TransportException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The failure's short code: transport, connect_failed, closed, timeout, delivery_failed, unexpected_answer, http_status. */
    public String code() {
        return "transport";
    }
}
