/**
 * Diagnostics (Python's logging, JavaScript's NODE_DEBUG): silent unless the system
 * property {@code protoforge.debug} is true or the environment variable
 * {@code PROTOFORGE_DEBUG} is set; then one line per event on stderr.
 */
final class Debug {
    static final boolean ON = Boolean.getBoolean("protoforge.debug") || System.getenv("PROTOFORGE_DEBUG") != null;

    private Debug() {
    }

    static void log(String text) {
        if (ON) {
            System.err.println("protoforge " + ProcessHandle.current().pid() + ": " + text);
        }
    }
}
