// Generated once by protoforge; yours to edit.

package dev.protoforge.chat;

import java.util.ArrayDeque;
import java.util.List;

/**
 * What the client of chat does with the messages the server sends on its own
 * (they also go to the client's event queue, `nextEvent`).
 *
 * <p>Generated once; edit freely, protoforge does not overwrite this file. The handlers run on the
 * client's own thread, one message at a time.
 */
public class ClientHandlers {
    /** How many handled messages `received()` keeps. */
    public static final int KEEP = 1000;

    private final ArrayDeque<Message> received = new ArrayDeque<>();

    /** Every message handled, oldest first (the last KEEP): the default store. A copy. */
    public synchronized List<Message> received() {
        return List.copyOf(received);
    }

    /** Keeps `message` in `received()`. */
    public synchronized void remember(Message message) {
        received.addLast(message);
        if (received.size() > KEEP) {
            received.removeFirst();
        }
    }

    /** A message posted to one of the user's rooms, pushed to every member of the room. */
    public void onRoomMessage(RoomMessage message) {
        remember(message);
    }

    /** A member of one of the user's rooms came, went or changed status. Not sent about the user's own joins and leaves. */
    public void onPresenceUpdate(PresenceUpdate message) {
        remember(message);
    }

    /** Another member is typing (or stopped). Receivers hide the indicator 6 s after the last active notice. Best effort: may be lost. */
    public void onMemberTyping(MemberTyping message) {
        remember(message);
    }

    /** The user was removed from a room by a moderator; no more events of the room follow. The user may join again. */
    public void onKicked(Kicked message) {
        remember(message);
    }
}
