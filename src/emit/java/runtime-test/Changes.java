import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;

/**
 * What the generated ValidationTest and JsonTest share: the reference's
 * outcomes, a message with one value changed (rebuilt through the records'
 * canonical constructors, so "validate" is building it), and the checks.
 *
 * <p>Where a refusal's path comes from: a record checks its components in its
 * constructor. A message's constructor reports the full path
 * ({@code Login.username}); a struct's reports a path that starts with the
 * struct's name ({@code Member.username}), because a struct built on its own
 * cannot know where it will be used. {@link #withValue} rebuilds the message
 * from the changed value outward and moves a struct's error to where the
 * struct is, step by step ({@link WireError#withinStruct()}, then
 * {@code under(field)}, {@code under(index)}, {@code inMessage(name)}), which
 * gives the reference's full path ({@code JoinOk.summary.members[0].username}).
 */
final class Changes {
    private Changes() {
    }

    /** What the reference codec says of a value: accepted (code null) or refused with a code and a path. */
    record Outcome(String code, String path) {
        boolean ok() {
            return code == null;
        }

        static Outcome of(WireError e) {
            return new Outcome(e.code().wireName(), e.path());
        }

        @Override
        public String toString() {
            return ok() ? "accepted" : code + " at " + path;
        }
    }

    static Outcome ok() {
        return new Outcome(null, null);
    }

    static Outcome refused(String code, String path) {
        return new Outcome(code, path);
    }

    /** A struct's error on its way out to the message. */
    private static final class Moved extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient WireError error;

        Moved(WireError error) {
            super(error.getMessage(), null, false, false);
            this.error = error;
        }
    }

    /**
     * {@code sample} with the value at {@code at} replaced by {@code leaf}.
     * A step is a record component ({@code "members"}, or {@code "userName=user_name"}
     * when the spec's field name differs) or a list index.
     */
    static Message withValue(Message sample, Object[] at, Object leaf) {
        try {
            return (Message) replace(sample, at, 0, leaf);
        } catch (Moved e) {
            throw e.error.inMessage(sample.messageName());
        }
    }

    private static Object replace(Object value, Object[] at, int k, Object leaf) {
        if (k == at.length) return leaf;
        Object step = at[k];
        if (step instanceof Integer index) {
            List<Object> copy = new ArrayList<>((List<?>) value);
            try {
                copy.set(index, replace(copy.get(index), at, k + 1, leaf));
            } catch (Moved e) {
                throw new Moved(e.error.under(index));
            }
            return copy;
        }
        String[] names = ((String) step).split("=", 2);
        String component = names[0];
        String field = names.length > 1 ? names[1] : names[0];
        RecordComponent[] components = value.getClass().getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] args = new Object[components.length];
        boolean found = false;
        try {
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                args[i] = components[i].getAccessor().invoke(value);
                if (components[i].getName().equals(component)) {
                    found = true;
                    try {
                        args[i] = replace(args[i], at, k + 1, leaf);
                    } catch (Moved e) {
                        throw new Moved(e.error.under(field));
                    }
                }
            }
            if (!found) throw new AssertionError(value.getClass().getSimpleName() + " has no component " + component);
            return value.getClass().getDeclaredConstructor(types).newInstance(args);
        } catch (InvocationTargetException e) {
            if (!(e.getCause() instanceof WireError w)) throw new AssertionError(e.getCause());
            if (value instanceof Message) throw w;
            WireError inside = w.withinStruct();
            throw new Moved(inside == null ? w : inside);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    /** One validation case: building the changed message gives the reference's validation outcome, and then its encoding outcome. */
    static DynamicTest check(String what, Message sample, Object[] at, Object leaf, Outcome validate, Outcome encode) {
        return DynamicTest.dynamicTest(what, () -> {
            Message changed;
            try {
                changed = withValue(sample, at, leaf);
            } catch (WireError e) {
                assertFalse(validate.ok(), "the reference accepts it, the constructor refused: " + e.getMessage());
                assertEquals(validate, Outcome.of(e), e.getMessage());
                return;
            }
            assertTrue(validate.ok(), "built, but the reference refuses it: " + validate);
            accepted(changed, encode);
        });
    }

    /**
     * A valid message: its JSON (tree and text) reads back equal, and its frame
     * decodes back equal, or fails as the reference's encoding does
     * (frame_too_large compared by code only: where a frame overflows is the
     * encoder's business).
     */
    static void accepted(Message m, Outcome encode) {
        assertEquals(m, Codec.fromJson(m.messageName(), Codec.toJson(m)));
        assertEquals(m, Codec.fromJson(m.messageName(), Codec.toJsonText(m)));
        if (encode.ok()) {
            assertEquals(m, Codec.decodeFrame(Codec.encodeFrame(m, 1)).message());
            return;
        }
        WireError e = assertThrows(WireError.class, () -> Codec.encodeFrame(m, 1));
        if (encode.code().equals("frame_too_large")) assertEquals(encode.code(), e.code().wireName(), e.getMessage());
        else assertEquals(encode, Outcome.of(e), e.getMessage());
    }

    /** What fromJson does with a JSON text: ok, or the WireError's code and path. */
    static Outcome fromJson(String name, String text) {
        try {
            Codec.fromJson(name, text);
            return ok();
        } catch (WireError e) {
            return Outcome.of(e);
        }
    }

    /** One JSON case: fromJson gives the reference's outcome. */
    static DynamicTest json(String what, String name, String text, Outcome expected) {
        return DynamicTest.dynamicTest(what, () -> assertEquals(expected, fromJson(name, text), text));
    }

    /** Runs {@code run}, which must fail with a WireError of {@code code} at {@code path}. */
    static void refusedWith(String code, String path, Runnable run) {
        WireError e = assertThrows(WireError.class, run::run);
        assertEquals(refused(code, path), Outcome.of(e), e.getMessage());
    }
}
