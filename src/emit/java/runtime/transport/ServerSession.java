import __PACKAGE__.Message;
import __PACKAGE__.ProtocolInfo;
import __PACKAGE__.RoleMachine;
import __PACKAGE__.StateError;
import __PACKAGE__.WireError;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One peer of a server (a TCP connection, a UDP address, an HTTP client), whatever the
 * transport: its role machine, whether it has authenticated, its rate limit, what it sent
 * last and the groups it joined. {@link #handle} runs one received message through the
 * rules of the protocol and the application's handler and returns a verdict: the answer to
 * send, and whether to close. Transports subclass it and only move bytes.
 */
public abstract class ServerSession {
    /** Whether a session must complete the authentication request before anything else. */
    static final boolean AUTH_REQUIRED = !"none".equals(ProtocolInfo.AUTH_MODE) && ProtocolInfo.AUTH_MESSAGE != null;
    /**
     * What a session accepts before it has authenticated: the messages the server machine receives in
     * its initial state (a login, or the resumption of an earlier session), and the authentication request.
     */
    static final Set<String> OPEN_MESSAGES = openMessages();
    private static final String INITIAL_STATE = RoleMachine.initial(RoleMachine.RESPONDER);
    /** A field's own value (or an element of it) in a WireError path after the message name: text, tags[2]. */
    private static final Pattern FIELD_PATH = Pattern.compile("([a-z0-9_]+)(?:\\[\\d+\\])*");

    private final Hub hub;
    private final long id;
    private final String peer;
    private final RoleMachine machine = new RoleMachine(RoleMachine.RESPONDER);
    private final Set<String> groups = ConcurrentHashMap.newKeySet();
    private final Map<String, Object> data = new ConcurrentHashMap<>();
    private final Map<Class<?>, Message> last = new ConcurrentHashMap<>();
    private final TokenBucket bucket;
    private final Trace trace;
    /** Guards the role machine, authentication and the pushes after the answer. */
    private final Object lock = new Object();
    private volatile boolean authenticated = !AUTH_REQUIRED;
    private volatile String credential;
    private volatile boolean closed;
    private List<Message> afterAnswer = new ArrayList<>();

    protected ServerSession(Hub hub, String peer, RateLimit rateLimit, Trace trace) {
        this.hub = hub;
        this.id = hub.nextId();
        this.peer = peer;
        this.bucket = rateLimit == null ? null : new TokenBucket(rateLimit.perSecond(), rateLimit.burst());
        this.trace = trace;
    }

    private static Set<String> openMessages() {
        Set<String> open = new HashSet<>();
        for (RoleMachine.Transition t : RoleMachine.transitions(RoleMachine.RESPONDER, RoleMachine.initial(RoleMachine.RESPONDER))) {
            if (t.action().equals("receive")) {
                open.add(t.message());
            }
        }
        if (ProtocolInfo.AUTH_MESSAGE != null) {
            open.add(ProtocolInfo.AUTH_MESSAGE);
        }
        return Set.copyOf(open);
    }

    public long id() {
        return id;
    }

    /** The peer's address, host:port. */
    public String peer() {
        return peer;
    }

    public Hub hub() {
        return hub;
    }

    /** Free for the application's handlers: anything they keep per session. */
    public Map<String, Object> data() {
        return data;
    }

    /** The groups this session joined (read-only view). */
    public Set<String> groups() {
        return java.util.Collections.unmodifiableSet(groups);
    }

    Set<String> groupSet() {
        return groups;
    }

    /** The server's role machine of this session (read it only; the session moves it). */
    public RoleMachine machine() {
        return machine;
    }

    public String state() {
        synchronized (lock) {
            return machine.state();
        }
    }

    public boolean authenticated() {
        return authenticated;
    }

    /** The credential of the authentication request that opened the session, or null. */
    public String credential() {
        return credential;
    }

    public boolean closed() {
        return closed;
    }

    /** The last message of class {@code type} this session received, if any. */
    public <T extends Message> Optional<T> last(Class<T> type) {
        Message message = last.get(type);
        return type.isInstance(message) ? Optional.of(type.cast(message)) : Optional.empty();
    }

    @Override
    public String toString() {
        return "<session " + id + " " + peer + " " + state() + ">";
    }

    // --- sending on the server's own initiative ----------------------------------------

    /** Whether the role machine allows sending {@code message} now. */
    public boolean canPush(Message message) {
        synchronized (lock) {
            return !closed && authenticated && machine.canSend(message.messageName());
        }
    }

    /** Sends an event (or other message of the server's own) if the role machine allows it now; false otherwise. */
    public boolean push(Message message) {
        synchronized (lock) {
            if (closed || !authenticated || !machine.canSend(message.messageName())) {
                Debug.log(this + ": not pushing " + message.messageName() + " in state " + machine.state());
                return false;
            }
            machine.send(message.messageName());
        }
        trace("->", message);
        try {
            transmit(message);
        } catch (Exception e) {
            // The peer is gone or the message is invalid: the others go on.
            Debug.log(this + ": pushing " + message.messageName() + " failed: " + e);
            return false;
        }
        return true;
    }

    /** Pushes {@code message} once the answer to the request being handled is sent. */
    public void pushAfterAnswer(Message message) {
        synchronized (lock) {
            afterAnswer.add(message);
        }
    }

    /** Sends a message the server originates (with a new sequence number). */
    protected abstract void transmit(Message message) throws Exception;

    /** Ends the session; the transport drops the connection or forgets the peer. Transports extend it. */
    public void close(String reason) {
        closed = true;
    }

    protected final void markClosed() {
        closed = true;
    }

    void trace(String arrow, Message message) {
        if (trace != null) {
            trace.line("[" + id + " " + peer + "] " + arrow + " " + Messages.describe(message));
        }
    }

    void remember(Message message) {
        last.put(message.getClass(), message);
    }

    // --- receiving -------------------------------------------------------------------

    /** Spends one message of the rate limit; false when the peer is over it. */
    boolean admit() {
        return bucket == null || bucket.take();
    }

    long retryAfterMs() {
        return bucket == null ? 0 : bucket.retryAfterMs();
    }

    Verdict overLimit(Message message) {
        return refuse(message, "rate_limited", "too many messages; slow down", retryAfterMs());
    }

    /**
     * Answers a request with the spec's error message, or closes when there is none. {@code reason}
     * is one of not_authenticated, out_of_order, invalid, rate_limited, internal. A oneway or event
     * over the rate limit is dropped when the spec has a rate_limited error; an invalid one is
     * dropped; otherwise the session closes.
     */
    Verdict refuse(Message message, String reason, String detail, Long retryAfterMs) {
        Debug.log(this + ": refusing " + message.messageName() + " (" + reason + "): " + detail);
        if (Messages.isRequest(message)) {
            Message answer = Profile.errorAnswer(message, reason, detail, retryAfterMs);
            if (answer != null) {
                return new Verdict(answer, false, reason, true);
            }
        } else if (reason.equals("invalid") || (reason.equals("rate_limited") && Profile.RATE_LIMIT_ANSWERABLE)) {
            return new Verdict(null, false, reason, true);
        }
        return Verdict.closing(reason + ": " + detail);
    }

    /**
     * A frame that did not decode: answered when it was a request with an error message. A broken
     * constraint of a field the spec maps to an error (onInvalid) is answered with that error; the
     * wire error code starts the detail.
     */
    Verdict refuseInvalid(int messageId, WireError error) {
        Message answer = Profile.invalidAnswer(messageId, error.code().wireName() + ": " + error.getMessage(), fieldError(error));
        Debug.log(this + ": invalid frame (message id " + messageId + "): " + error.getMessage());
        return new Verdict(answer, false, "invalid", true);
    }

    /** The declared error the spec maps a broken constraint of a request's field to (its onInvalid), or null. */
    static String fieldError(WireError error) {
        if (error.code() != WireError.Code.CONSTRAINT_VIOLATED || error.messageName() == null || error.path() == null) {
            return null;
        }
        Map<String, String> fields = Profile.FIELD_ERROR_CODES.get(error.messageName());
        String prefix = error.messageName() + ".";
        if (fields == null || !error.path().startsWith(prefix)) {
            return null;
        }
        Matcher match = FIELD_PATH.matcher(error.path().substring(prefix.length()));
        return match.matches() ? fields.get(match.group(1)) : null;
    }

    /**
     * Checks {@code message} against authentication and the role machine, runs its handler and returns
     * the verdict. When the handler takes longer than {@code timeoutMs}, {@code onTimeout} gets the
     * verdict refusing the request at that moment (on the timer thread) and this returns null once the
     * handler has finished (its result is ignored).
     */
    Verdict handle(Message message, ServerDispatch dispatch, long timeoutMs, Consumer<Verdict> onTimeout) {
        trace("<-", message);
        String name = message.messageName();
        if (!authenticated && !OPEN_MESSAGES.contains(name)) {
            return refuse(message, "not_authenticated", name + " before " + ProtocolInfo.AUTH_MESSAGE + " succeeded", null);
        }
        synchronized (lock) {
            try {
                machine.receive(name);
            } catch (StateError e) {
                return refuse(message, "out_of_order", e.getMessage(), null);
            }
            afterAnswer = new ArrayList<>();
        }
        remember(message);
        MessageInfo info = Messages.info(message);
        AtomicBoolean decided = new AtomicBoolean();
        ScheduledFuture<?> watchdog = Timers.after(timeoutMs, () -> {
            if (decided.compareAndSet(false, true)) {
                Verdict verdict = failed(message, "the handler of " + name + " took longer than " + timeoutMs + " ms");
                verdict.timedOut = true;
                onTimeout.accept(verdict);
            }
        });
        Message answer;
        try {
            answer = dispatch.dispatch(this, message);
        } catch (Exception e) {
            if (!decided.compareAndSet(false, true)) {
                return null;
            }
            watchdog.cancel(false);
            // A failing handler must not take the server down.
            Debug.log(this + ": the handler of " + name + " failed: " + e);
            return failed(message, "the handler of " + name + " failed: " + e.getClass().getSimpleName());
        }
        if (!decided.compareAndSet(false, true)) {
            return null;
        }
        watchdog.cancel(false);
        if (info.kind() != MessageInfo.Kind.REQUEST) {
            if (answer != null) {
                Debug.log(this + ": the handler of " + name + " returned " + answer.messageName() + "; " + info.kindName() + " takes no answer");
            }
            return finish(Verdict.none());
        }
        if (answer == null || !info.answersWith(answer.messageName())) {
            return failed(message, "the handler of " + name + " returned " + (answer == null ? "nothing" : answer.messageName()));
        }
        synchronized (lock) {
            if (!machine.canSend(answer.messageName())) {
                return failed(message, answer.messageName() + " may not be sent in state " + machine.state());
            }
            machine.send(answer.messageName());
            if (OPEN_MESSAGES.contains(name) && !answer.messageName().equals(info.error()) && !machine.state().equals(INITIAL_STATE)) {
                // The authentication request, or another request of the initial state that opens the session (a resumption).
                authenticated = true;
                if (name.equals(ProtocolInfo.AUTH_MESSAGE)) {
                    credential = Profile.credentialOf(message);
                }
            }
        }
        return finish(new Verdict(answer, false, "", false));
    }

    private Verdict finish(Verdict verdict) {
        synchronized (lock) {
            verdict.pushes = afterAnswer;
            afterAnswer = new ArrayList<>();
            if (machine.terminal()) {
                verdict.close = true;
                verdict.reason = verdict.reason.isEmpty() ? "conversation over (state " + machine.state() + ")" : verdict.reason;
            }
        }
        return verdict;
    }

    private Verdict failed(Message message, String detail) {
        synchronized (lock) {
            afterAnswer = new ArrayList<>();
            Verdict verdict = refuse(message, "internal", detail, null);
            if (verdict.answer != null) {
                if (machine.canSend(verdict.answer.messageName())) {
                    machine.send(verdict.answer.messageName());
                }
                if (machine.terminal()) {
                    verdict.close = true;
                }
            }
            return verdict;
        }
    }
}
