/** No answer came within the request timeout. */
public class RequestTimeout extends TransportException {
    private static final long serialVersionUID = 1L;

    public RequestTimeout(String message) {
        super(message);
    }

    public RequestTimeout(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String code() {
        return "timeout";
    }
}
