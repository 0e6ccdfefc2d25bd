import __PACKAGE__.transport.ServerSession;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;

/**
 * The state of the behaviour engine (Behaviour.java), whatever the spec: sessions by identity, resume
 * tokens (single use), groups with members and attributes, a bounded history with numbered items, and
 * the answers kept for idempotent requests. The engine decides what to check and send; this keeps the
 * state and the hub's groups in step with it.
 *
 * <p>Every method runs while holding {@code monitor} (the engine's methods are synchronized on it; the
 * sweeper takes it too). A session whose connection is lost without its end stays resumable for the
 * resume window: its memberships are kept, events to it are dropped, and a resumption puts the new
 * connection in its place. Lost connections are found by a sweep of the open sessions every
 * {@link #SWEEP_MS} ms (the hub keeps no listeners).
 */
public final class BehaviourState {
    /** How often the sweeper looks for sessions whose connection is gone. */
    public static final long SWEEP_MS = 50;

    /** One recorded item of a group's history, and the event that carried it (for replays). */
    public static final class HistoryEntry {
        private final long id;
        private final Object item;
        private Message event;

        HistoryEntry(long id, Object item) {
            this.id = id;
            this.item = item;
        }

        public long id() {
            return id;
        }

        public Object item() {
            return item;
        }

        /** Keeps the event that carried the item, for replays. */
        public void event(Message event) {
            this.event = event;
        }
    }

    /** A session by identity: its connection (null while it waits to be resumed), its token, its kept answers. */
    public static final class SessionRecord {
        private final String identity;
        private ServerSession session;
        private String token;
        private final LinkedHashMap<String, Message> answers = new LinkedHashMap<>();
        private final Map<String, Long> sequences = new HashMap<>();
        private ScheduledFuture<?> expiry;

        SessionRecord(String identity, ServerSession session) {
            this.identity = identity;
            this.session = session;
        }

        public String identity() {
            return identity;
        }
    }

    /** A member of a group: its session record and the attributes it holds there. */
    public static final class MemberState {
        private final SessionRecord record;
        private final Set<String> attributes;

        MemberState(SessionRecord record, List<String> attributes) {
            this.record = record;
            this.attributes = new LinkedHashSet<>(attributes);
        }

        public SessionRecord record() {
            return record;
        }

        public boolean has(String attribute) {
            return attributes.contains(attribute);
        }
    }

    /** One group (a room): its members by identity, in joining order, and its history. */
    public static final class GroupState {
        private final String kind;
        private final String key;
        private final LinkedHashMap<String, MemberState> members = new LinkedHashMap<>();
        private final ArrayDeque<HistoryEntry> history = new ArrayDeque<>();

        GroupState(String kind, String key) {
            this.kind = kind;
            this.key = key;
        }

        public String kind() {
            return kind;
        }

        public String key() {
            return key;
        }

        public int size() {
            return members.size();
        }

        /** The member with {@code identity}, or null. */
        public MemberState member(String identity) {
            return members.get(identity);
        }

        /** The members, in joining order. */
        public List<MemberState> members() {
            return List.copyOf(members.values());
        }

        /** The recorded items, oldest first. */
        public List<Object> items() {
            List<Object> out = new ArrayList<>();
            for (HistoryEntry e : history) {
                out.add(e.item);
            }
            return out;
        }
    }

    private final Object monitor;
    private final Long windowMs;
    private final BiFunction<String, String, String> hubGroup;
    private final BiConsumer<SessionRecord, GroupState> onLeft;
    private final Map<String, SessionRecord> byIdentity = new HashMap<>();
    private final Map<ServerSession, SessionRecord> bySession = new LinkedHashMap<>();
    private final Map<String, SessionRecord> byToken = new HashMap<>();
    private final Map<String, LinkedHashMap<String, GroupState>> groups = new LinkedHashMap<>();
    private long itemIds;
    private ScheduledExecutorService timers;

    /**
     * {@code windowMs}: how long a lost session stays resumable (null: it ends with its connection);
     * {@code hubGroup}: the hub's name of a group (kind, key); {@code onLeft}: called for each group a
     * session leaves when it ends.
     */
    public BehaviourState(Object monitor, Long windowMs, BiFunction<String, String, String> hubGroup, BiConsumer<SessionRecord, GroupState> onLeft) {
        this.monitor = monitor;
        this.windowMs = windowMs;
        this.hubGroup = hubGroup;
        this.onLeft = onLeft;
    }

    // --- sessions ------------------------------------------------------------------

