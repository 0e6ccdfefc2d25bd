/** The peer answered a request with a message the spec does not allow as its answer. */
public class UnexpectedAnswer extends TransportException {
    private static final long serialVersionUID = 1L;
    private final String request;
    private final String answer;

    public UnexpectedAnswer(String request, String answer) {
        super(request + " was answered with " + answer + ", which is not one of its declared answers");
        this.request = request;
        this.answer = answer;
    }

    public String request() {
        return request;
    }

    public String answer() {
        return answer;
    }

    @Override
    public String code() {
        return "unexpected_answer";
    }
}
