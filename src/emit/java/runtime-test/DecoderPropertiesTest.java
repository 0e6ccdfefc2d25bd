import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Property-style decoder tests (issue 14): JUnit 5 with a seeded
 * java.util.Random, fixed seeds and fixed counts, so every run checks the
 * same inputs. Seeded mutations of the golden valid vectors (a flipped byte,
 * a cut, extra bytes, a changed length field, a swapped message id) either
 * decode to a frame that re-encodes to the same bytes or fail with a
 * WireError of a wire-format code, never with another exception; the same
 * holds for the Deframer fed random splits. The vectors are found as
 * VectorsTest finds them.
 */
class DecoderPropertiesTest {
    private static final long SEED = 0x5EED_0014L;
    /** Mutations in all, spread round-robin over the valid vectors (about 3 s in all on a loaded 2-core machine). */
    private static final int MUTATIONS = 20_000;
    private static final int STREAM_ROUNDS = 200;
    private static final Set<WireError.Code> CODES = EnumSet.allOf(WireError.Code.class);
    private static final List<byte[]> VALID = readValid();

    private static List<byte[]> readValid() {
        String configured = System.getenv("PROTOFORGE_VECTORS");
        Path dir = configured != null && !configured.isEmpty()
                ? Path.of(configured)
                : Path.of(System.getProperty("user.dir")).toAbsolutePath().resolveSibling("vectors");
        try {
            JsonNode manifest = new ObjectMapper().readTree(Files.readString(dir.resolve("manifest.json")));
            List<byte[]> out = new ArrayList<>();
            for (JsonNode entry : manifest.get("valid")) out.add(Files.readAllBytes(dir.resolve(entry.get("bin").asText())));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("no golden vectors at " + dir + ": run protoforge vectors, or set PROTOFORGE_VECTORS", e);
        }
    }

    /** The frame encoded again from what was decoded. */
    private static byte[] reencode(Frame frame) {
        if (frame.isControl()) return Codec.encodeControl(frame.control(), frame.seq(), frame.isResponse());
        return Codec.encodeFrame(frame.message(), frame.seq(), frame.flags());
    }

