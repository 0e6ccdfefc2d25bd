/** The connection closed (or was never opened) while a message was on its way. */
public class ConnectionClosed extends TransportException {
    private static final long serialVersionUID = 1L;

    public ConnectionClosed(String message) {
        super(message);
    }

    public ConnectionClosed(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String code() {
        return "closed";
    }
}
