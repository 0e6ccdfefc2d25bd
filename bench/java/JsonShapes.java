// The chat's RoomMessage as plain records for Jackson's data binding: what an
// application without protoforge would send as JSON (snake_case keys, numbers
// as JSON numbers). Part of bench/java (`npm run bench:java`).
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.protoforge.chat.ChatMessage;
import dev.protoforge.chat.RoomMessage;

final class JsonShapes {
    private JsonShapes() {
    }

    record JsonChatMessage(@JsonProperty("message_id") long messageId, @JsonProperty("sender") String sender,
            @JsonProperty("text") String text, @JsonProperty("sent_at") long sentAt) {
    }

    record JsonRoomMessage(@JsonProperty("room") String room, @JsonProperty("message") JsonChatMessage message) {
    }

    /** The same data as the generated record. */
    static JsonRoomMessage of(RoomMessage m) {
        ChatMessage c = m.message();
        return new JsonRoomMessage(m.room(), new JsonChatMessage(c.messageId_(), c.sender(), c.text(), c.sentAt()));
    }
}