    private static void putU16(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 8);
        b[at + 1] = (byte) v;
    }

    private static void putU32(byte[] b, int at, long v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }

    /** One seeded mutation of a valid frame; the kind is picked by the random. */
    static byte[] mutate(byte[] valid, Random random) {
        byte[] b = valid.clone();
        switch (random.nextInt(7)) {
            case 0 -> b[random.nextInt(b.length)] ^= (byte) (1 + random.nextInt(255));
            case 1 -> {
                int n = 1 + random.nextInt(4);
                for (int i = 0; i < n; i++) b[random.nextInt(b.length)] = (byte) random.nextInt(256);
            }
            case 2 -> b = Arrays.copyOf(valid, random.nextInt(valid.length));
            case 3 -> {
                b = Arrays.copyOf(valid, valid.length + 1 + random.nextInt(16));
                for (int i = valid.length; i < b.length; i++) b[i] = (byte) random.nextInt(256);
            }
            case 4 -> {
                if (b.length >= Frames.HEADER_BYTES) {
                    long[] lengths = {0, 1, 0xFFFFFFFFL, 0x7FFFFFFFL, 0x80000000L, Codec.MAX_FRAME_BYTES,
                        b.length - Frames.HEADER_BYTES + 1 + random.nextInt(8), Math.max(0, b.length - Frames.HEADER_BYTES - 1 - random.nextInt(8)),
                        random.nextInt() & 0xFFFFFFFFL};
                    putU32(b, 10, lengths[random.nextInt(lengths.length)]);
                }
            }
            case 5 -> {
                if (b.length >= Frames.HEADER_BYTES) putU16(b, 4, random.nextInt(4) == 0 ? random.nextInt(65536) : random.nextInt(16));
            }
            default -> {
                // A payload byte set to an edge value: lengths, counts, tags, booleans.
                if (b.length > Frames.HEADER_BYTES) {
                    int[] edges = {0x00, 0x01, 0x02, 0x7F, 0x80, 0xFE, 0xFF};
                    b[Frames.HEADER_BYTES + random.nextInt(b.length - Frames.HEADER_BYTES)] = (byte) edges[random.nextInt(edges.length)];
                }
            }
        }
        return b;
    }

    private static String hex(byte[] b) {
        StringBuilder s = new StringBuilder();
        for (byte x : b) s.append(String.format("%02x", x & 0xFF));
        return s.toString();
    }

    /** Decodes hostile bytes: a frame that re-encodes to them, or a WireError of a known code. */
    private static void decodeOrWireError(byte[] bytes, String what) {
        Frame frame;
        try {
            frame = Codec.decodeFrame(bytes);
        } catch (WireError e) {
            assertNotNull(e.code(), what);
            assertTrue(CODES.contains(e.code()), what);
            return;
        } catch (RuntimeException | Error e) {
            throw new AssertionError(what + ": " + hex(bytes) + " threw " + e, e);
        }
        byte[] again = reencode(frame);
        if (!Arrays.equals(bytes, again)) fail(what + ": " + hex(bytes) + " decoded but re-encodes as " + hex(again));
    }

    @Test
    void validVectorsRoundTripThroughBytesAndJson() {
        for (byte[] bin : VALID) {
            Frame frame = Codec.decodeFrame(bin);
            assertArrayEquals(bin, reencode(frame));
            if (frame.isControl()) continue;
            Message message = frame.message();
            assertEquals(message, Codec.fromJson(message.messageName(), Codec.toJsonText(message)), hex(bin));
            Envelope read = Codec.fromEnvelope(Codec.parseJson(Json.text(Codec.toEnvelope(message, frame.seq()))));
            assertEquals(message, read.message());
            assertEquals(frame.seq(), read.seq());
        }
    }

    @Test
    void mutatedFramesDecodeCanonicallyOrFailWithAWireError() {
        Random random = new Random(SEED);
        assertTrue(VALID.size() > 0);
        for (int i = 0; i < MUTATIONS; i++) {
            byte[] bytes = mutate(VALID.get(i % VALID.size()), random);
            decodeOrWireError(bytes, "mutation " + i + " of valid vector " + i % VALID.size());
        }
    }

    private static byte[] concat(List<byte[]> frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] f : frames) out.writeBytes(f);
        return out.toByteArray();
    }

    /** Pushes the stream in random pieces; returns the frames, or throws what the Deframer threw. */
    private static List<byte[]> deframe(byte[] all, Random random) {
        Deframer deframer = Codec.newDeframer();
        List<byte[]> out = new ArrayList<>();
        int at = 0;
        while (at < all.length) {
            int n = Math.min(all.length - at, random.nextInt(4) == 0 ? 1 + random.nextInt(64) : random.nextInt(20));
            out.addAll(deframer.push(all, at, n));
            at += n;
        }
        deframer.finish();
        return out;
    }

    @Test
    void theDeframerGivesBackEveryFrameInOrderForRandomSplits() {
        Random random = new Random(SEED + 1);
        for (int round = 0; round < STREAM_ROUNDS; round++) {
            List<byte[]> frames = new ArrayList<>();
            int count = 1 + random.nextInt(12);
            for (int i = 0; i < count; i++) frames.add(VALID.get(random.nextInt(VALID.size())));
            List<byte[]> out = deframe(concat(frames), random);
            assertEquals(frames.size(), out.size(), "round " + round);
            for (int i = 0; i < frames.size(); i++) assertArrayEquals(frames.get(i), out.get(i), "round " + round + " frame " + i);
        }
    }

    @Test
    void theDeframerFedMutatedStreamsFailsOnlyWithWireErrors() {
        Random random = new Random(SEED + 2);
        for (int round = 0; round < STREAM_ROUNDS * 5; round++) {
            List<byte[]> frames = new ArrayList<>();
            int count = 1 + random.nextInt(6);
            for (int i = 0; i < count; i++) {
                byte[] valid = VALID.get(random.nextInt(VALID.size()));
                frames.add(random.nextInt(3) == 0 ? mutate(valid, random) : valid);
            }
            byte[] all = concat(frames);
            String what = "stream round " + round;
            try {
                for (byte[] frame : deframe(all, random)) decodeOrWireError(frame, what);
            } catch (WireError e) {
                assertTrue(CODES.contains(e.code()), what);
            } catch (RuntimeException | Error e) {
                fail(what + ": " + hex(all) + " threw " + e, e);
            }
        }
    }
}
