import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict UTF-8 (docs/wire-format.md section 4.1): ill-formed input is
 * {@code invalid_utf8}, never replaced; a byte order mark is kept (Java's
 * decoder does not strip it); a string with a lone surrogate has no UTF-8 form.
 */
final class Utf8 {
    private static final ThreadLocal<CharsetDecoder> DECODER = ThreadLocal.withInitial(
            () -> StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));

    private Utf8() {
    }

    static String decode(byte[] bytes, int offset, int length, String path) {
        boolean ascii = true;
        for (int i = offset; i < offset + length; i++) {
            if (bytes[i] < 0) {
                ascii = false;
                break;
            }
        }
        if (ascii) return new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
        try {
            CharBuffer chars = DECODER.get().reset().decode(ByteBuffer.wrap(bytes, offset, length));
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new WireError(WireError.Code.INVALID_UTF8, "ill-formed UTF-8 in " + length + " bytes", path, null);
        }
    }

    /** The UTF-8 byte length of {@code s}; {@code invalid_utf8} on a lone surrogate. */
    static int length(String s, String path) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n += 1;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new WireError(WireError.Code.INVALID_UTF8, "lone surrogate U+" + Integer.toHexString(c).toUpperCase(java.util.Locale.ROOT) + " at index " + i + " has no UTF-8 form", path, null);
            } else {
                n += 3;
            }
        }
        return n;
    }

    /** The UTF-8 bytes of {@code s}; {@code invalid_utf8} on a lone surrogate. */
    static byte[] encode(String s, String path) {
        length(s, path);
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
