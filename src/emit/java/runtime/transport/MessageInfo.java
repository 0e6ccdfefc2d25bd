import java.util.List;

/**
 * What the transports need to know about one message of the spec (Profile.info):
 * its kind, which role sends it, its declared answers and error message, and
 * whether it travels RELIABLE on datagrams.
 *
 * @param responses the responses a request is answered with (empty otherwise)
 * @param error the error message answering a request, or null
 */
public record MessageInfo(String name, int id, Kind kind, String sender, List<String> responses, String error, boolean reliable) {
    /** The four kinds of message of the spec. */
    public enum Kind { REQUEST, RESPONSE, ONEWAY, EVENT }

    public MessageInfo {
        responses = List.copyOf(responses);
    }

    public boolean isRequest() {
        return kind == Kind.REQUEST;
    }

    /** Whether {@code answer} (a message name) is one of this request's declared answers. */
    public boolean answersWith(String answer) {
        return responses.contains(answer) || answer.equals(error);
    }

    /** The kind as the spec spells it: request, response, oneway, event. */
    public String kindName() {
        return kind.name().toLowerCase(java.util.Locale.ROOT);
    }
}
