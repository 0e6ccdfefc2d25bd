import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigInteger;
import java.util.Base64;
import java.util.Iterator;
import java.util.regex.Pattern;

/**
 * The JSON mapping's scalar rules (docs/wire-format.md section 9) over
 * Jackson's tree: the readers check the JSON type and the value's type range
 * and throw {@code invalid_value} at the path they are given; the writers
 * make the nodes. The generated JsonPayloads reads and writes fields with
 * them, straight-line, without data binding.
 */
final class Json {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final JsonFactory FACTORY = JsonFactory.builder().build();
    private static final Pattern SIGNED_DECIMAL = Pattern.compile("-?(?:0|[1-9][0-9]{0,19})");
    private static final Pattern UNSIGNED_DECIMAL = Pattern.compile("(?:0|[1-9][0-9]{0,19})");
    private static final Pattern BASE64 = Pattern.compile("(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?");
    private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    private static final BigInteger INT64_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger INT64_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private Json() {
    }

    // ---- text ----

    /**
     * Parses one JSON value. Unlike a default ObjectMapper, {@code -0} stays a
     * negative zero (a float field's value), and text after the value is refused.
     * Anything that is not JSON (NaN, Infinity, a cut text) is {@code invalid_value}.
     */
    static JsonNode parse(String text) {
        if (text == null) throw new WireError(WireError.Code.INVALID_VALUE, "expected JSON text, got null");
        try (JsonParser p = FACTORY.createParser(text)) {
            JsonToken first = p.nextToken();
            if (first == null) throw new WireError(WireError.Code.INVALID_VALUE, "not JSON: the text is empty");
            JsonNode root = value(p, first);
            if (p.nextToken() != null) throw new WireError(WireError.Code.INVALID_VALUE, "not JSON: text after the value");
            return root;
        } catch (JsonProcessingException e) {
            throw new WireError(WireError.Code.INVALID_VALUE, "not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new WireError(WireError.Code.INVALID_VALUE, "not JSON: " + e.getMessage());
        }
    }

    private static JsonNode value(JsonParser p, JsonToken t) throws IOException {
        switch (t) {
            case START_OBJECT: {
                ObjectNode o = NODES.objectNode();
                for (JsonToken k = p.nextToken(); k != JsonToken.END_OBJECT; k = p.nextToken()) {
                    String name = p.currentName();
                    o.set(name, value(p, p.nextToken()));
                }
                return o;
            }
            case START_ARRAY: {
                ArrayNode a = NODES.arrayNode();
                for (JsonToken k = p.nextToken(); k != JsonToken.END_ARRAY; k = p.nextToken()) a.add(value(p, k));
                return a;
            }
            case VALUE_STRING:
                return NODES.textNode(p.getText());
            case VALUE_NUMBER_INT:
                if ("-0".equals(p.getText())) return NODES.numberNode(-0.0);
                switch (p.getNumberType()) {
                    case INT:
                        return NODES.numberNode(p.getIntValue());
                    case LONG:
                        return NODES.numberNode(p.getLongValue());
                    default:
                        return NODES.numberNode(p.getBigIntegerValue());
                }
            case VALUE_NUMBER_FLOAT:
                return NODES.numberNode(p.getDoubleValue());
            case VALUE_TRUE:
                return NODES.booleanNode(true);
            case VALUE_FALSE:
                return NODES.booleanNode(false);
            case VALUE_NULL:
                return NODES.nullNode();
            default:
                throw new WireError(WireError.Code.INVALID_VALUE, "not JSON: unexpected " + t);
        }
    }

    /** Compact JSON text of a tree (Jackson's number spelling: equal by value to the reference's, section 9). */
    static String text(JsonNode node) {
        return node.toString();
    }

    /** Whether two trees are the same JSON value: key order does not matter, numbers compare as values (-0 is not 0). */
    static boolean same(JsonNode a, JsonNode b) {
        if (a == null || b == null) return a == b;
        if (a.isNumber() && b.isNumber()) {
            if (a.isIntegralNumber() && b.isIntegralNumber()) return a.bigIntegerValue().equals(b.bigIntegerValue());
            return Double.compare(a.doubleValue(), b.doubleValue()) == 0;
        }
        if (a.isObject() && b.isObject()) {
            if (a.size() != b.size()) return false;
            for (Iterator<String> keys = a.fieldNames(); keys.hasNext();) {
                String key = keys.next();
                if (!same(a.get(key), b.get(key))) return false;
            }
            return true;
        }
        if (a.isArray() && b.isArray()) {
            if (a.size() != b.size()) return false;
            for (int i = 0; i < a.size(); i++) {
                if (!same(a.get(i), b.get(i))) return false;
            }
            return true;
        }
        return a.equals(b);
    }

    // ---- readers ----

    private static WireError invalid(String path, String detail) {
        return new WireError(WireError.Code.INVALID_VALUE, detail, path, null);
    }

    private static String describe(JsonNode n) {
        if (n == null) return "nothing";
        if (n.isTextual()) return "a string";
        if (n.isNumber()) return "the number " + n.asText();
        if (n.isBoolean()) return n.asText();
        if (n.isNull()) return "null";
        if (n.isArray()) return "an array";
        return "an object";
    }

    /** A payload or struct: an object. */
    static ObjectNode object(JsonNode n, String what, String path) {
        if (n instanceof ObjectNode o) return o;
        throw invalid(path, "expected an object (" + what + "), got " + describe(n));
    }

    /** A required field: present and not null. */
    static JsonNode required(ObjectNode o, String key) {
        JsonNode n = o.get(key);
        if (n == null) throw invalid(key, "required field is missing");
        if (n.isNull()) throw invalid(key, "required field is null");
        return n;
    }

    /** An optional field: null when the key is absent or null. */
    static JsonNode optional(ObjectNode o, String key) {
        JsonNode n = o.get(key);
        return n == null || n.isNull() ? null : n;
    }

    /** Refuses the first key (in the text's order) that is not one of the struct's fields. */
    static void onlyKeys(ObjectNode o, String struct, String... names) {
        for (Iterator<String> keys = o.fieldNames(); keys.hasNext();) {
            String key = keys.next();
            boolean known = false;
            for (String name : names) {
                if (name.equals(key)) {
                    known = true;
                    break;
                }
            }
            if (!known) throw invalid(key, "unknown field in struct " + struct);
        }
    }

    static ArrayNode array(JsonNode n, String path) {
        if (n instanceof ArrayNode a) return a;
        throw invalid(path, "expected an array, got " + describe(n));
    }

    static boolean readBool(JsonNode n, String path) {
        if (!n.isBoolean()) throw invalid(path, "expected a boolean, got " + describe(n));
        return n.booleanValue();
    }

    /** An integer of at most 32 bits: a JSON number that is integral (5.0 and 5e0 are) and within lo..hi. */
    static long readInteger(JsonNode n, long lo, long hi, String type, String path) {
        if (n.isIntegralNumber()) {
            if (n.canConvertToLong()) {
                long v = n.longValue();
                if (v >= lo && v <= hi) return v;
            }
        } else if (n.isNumber()) {
            double d = n.doubleValue();
            if (d == Math.rint(d) && d >= lo && d <= hi) return (long) d;
        }
        throw invalid(path, "expected an integer in " + lo + ".." + hi + " (" + type + "), got " + describe(n));
    }

    /** int64, uint64 (the same 64 bits in a long) and timestamps: a decimal string only. */
    static long readInt64(JsonNode n, boolean signed, String type, String path) {
        String s = n.isTextual() ? n.textValue() : null;
        if (s == null || !(signed ? SIGNED_DECIMAL : UNSIGNED_DECIMAL).matcher(s).matches() || s.equals("-0")) {
            throw invalid(path, "expected a decimal string (" + type + "), got " + describe(n));
        }
        BigInteger v = new BigInteger(s);
        if (v.compareTo(signed ? INT64_MIN : BigInteger.ZERO) < 0 || v.compareTo(signed ? INT64_MAX : UINT64_MAX) > 0) {
            throw invalid(path, s + " is outside the range of " + type);
        }
        return v.longValue();
    }

    static double readFloat64(JsonNode n, String path) {
        if (!n.isNumber()) throw invalid(path, "expected a finite number, got " + describe(n));
        double d = n.doubleValue();
        if (!Double.isFinite(d)) throw invalid(path, "expected a finite number, got " + describe(n));
        return d;
    }

    /** A finite number rounded to the nearest float32, which must stay finite. */
    static float readFloat32(JsonNode n, String path) {
        double d = readFloat64(n, path);
        float f = (float) d;
        if (Float.isInfinite(f)) throw invalid(path, d + " is outside the range of float32");
        return f;
    }

    static String readString(JsonNode n, String path) {
        if (!n.isTextual()) throw invalid(path, "expected a string, got " + describe(n));
        return n.textValue();
    }

    /** Standard base64 with padding, canonical only (decoding and encoding again gives the same text). */
    static byte[] readBase64(JsonNode n, String path) {
        if (!n.isTextual()) throw invalid(path, "expected a base64 string, got " + describe(n));
        String s = n.textValue();
        if (!BASE64.matcher(s).matches()) throw invalid(path, "not standard base64 with padding");
        byte[] bytes = Base64.getDecoder().decode(s);
        if (!Base64.getEncoder().encodeToString(bytes).equals(s)) throw invalid(path, "not canonical base64 (unused bits must be zero)");
        return bytes;
    }

    /** An enum value's name (the caller looks it up). */
    static String readEnumName(JsonNode n, String enumName, String path) {
        if (!n.isTextual()) throw badEnum(path, n, enumName);
        return n.textValue();
    }

    static WireError badEnum(String path, JsonNode n, String enumName) {
        return invalid(path, "expected a value name of enum " + enumName + ", got " + describe(n));
    }

    static WireError badEnum(String path, String name, String enumName) {
        return invalid(path, "\"" + name + "\" is not a value name of enum " + enumName);
    }

    // ---- writers ----

    static ObjectNode object() {
        return NODES.objectNode();
    }

    static ArrayNode array() {
        return NODES.arrayNode();
    }

    static JsonNode bool(boolean v) {
        return NODES.booleanNode(v);
    }

    static JsonNode number(long v) {
        return NODES.numberNode(v);
    }

    /** A float32 is written as its exact value widened to double (0.1f as 0.10000000149011612). */
    static JsonNode number(double v) {
        return NODES.numberNode(v);
    }

    static JsonNode int64(long v) {
        return NODES.textNode(Long.toString(v));
    }

    static JsonNode uint64(long v) {
        return NODES.textNode(Long.toUnsignedString(v));
    }

    static JsonNode string(String v) {
        return NODES.textNode(v);
    }

    static JsonNode base64(byte[] v) {
        return NODES.textNode(Base64.getEncoder().encodeToString(v));
    }
}
