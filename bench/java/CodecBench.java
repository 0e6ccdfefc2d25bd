// The codec part of bench/java (`npm run bench:java`): encode and decode of
// the chat's RoomMessage (room plus a ChatMessage with id, sender, text and
// timestamp) with the generated Codec (binary frames), next to Jackson's data
// binding of equivalent records, protobuf-java on the equivalent
// chat_bench.proto, the records' validation alone, and the generated
// (checked) JSON mapping. Fixed
// iteration counts, best of ROUNDS timed rounds after a warm-up.
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.protoforge.chat.ChatMessage;
import dev.protoforge.chat.Codec;
import dev.protoforge.chat.RoomMessage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import protoforge.bench.proto.ChatBenchProto;

final class CodecBench {
    static final int ITERATIONS = 500_000;
    static final int WARMUP = 200_000;
    static final int ROUNDS = 3;
    static final int VARIANTS = 64;
    static final String JACKSON_ENCODE = "Jackson writeValueAsBytes(record)";
    static final String JACKSON_DECODE = "Jackson readValue(bytes, record)";
    static final String PROTOBUF_ENCODE = "protobuf-java toByteArray";
    static final String PROTOBUF_DECODE = "protobuf-java parseFrom";
    private static final String[] TEXTS = {"hi!", "See you at 10 in the usual room, bring the slides please.", "Grüße aus Köln 🌍 — bis morgen", "ok"};

    /** One measured operation: its name, calls per second (best round), and the average size of its bytes (0: it makes none). */
    record Row(String name, double perSecond, double bytesPerMessage) {
    }

    /** One call of an operation on variant `i`; returns something derived from the result, so the JIT cannot drop it. */
    interface Op {
        long run(int i) throws Exception;
    }

    private CodecBench() {
    }

    static List<RoomMessage> roomMessages() {
        List<RoomMessage> out = new ArrayList<>();
        for (int i = 0; i < VARIANTS; i++) {
            out.add(new RoomMessage("room-" + (i % 8),
                    new ChatMessage(1_000_000L + i, "user" + i, TEXTS[i % TEXTS.length] + " #" + i, 1_714_564_800_000L + i * 1000L)));
        }
        return out;
    }

    static long sink;

    static Row measure(String name, double bytesPerMessage, Op op) throws Exception {
        long s = 0;
        for (int i = 0; i < WARMUP; i++) s += op.run(i % VARIANTS);
        long best = Long.MAX_VALUE;
        for (int r = 0; r < ROUNDS; r++) {
            long start = System.nanoTime();
            for (int i = 0; i < ITERATIONS; i++) s += op.run(i % VARIANTS);
            best = Math.min(best, System.nanoTime() - start);
        }
        sink += s;
        return new Row(name, ITERATIONS / (best / 1e9), bytesPerMessage);
    }

    private static double average(byte[][] all) {
        long total = 0;
        for (byte[] b : all) total += b.length;
        return (double) total / all.length;
    }

    static List<Row> rows() throws Exception {
        List<RoomMessage> messages = roomMessages();
        ObjectMapper mapper = new ObjectMapper();
        RoomMessage[] m = messages.toArray(new RoomMessage[0]);
        JsonShapes.JsonRoomMessage[] pojos = new JsonShapes.JsonRoomMessage[VARIANTS];
        ChatBenchProto.RoomMessage[] protos = new ChatBenchProto.RoomMessage[VARIANTS];
        byte[][] frames = new byte[VARIANTS][];
        byte[][] jsonBytes = new byte[VARIANTS][];
        byte[][] protoBytes = new byte[VARIANTS][];
        byte[][] mapped = new byte[VARIANTS][];
        String[] mappedText = new String[VARIANTS];
        for (int i = 0; i < VARIANTS; i++) {
            frames[i] = Codec.encodeFrame(m[i], i + 1);
            pojos[i] = JsonShapes.of(m[i]);
            jsonBytes[i] = mapper.writeValueAsBytes(pojos[i]);
            ChatMessage c = m[i].message();
            protos[i] = ChatBenchProto.RoomMessage.newBuilder()
                    .setRoom(m[i].room())
                    .setMessage(ChatBenchProto.ChatMessage.newBuilder().setMessageId(c.messageId_()).setSender(c.sender()).setText(c.text()).setSentAt(c.sentAt()))
                    .build();
            protoBytes[i] = protos[i].toByteArray();
            mappedText[i] = Codec.toJsonText(m[i]);
            mapped[i] = mappedText[i].getBytes(StandardCharsets.UTF_8);
        }
        List<Row> rows = new ArrayList<>();
        rows.add(measure("Codec.encodeFrame", average(frames), i -> Codec.encodeFrame(m[i], i + 1).length));
        rows.add(measure("Codec.decodeFrame", average(frames), i -> Codec.decodeFrame(frames[i]).seq()));
        rows.add(measure(JACKSON_ENCODE, average(jsonBytes), i -> mapper.writeValueAsBytes(pojos[i]).length));
        rows.add(measure(JACKSON_DECODE, average(jsonBytes),
                i -> mapper.readValue(jsonBytes[i], JsonShapes.JsonRoomMessage.class).room().length()));
        rows.add(measure(PROTOBUF_ENCODE, average(protoBytes), i -> protos[i].toByteArray().length));
        rows.add(measure(PROTOBUF_DECODE, average(protoBytes), i -> ChatBenchProto.RoomMessage.parseFrom(protoBytes[i]).getRoom().length()));
        // What decodeFrame pays that protobuf-java does not: the records' canonical
        // constructors (UTF-8 lengths, the room and sender patterns), alone.
        rows.add(measure("new RoomMessage(new ChatMessage) (checks)", 0, i -> {
            ChatMessage c = m[i].message();
            return new RoomMessage(m[i].room(), new ChatMessage(c.messageId_(), c.sender(), c.text(), c.sentAt())).message().sentAt();
        }));
        rows.add(measure("Codec.toJsonText + UTF-8 (checked)", average(mapped), i -> Codec.toJsonText(m[i]).getBytes(StandardCharsets.UTF_8).length));
        rows.add(measure("UTF-8 + Codec.fromJson (checked)", average(mapped),
                i -> ((RoomMessage) Codec.fromJson("RoomMessage", new String(mapped[i], StandardCharsets.UTF_8))).room().length()));
        if (sink == 0) throw new IllegalStateException("nothing measured");
        return rows;
    }
}
