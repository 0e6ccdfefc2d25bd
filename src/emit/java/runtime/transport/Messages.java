import __PACKAGE__.Codec;
import __PACKAGE__.Message;

/** Helpers on messages the transports share: what kind a message is, and one line describing it. */
final class Messages {
    private Messages() {
    }

    /** The spec's facts about {@code message}. */
    static MessageInfo info(Message message) {
        MessageInfo info = Profile.info(message.messageName());
        if (info == null) {
            throw new IllegalStateException("no message " + message.messageName() + " in the profile");
        }
        return info;
    }

    static boolean isRequest(Message message) {
        return info(message).kind() == MessageInfo.Kind.REQUEST;
    }

    /** {@code Name {json}}, cut to {@code limit} characters: one line for logs and traces. */
    static String describe(Message message, int limit) {
        String text;
        try {
            text = Codec.toJsonText(message);
        } catch (RuntimeException e) {
            text = "?";
        }
        if (text.length() > limit) {
            text = text.substring(0, limit - 3) + "...";
        }
        return message.messageName() + " " + text;
    }

    static String describe(Message message) {
        return describe(message, 160);
    }
}
