/**
 * The one error of the codec (docs/wire-format.md section 7): hostile bytes,
 * values that cannot be encoded, and record components that break the spec's
 * rules. {@link #code()} is shared by every language's codec; {@link #path()}
 * locates the value ({@code Report.readings[2].value}) and is null for
 * frame-level errors; {@link #messageName()} is the message, once known.
 */
public final class WireError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The error codes of the wire format, with their wire spelling. */
    public enum Code {
        TRUNCATED("truncated"),
        BAD_MAGIC("bad_magic"),
        UNSUPPORTED_VERSION("unsupported_version"),
        INVALID_FLAGS("invalid_flags"),
        UNKNOWN_MESSAGE("unknown_message"),
        FRAME_TOO_LARGE("frame_too_large"),
        TRAILING_BYTES("trailing_bytes"),
        INVALID_VALUE("invalid_value"),
        INVALID_UTF8("invalid_utf8"),
        CONSTRAINT_VIOLATED("constraint_violated");

        private final String wireName;

        Code(String wireName) {
            this.wireName = wireName;
        }

        /** The code as the wire format and every other language spell it. */
        public String wireName() {
            return wireName;
        }
    }

    private final Code code;
    private final String detail;
    private final String path;
    private final String messageName;
    /** For an error of a struct built on its own ({@link #inType}): the path inside the struct. */
    private final String inStruct;

    public WireError(Code code, String detail) {
        this(code, detail, null, null);
    }

    public WireError(Code code, String detail, String path, String messageName) {
        this(code, detail, path, messageName, null);
    }

    private WireError(Code code, String detail, String path, String messageName, String inStruct) {
        super(path != null && !path.isEmpty() ? path + ": " + detail : detail);
        this.code = code;
        this.detail = detail;
        this.path = path;
        this.messageName = messageName;
        this.inStruct = inStruct;
    }

    public Code code() {
        return code;
    }

    /** What went wrong, without the path. */
    public String detail() {
        return detail;
    }

    /** Where, e.g. {@code Login.username}; null for frame-level errors. */
    public String path() {
        return path;
    }

    /** The message being decoded or built, once known; else null. */
    public String messageName() {
        return messageName;
    }

    /**
     * The same error one level further out: {@code under("readings")} turns
     * {@code [2].value} into {@code readings[2].value}.
     */
    public WireError under(String segment) {
        return new WireError(code, detail, join(segment, path), messageName);
    }

    /** The same error one list level further out: {@code under(2)} turns {@code value} into {@code [2].value}. */
    public WireError under(int index) {
        return new WireError(code, detail, join("[" + index + "]", path), messageName);
    }

    /** Located in a message: the path starts with the message name. */
    public WireError inMessage(String name) {
        return new WireError(code, detail, path == null ? name : join(name, path), name);
    }

    /** Located in a struct built on its own: the path starts with the struct's name. */
    public WireError inType(String name) {
        return new WireError(code, detail, path == null ? name : join(name, path), messageName, path == null ? "" : path);
    }

    /**
     * For an error of a struct's constructor ({@code Member.username}): the same
     * error with the path inside the struct ({@code username}), to be moved to
     * where the struct is used with {@link #under(String)} and
     * {@link #inMessage(String)}; null for any other error.
     */
    public WireError withinStruct() {
        return inStruct == null ? null : new WireError(code, detail, inStruct, messageName);
    }

    private static String join(String head, String rest) {
        if (rest == null || rest.isEmpty()) return head;
        return rest.startsWith("[") ? head + rest : head + "." + rest;
    }
}
