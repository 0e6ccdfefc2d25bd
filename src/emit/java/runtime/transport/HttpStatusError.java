/** An HTTP request failed with a 4xx or 5xx status and a JSON error body. */
public class HttpStatusError extends TransportException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String error;

    public HttpStatusError(int status, String error, String message) {
        super("HTTP " + status + " " + error + ": " + message);
        this.status = status;
        this.error = error;
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }

    @Override
    public String code() {
        return "http_status";
    }
}
