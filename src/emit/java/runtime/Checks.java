/**
 * The errors the generated checks throw (docs/wire-format.md sections 4 to 7),
 * at a path relative to the value being checked; the enclosing struct, list
 * and message move it outward ({@link WireError#under(String)}).
 */
final class Checks {
    private Checks() {
    }

    private static WireError invalid(String path, String detail) {
        return new WireError(WireError.Code.INVALID_VALUE, detail, path, null);
    }

    private static WireError violated(String path, String detail) {
        return new WireError(WireError.Code.CONSTRAINT_VIOLATED, detail, path, null);
    }

    /** A required component that is null. */
    static WireError missing(String path) {
        return invalid(path, "missing: a required value is null");
    }

    /** An integer outside its wire type's range. */
    static WireError outOfType(String path, long value, String range) {
        return invalid(path, value + " is outside " + range);
    }

    static WireError notFinite(String path, double value) {
        return invalid(path, value + " is not a finite number");
    }

    static WireError badEnum(String path, int value, String enumName) {
        return invalid(path, value + " is not a value of enum " + enumName);
    }

    static WireError belowMin(String path, String value, String min) {
        return violated(path, value + " is below min " + min);
    }

    static WireError aboveMax(String path, String value, String max) {
        return violated(path, value + " is above max " + max);
    }

    static WireError lengthBelow(String path, int length, int min) {
        return violated(path, "length of " + length + " bytes is below min " + min);
    }

    static WireError lengthAbove(String path, int length, int max) {
        return violated(path, "length of " + length + " bytes is above max " + max);
    }

    static WireError itemsBelow(String path, int count, int min) {
        return violated(path, count + " items is below min " + min);
    }

    static WireError itemsAbove(String path, int count, int max) {
        return violated(path, count + " items is above max " + max);
    }

    static WireError patternMismatch(String path, String value, String pattern) {
        String shown = value.length() > 40 ? "a string of " + value.length() + " characters" : "\"" + value + "\"";
        return violated(path, shown + " does not match pattern /" + pattern + "/");
    }
}
