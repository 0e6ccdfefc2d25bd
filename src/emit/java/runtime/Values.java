import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Equality, hashing and text of component values that hold {@code byte[]}
 * (compared by content), directly or inside lists; used by the records whose
 * components hold bytes, where a record's own equals would compare arrays by
 * identity.
 */
final class Values {
    private Values() {
    }

    static boolean equal(Object a, Object b) {
        if (a instanceof byte[] x && b instanceof byte[] y) return Arrays.equals(x, y);
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) return false;
            for (int i = 0; i < x.size(); i++) {
                if (!equal(x.get(i), y.get(i))) return false;
            }
            return true;
        }
        return Objects.equals(a, b);
    }

    static int hash(Object value) {
        if (value instanceof byte[] x) return Arrays.hashCode(x);
        if (value instanceof List<?> x) {
            int h = 1;
            for (Object item : x) h = 31 * h + hash(item);
            return h;
        }
        return Objects.hashCode(value);
    }

    static int hashAll(Object... values) {
        int h = 1;
        for (Object v : values) h = 31 * h + hash(v);
        return h;
    }

    static String text(Object value) {
        if (value instanceof byte[] x) return Arrays.toString(x);
        if (value instanceof List<?> x) {
            List<String> items = new ArrayList<>(x.size());
            for (Object item : x) items.add(text(item));
            return items.toString();
        }
        return String.valueOf(value);
    }

    /** An unmodifiable copy of a list of byte arrays, each copied. */
    static List<byte[]> copyBytes(List<byte[]> list) {
        List<byte[]> out = new ArrayList<>(list.size());
        for (byte[] b : list) out.add(b.clone());
        return Collections.unmodifiableList(out);
    }
}
