// Generated once by protoforge; yours to edit.

package dev.protoforge.filetransfer;

import java.util.ArrayDeque;
import java.util.List;

/**
 * What the uploader of file-transfer does with the messages the receiver sends on its own
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
}
