/**
 * Server-Sent Events as the HTTP mapping uses them (docs/wire-format.md section 10.3).
 *
 * <p>One event per message: {@code event: <Message>}, {@code id: <sequence>}, {@code data: <the
 * envelope as compact JSON>}, then a blank line. A line starting with {@code :} is a comment (the
 * server's keepalive). {@link Parser} reads a stream line by line.
 */
public final class Sse {
    /** The keepalive comment the server writes when it has had nothing to send for a while. */
    public static final String KEEPALIVE = ":\n\n";

    private Sse() {
    }

    /** One event: its name, id (null when it had none) and data lines joined with newlines. */
    public record Event(String event, String id, String data) {
    }

    /** The text of one event; {@code data} is compact JSON on one line. */
    public static String format(String name, long seq, String data) {
        return "event: " + name + "\nid: " + seq + "\ndata: " + data + "\n\n";
    }

    /** Reads an event stream line by line; {@link #line} returns a complete event at its blank line. Not thread-safe. */
    public static final class Parser {
        private String event = "message";
        private String id;
        private final StringBuilder data = new StringBuilder();
        private boolean hasData;

        /** One line, with or without its line end; the event it completes, else null. */
        public Event line(String raw) {
            String line = raw;
            if (line.endsWith("\n")) line = line.substring(0, line.length() - 1);
            if (line.endsWith("\r")) line = line.substring(0, line.length() - 1);
            if (line.isEmpty()) {
                if (!hasData) {
                    event = "message";
                    return null;
                }
                Event done = new Event(event, id, data.toString());
                event = "message";
                data.setLength(0);
                hasData = false;
                return done;
            }
            if (line.startsWith(":")) return null;
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) value = value.substring(1);
            switch (field) {
                case "event" -> event = value;
                case "data" -> {
                    if (hasData) data.append('\n');
                    data.append(value);
                    hasData = true;
                }
                case "id" -> id = value;
                default -> {
                }
            }
            return null;
        }
    }
}
