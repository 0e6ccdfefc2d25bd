import __PACKAGE__.Message;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** The sessions of one server, and named groups of them (rooms, topics) for broadcasts. Thread-safe. */
public final class Hub {
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, ServerSession> sessions = new LinkedHashMap<>();
    private final Map<String, Map<Long, ServerSession>> groups = new LinkedHashMap<>();

    /** A new number, 1, 2, ... (session ids; handlers may use it too). */
    public long nextId() {
        return ids.incrementAndGet();
    }

    /** The open sessions, oldest first. */
    public synchronized List<ServerSession> sessions() {
        return List.copyOf(sessions.values());
    }

    synchronized void add(ServerSession session) {
        sessions.put(session.id(), session);
    }

    synchronized void remove(ServerSession session) {
        sessions.remove(session.id());
        for (String group : List.copyOf(session.groupSet())) {
            leave(group, session);
        }
    }

    /** Adds {@code session} to {@code group}. */
    public synchronized void join(String group, ServerSession session) {
        if (session.closed()) {
            return;
        }
        groups.computeIfAbsent(group, g -> new LinkedHashMap<>()).put(session.id(), session);
        session.groupSet().add(group);
    }

    /** Removes {@code session} from {@code group}. */
    public synchronized void leave(String group, ServerSession session) {
        Map<Long, ServerSession> members = groups.get(group);
        if (members != null) {
            members.remove(session.id());
            if (members.isEmpty()) {
                groups.remove(group);
            }
        }
        session.groupSet().remove(group);
    }

    /** The sessions in {@code group}, in the order they joined. */
    public synchronized List<ServerSession> members(String group) {
        Map<Long, ServerSession> members = groups.get(group);
        return members == null ? List.of() : List.copyOf(members.values());
    }

    /**
     * Pushes {@code message} to every session (of {@code group}, null: all) that may receive it now,
     * except {@code exclude} (nullable); returns how many got it.
     */
    public int broadcast(Message message, String group, ServerSession exclude) {
        List<ServerSession> targets = group != null ? members(group) : sessions();
        List<ServerSession> chosen = new ArrayList<>();
        for (ServerSession session : targets) {
            if (session != exclude && session.canPush(message)) {
                chosen.add(session);
            }
        }
        int delivered = 0;
        for (ServerSession session : chosen) {
            if (session.push(message)) {
                delivered++;
            }
        }
        return delivered;
    }

    /** {@code broadcast(message, null, null)}: every session. */
    public int broadcast(Message message) {
        return broadcast(message, null, null);
    }
}
