// Generated once by protoforge; yours to edit.

package dev.protoforge.chat;

import dev.protoforge.chat.transport.ServerSession;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the server of chat does with each message a client sends.
 *
 * <p>Generated once with a working default for every message; edit freely, protoforge does not overwrite
 * this file. The transports check authentication, the role machines, the rate limit and the input
 * before a handler runs. Handlers of different sessions run at the same time (one worker thread per
 * session): keep shared state thread-safe.
 *
 * <p>`session` is the sender's session: `session.last(Cls.class)` is its last message of a kind,
 * `session.data()` is yours, `session.hub()` reaches the other sessions (`broadcast`, `join`,
 * `leave`, `members`).
 */
public class ServerHandlers {
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

    /** Milliseconds since the epoch, UTC, for timestamps (injectable for tests). */
    protected final InstantSource clock;
    private final AtomicLong ids = new AtomicLong();
    private final SecureRandom random = new SecureRandom();
    /** The rules of the spec's behaviour section and the state they keep (Behaviour.java, regenerated): call it to keep them. */
    protected final Behaviour behaviour;

    /** Handlers on the system clock. */
    public ServerHandlers() {
        this(InstantSource.system());
    }

    /** Handlers on `clock` (timestamps the handlers fill in). */
    public ServerHandlers(InstantSource clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.behaviour = new Behaviour(clock);
    }

    /** A fresh id (1, 2, 3, ...) for ids the server hands out. */
    public long nextId() {
        return ids.incrementAndGet();
    }

    /** `size` unpredictable bytes, for tokens. */
    public byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        return bytes;
    }

    /**
     * Authenticates a user with username and password and opens a session.
     *
     * <p>Answer with LoginOk, or ErrorReply to refuse.
     *
     * <p>The spec's behaviour section rules it: `behaviour.login` checks, changes the state and sends.
     */
    public Message onLogin(ServerSession session, Login message) {
        remember(message);
        return behaviour.login(session, message);
    }

    /**
     * On a new connection after a lost one: restores the session, with its rooms, instead of logging in again.
     *
     * <p>Answer with ResumeOk, or ErrorReply to refuse.
     *
     * <p>The spec's behaviour section rules it: `behaviour.resume` checks, changes the state and sends.
     */
    public Message onResume(ServerSession session, Resume message) {
        remember(message);
        return behaviour.resume(session, message);
    }

    /**
     * Ends the session: the user leaves all rooms and the session token becomes invalid.
     *
     * <p>The spec's behaviour section rules it: `behaviour.logout` checks, changes the state and sends.
     */
    public void onLogout(ServerSession session, Logout message) {
        remember(message);
        behaviour.logout(session, message);
    }

    /**
     * Joins a room; the other members get a PresenceUpdate (joined).
     *
     * <p>Answer with JoinOk, or ErrorReply to refuse.
     *
     * <p>The spec's behaviour section rules it: `behaviour.joinRoom` checks, changes the state and sends.
     */
    public Message onJoinRoom(ServerSession session, JoinRoom message) {
        remember(message);
        return behaviour.joinRoom(session, message);
    }

    /**
     * Leaves a room; the other members get a PresenceUpdate (left).
     *
     * <p>Answer with LeaveOk, or ErrorReply to refuse.
     *
     * <p>The spec's behaviour section rules it: `behaviour.leaveRoom` checks, changes the state and sends.
     */
    public Message onLeaveRoom(ServerSession session, LeaveRoom message) {
        remember(message);
        return behaviour.leaveRoom(session, message);
    }

    /**
     * Posts a message to a room the user is in; the server broadcasts it to every member, the sender included.
     *
     * <p>Answer with MessageAccepted, or ErrorReply to refuse.
     *
     * <p>The spec's behaviour section rules it: `behaviour.sendMessage` checks, changes the state and sends.
     */
    public Message onSendMessage(ServerSession session, SendMessage message) {
        remember(message);
        return behaviour.sendMessage(session, message);
    }

    /** Changes the user's status; members of the user's rooms get a PresenceUpdate (status_changed). */
    public void onSetStatus(ServerSession session, SetStatus message) {
        remember(message);
        Optional<Login> login = session.last(Login.class);
        for (String group : new TreeSet<>(session.groups())) {
            session.hub().broadcast(new PresenceUpdate(
                group,
                login.map(Login::username).orElse("bob"),
                PresenceChange.STATUS_CHANGED,
                message.status()
            ), group, session);
        }
    }

    /**
     * The user is typing in a room (active true; repeated every 3 s while typing) or stopped (active false). Best effort: may be lost.
     *
     * <p>The spec's behaviour section rules it: `behaviour.typing` checks, changes the state and sends.
     */
    public void onTyping(ServerSession session, Typing message) {
        remember(message);
        behaviour.typing(session, message);
    }

    /**
     * A moderator removes a user from a room; the user gets Kicked, the other members a PresenceUpdate (kicked).
     *
     * <p>Answer with KickOk, or ErrorReply to refuse.
     *
     * <p>The spec's behaviour section rules it: `behaviour.kickUser` checks, changes the state and sends.
     */
    public Message onKickUser(ServerSession session, KickUser message) {
        remember(message);
        return behaviour.kickUser(session, message);
    }
}
