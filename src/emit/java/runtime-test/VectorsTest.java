import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The golden vectors (docs/wire-format.md section 12): every valid frame
 * decodes to its message or control frame and encodes back to the same bytes;
 * every invalid one fails with the code, path and message the reference
 * codec reports. The vectors are OUT/vectors next to this project, or the
 * folder named by the PROTOFORGE_VECTORS environment variable.
 */
class VectorsTest {
    private static final Path DIR = vectorsDir();
    private static final JsonNode MANIFEST = readManifest();

    private static Path vectorsDir() {
        String configured = System.getenv("PROTOFORGE_VECTORS");
        if (configured != null && !configured.isEmpty()) return Path.of(configured);
        return Path.of(System.getProperty("user.dir")).toAbsolutePath().resolveSibling("vectors");
    }

    private static JsonNode readManifest() {
        try {
            return new ObjectMapper().readTree(Files.readString(DIR.resolve("manifest.json")));
        } catch (IOException e) {
            throw new UncheckedIOException("no golden vectors at " + DIR + ": run protoforge vectors, or set PROTOFORGE_VECTORS", e);
        }
    }

    private static byte[] bytes(JsonNode entry) {
        try {
            return Files.readAllBytes(DIR.resolve(entry.get("bin").asText()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String textOrNull(JsonNode entry, String key) {
        JsonNode node = entry.get(key);
        return node == null || node.isNull() ? null : node.asText();
    }

    @Test
    void manifestIsThisProtocols() {
        assertEquals(Codec.WIRE_VERSION, MANIFEST.get("wireVersion").asInt());
        assertEquals(Codec.MAX_FRAME_BYTES, MANIFEST.get("maxFrameBytes").asInt());
        assertFalse(MANIFEST.get("valid").isEmpty());
        assertFalse(MANIFEST.get("invalid").isEmpty());
    }

    @TestFactory
    List<DynamicTest> validVectorsDecodeAndEncodeByteForByte() {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode entry : MANIFEST.get("valid")) {
            tests.add(DynamicTest.dynamicTest(entry.get("name").asText(), () -> {
                byte[] bin = bytes(entry);
                Frame frame = Codec.decodeFrame(bin);
                long seq = entry.get("seq").asLong();
                int flags = entry.get("flags").asInt();
                assertEquals(seq, frame.seq());
                assertEquals(flags, frame.flags());
                String control = textOrNull(entry, "control");
                if (control != null) {
                    assertNull(frame.message());
                    assertEquals(control, frame.control().name().toLowerCase(Locale.ROOT));
                    assertArrayEquals(bin, Codec.encodeControl(frame.control(), seq, frame.isResponse()));
                    return;
                }
                Message message = frame.message();
                assertNotNull(message);
                assertEquals(entry.get("message").asText(), message.messageName());
                assertEquals(frame.messageId(), message.messageId());
                byte[] again = Codec.encodeFrame(message, seq, flags);
                assertArrayEquals(bin, again);
                assertEquals(message, Codec.decodeFrame(again).message(), "decoding the same bytes twice gives equal records");
                assertEquals(message.hashCode(), Codec.decodeFrame(again).message().hashCode());
            }));
        }
        return tests;
    }

    private static JsonNode jsonFile(JsonNode entry) {
        try {
            return Codec.parseJson(Files.readString(DIR.resolve(entry.get("json").asText())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @TestFactory
    List<DynamicTest> validVectorsJsonEnvelopesMatchTheReferenceByValue() {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode entry : MANIFEST.get("valid")) {
            tests.add(DynamicTest.dynamicTest(entry.get("name").asText() + " (json)", () -> {
                JsonNode expected = jsonFile(entry);
                Frame frame = Codec.decodeFrame(bytes(entry));
                if (frame.isControl()) {
                    ObjectNode envelope = new ObjectMapper().createObjectNode();
                    envelope.put("type", frame.control().name().toLowerCase(Locale.ROOT));
                    envelope.put("seq", frame.seq());
                    envelope.putObject("payload");
                    assertTrue(Codec.sameJson(expected, envelope), expected + " vs " + envelope);
                    return;
                }
                ObjectNode written = Codec.toEnvelope(frame.message(), frame.seq());
                assertTrue(Codec.sameJson(expected, written), "written: " + written + "\nreference: " + expected);
                assertTrue(Codec.sameJson(expected, Codec.parseJson(Json.text(written))), "the envelope's text reads back as the same value");
                Envelope read = Codec.fromEnvelope(expected);
                assertEquals(frame.seq(), read.seq());
                assertEquals(frame.message(), read.message(), "the reference's JSON reads as the decoded frame's message");
                assertEquals(frame.message(), Codec.fromJson(read.type(), Codec.toJsonText(read.message())));
            }));
        }
        return tests;
    }

    @TestFactory
    List<DynamicTest> invalidVectorsFailWithTheReferenceError() {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode entry : MANIFEST.get("invalid")) {
            tests.add(DynamicTest.dynamicTest(entry.get("name").asText(), () -> {
                WireError error = assertThrows(WireError.class, () -> Codec.decodeFrame(bytes(entry)));
                assertEquals(entry.get("error").asText(), error.code().wireName(), error.getMessage());
                assertEquals(textOrNull(entry, "path"), error.path(), error.getMessage());
                assertEquals(textOrNull(entry, "message"), error.messageName(), error.getMessage());
            }));
        }
        return tests;
    }

    @Test
    void theDeframerCutsTheValidFramesOutOfOneStreamInAnyChunks() {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        List<byte[]> frames = new ArrayList<>();
        for (JsonNode entry : MANIFEST.get("valid")) {
            byte[] bin = bytes(entry);
            frames.add(bin);
            stream.writeBytes(bin);
        }
        byte[] all = stream.toByteArray();
        for (int chunk : new int[] {1, 7, 14, 100, all.length}) {
            Deframer deframer = Codec.newDeframer();
            List<byte[]> out = new ArrayList<>();
            for (int at = 0; at < all.length; at += chunk) out.addAll(deframer.push(all, at, Math.min(chunk, all.length - at)));
            deframer.finish();
            assertEquals(frames.size(), out.size(), "frames in chunks of " + chunk);
            for (int i = 0; i < frames.size(); i++) assertArrayEquals(frames.get(i), out.get(i));
        }
        Deframer cut = Codec.newDeframer();
        assertTrue(cut.push(frames.get(0), 0, frames.get(0).length - 1).isEmpty());
        assertEquals("truncated", assertThrows(WireError.class, cut::finish).code().wireName());
    }
}
