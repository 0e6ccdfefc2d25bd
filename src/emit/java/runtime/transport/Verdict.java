import __PACKAGE__.Message;
import java.util.List;

/** What to do after a received message: send {@code answer} (to a request), then the pushes, then close if {@code close}. */
final class Verdict {
    /** Null: nothing to answer. */
    Message answer;
    boolean close;
    String reason;
    /** The message was refused (not authenticated, out of order, invalid, over the rate limit). */
    final boolean refused;
    /** The handler did not finish within the request timeout. */
    boolean timedOut;
    /** Messages to push once the answer is sent. */
    List<Message> pushes = List.of();

    Verdict(Message answer, boolean close, String reason, boolean refused) {
        this.answer = answer;
        this.close = close;
        this.reason = reason == null ? "" : reason;
        this.refused = refused;
    }

    static Verdict none() {
        return new Verdict(null, false, "", false);
    }

    static Verdict closing(String reason) {
        return new Verdict(null, true, reason, true);
    }
}
