/** No connection could be made, after every attempt allowed by the retry policy. */
public class ConnectFailed extends TransportException {
    private static final long serialVersionUID = 1L;

    public ConnectFailed(String message) {
        super(message);
    }

    public ConnectFailed(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String code() {
        return "connect_failed";
    }
}