    private ScheduledExecutorService timers() {
        if (timers == null) {
            timers = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "behaviour-timers");
                t.setDaemon(true);
                return t;
            });
            timers.scheduleWithFixedDelay(this::sweep, SWEEP_MS, SWEEP_MS, TimeUnit.MILLISECONDS);
        }
        return timers;
    }

    private void sweep() {
        synchronized (monitor) {
            for (ServerSession session : List.copyOf(bySession.keySet())) {
                if (session.closed()) {
                    dropped(session);
                }
            }
        }
    }

    private void track(ServerSession session, SessionRecord record) {
        timers();
        bySession.put(session, record);
    }

    /** The session record of {@code session}: the one it opened, or one without identity. */
    public SessionRecord sender(ServerSession session) {
        SessionRecord record = bySession.get(session);
        if (record == null) {
            record = new SessionRecord("#" + session.id(), session);
            track(session, record);
        }
        return record;
    }

    /** Whether a session with a live connection has {@code identity}. */
    public boolean taken(String identity) {
        SessionRecord held = byIdentity.get(identity);
        if (held != null && held.session != null && held.session.closed()) {
            dropped(held.session);
        }
        return held != null && held.session != null;
    }

    /** Opens the session of {@code identity} on {@code session}; one waiting to be resumed under it ends first. */
    public SessionRecord open(ServerSession session, String identity) {
        SessionRecord held = byIdentity.get(identity);
        if (held != null) {
            end(held);
        }
        SessionRecord before = bySession.get(session);
        if (before != null && before != held) {
            end(before);
        }
        SessionRecord record = new SessionRecord(identity, session);
        byIdentity.put(identity, record);
        track(session, record);
        return record;
    }

    /** A fresh token of {@code record} (the one before is spent). */
    public byte[] issue(SessionRecord record, byte[] bytes) {
        if (record.token != null) {
            byToken.remove(record.token);
        }
        record.token = HexFormat.of().formatHex(bytes);
        byToken.put(record.token, record);
        return bytes;
    }

    /**
     * The session {@code token} resumes, or null: one waiting to be resumed, or one whose connection still
     * looks live (a half-open connection the server has not seen go yet), which the resumption takes over.
     */
    public SessionRecord resumable(byte[] token) {
        SessionRecord record = byToken.get(HexFormat.of().formatHex(token));
        if (record != null && record.session != null && record.session.closed()) {
            dropped(record.session);
        }
        return byToken.get(HexFormat.of().formatHex(token));
    }

    /**
     * {@code session} takes over {@code record} (closing the connection it had, if any); its groups of the
     * kinds in {@code restores} come back, the others end.
     */
    public void resume(ServerSession session, SessionRecord record, List<String> restores) {
        if (record.expiry != null) {
            record.expiry.cancel(false);
        }
        record.expiry = null;
        ServerSession previous = record.session;
        if (previous != null && previous != session) {
            bySession.remove(previous);
            for (GroupState group : groupsOf(record, null)) {
                previous.hub().leave(hubGroup.apply(group.kind, group.key), previous);
            }
            previous.close("its session was resumed on another connection");
        }
        record.session = session;
        track(session, record);
        for (GroupState group : groupsOf(record, null)) {
            if (restores.contains(group.kind)) {
                session.hub().join(hubGroup.apply(group.kind, group.key), session);
            } else {
                leaveWithNotice(record, group);
            }
        }
    }

    /** The connection of {@code session} is gone: its session waits to be resumed, or ends. */
    private void dropped(ServerSession session) {
        SessionRecord record = bySession.remove(session);
        if (record == null || record.session != session) {
            return;
        }
        record.session = null;
        if (windowMs == null || record.token == null) {
            end(record);
            return;
        }
        record.expiry = timers().schedule(() -> {
            synchronized (monitor) {
                if (record.session == null) {
                    end(record);
                }
            }
        }, windowMs, TimeUnit.MILLISECONDS);
    }

    /** The session ends: it leaves every group (the other members are told), its identity and token are free. */
    public void end(SessionRecord record) {
        if (record.expiry != null) {
            record.expiry.cancel(false);
        }
        record.expiry = null;
        if (record.token != null) {
            byToken.remove(record.token);
        }
        record.token = null;
        if (byIdentity.get(record.identity) == record) {
            byIdentity.remove(record.identity);
        }
        for (GroupState group : groupsOf(record, null)) {
            leaveWithNotice(record, group);
        }
        if (record.session != null) {
            bySession.remove(record.session);
        }
        record.session = null;
    }

    private void leaveWithNotice(SessionRecord record, GroupState group) {
        leave(group, record);
        onLeft.accept(record, group);
    }

    // --- groups ----------------------------------------------------------------------

    /** The group of {@code kind} named {@code key}; an empty one, kept only once someone joins it, when there is none. */
    public GroupState group(String kind, String key) {
        Map<String, GroupState> byKey = groups.get(kind);
        GroupState known = byKey == null ? null : byKey.get(key);
        return known != null ? known : new GroupState(kind, key);
    }

    /** The groups {@code record} belongs to, of one kind (null: all), in order of their creation. */
    public List<GroupState> groupsOf(SessionRecord record, String kind) {
        List<GroupState> out = new ArrayList<>();
        for (Map.Entry<String, LinkedHashMap<String, GroupState>> e : groups.entrySet()) {
            if (kind != null && !kind.equals(e.getKey())) {
                continue;
            }
            for (GroupState group : e.getValue().values()) {
                if (memberOf(group, record) != null) {
                    out.add(group);
                }
            }
        }
        return out;
    }

    /** The member {@code record} is in {@code group}, or null. */
    public MemberState memberOf(GroupState group, SessionRecord record) {
        MemberState member = group.members.get(record.identity);
        return member != null && member.record == record ? member : null;
    }

    public void join(GroupState group, SessionRecord record, List<String> attributes) {
        groups.computeIfAbsent(group.kind, k -> new LinkedHashMap<>()).putIfAbsent(group.key, group);
        group.members.put(record.identity, new MemberState(record, attributes));
        if (record.session != null) {
            record.session.hub().join(hubGroup.apply(group.kind, group.key), record.session);
        }
    }

    public void leave(GroupState group, SessionRecord record) {
        if (memberOf(group, record) == null) {
            return;
        }
        group.members.remove(record.identity);
        if (group.members.isEmpty() && group.history.isEmpty()) {
            Map<String, GroupState> byKey = groups.get(group.kind);
            if (byKey != null) {
                byKey.remove(group.key);
            }
        }
        if (record.session != null) {
            record.session.hub().leave(hubGroup.apply(group.kind, group.key), record.session);
        }
    }

    /** Sends {@code message} to the members of {@code group} whose connection may take it now, but {@code exclude} (nullable). */
    public void broadcast(GroupState group, Message message, SessionRecord exclude) {
        for (MemberState m : List.copyOf(group.members.values())) {
            if (m.record != exclude) {
                sendTo(m.record, message);
            }
        }
    }

    /** Sends {@code message} to one session, if its connection may take it now. */
    public void sendTo(SessionRecord record, Message message) {
        ServerSession session = record.session;
        if (session != null && session.canPush(message)) {
            session.push(message);
        }
    }

    /** A fresh item id, increasing across the server. */
    public long nextItemId() {
        itemIds += 1;
        return itemIds;
    }

    /** Records {@code item} into {@code group}'s history under {@code id}, keeping the last {@code size}. */
    public HistoryEntry record(GroupState group, int size, long id, Object item) {
        HistoryEntry entry = new HistoryEntry(id, item);
        group.history.addLast(entry);
        while (group.history.size() > size) {
            group.history.removeFirst();
        }
        return entry;
    }

    /** The recorded events of {@code record}'s groups of the kinds in {@code kinds} newer than {@code after} (null: none), oldest first. */
    public List<Message> missed(SessionRecord record, List<String> kinds, Long after) {
        if (after == null) {
            return List.of();
        }
        List<HistoryEntry> entries = new ArrayList<>();
        for (GroupState group : groupsOf(record, null)) {
            if (!kinds.contains(group.kind)) {
                continue;
            }
            for (HistoryEntry e : group.history) {
                if (e.event != null && Long.compareUnsigned(e.id, after) > 0) {
                    entries.add(e);
                }
            }
        }
        entries.sort(Comparator.comparingLong(HistoryEntry::id));
        List<Message> out = new ArrayList<>();
        for (HistoryEntry e : entries) {
            out.add(e.event);
        }
        return out;
    }

    // --- sequences and idempotent requests --------------------------------------------

    /** Takes sequence number {@code seq} of {@code field}: how many numbers it skips after the highest received. */
    public long sequence(SessionRecord record, String field, long seq) {
        Long last = record.sequences.get(field);
        if (last != null && seq <= last) {
            return 0;
        }
        record.sequences.put(field, seq);
        return last == null ? 0 : seq - last - 1;
    }

    /** The answer kept for request {@code name} with {@code key} from {@code record}, or null. */
    public Message answered(SessionRecord record, String name, Object key) {
        return record.answers.get(name + "|" + key);
    }

    /** Keeps {@code answer} (the last {@code remember} per session). */
    public void keep(SessionRecord record, String name, Object key, Message answer, int remember) {
        record.answers.put(name + "|" + key, answer);
        Iterator<String> oldest = record.answers.keySet().iterator();
        while (record.answers.size() > remember && oldest.hasNext()) {
            oldest.next();
            oldest.remove();
        }
    }
}
