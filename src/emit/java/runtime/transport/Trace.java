/** Receives one line per message sent or received (ServerOptions.trace, ClientOptions.trace). */
@FunctionalInterface
public interface Trace {
    void line(String text);
}
