/**
 * A message that the role's current state has no transition for
 * (docs/wire-format.md, role machines): code {@code unexpected_message}, the
 * role, the state, the message and whether it was sent or received. The
 * machine's state is left as it was.
 */
public final class StateError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String role;
    private final String state;
    private final String messageName;
    private final String action;

    public StateError(String role, String state, String messageName, String action) {
        super("the " + role + " cannot " + (action == null ? "handle" : action) + " " + messageName + " in state " + state);
        this.role = role;
        this.state = state;
        this.messageName = messageName;
        this.action = action;
    }

    /** Always {@code unexpected_message}, the code every language's StateError carries. */
    public String code() {
        return "unexpected_message";
    }

    public String role() {
        return role;
    }

    public String state() {
        return state;
    }

    public String messageName() {
        return messageName;
    }

    /** {@code send} or {@code receive}. */
    public String action() {
        return action;
    }
}
