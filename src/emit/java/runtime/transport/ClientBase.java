import __PACKAGE__.Message;
import __PACKAGE__.RoleMachine;
import __PACKAGE__.StateError;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What every client shares, whatever the transport: the initiator's role machine (a message it
 * does not allow now is refused with StateError before anything is sent), the last message of
 * each kind received ({@link #last}), messages the server sends on its own (to the dispatch and to
 * the event queue, {@link #nextEvent}) and the trace of messages. Transports subclass it.
 */
public abstract class ClientBase implements AutoCloseable {
    protected final String host;
    protected final int port;
    protected final ClientOptions options;
    protected final ClientDispatch dispatch;
    /** Every event (and other message) the server sent on its own, in arrival order. */
    protected final EventQueue events;
    /** Guards the role machine. */
    protected final Object lock = new Object();
    private final Map<Class<?>, Message> last = new ConcurrentHashMap<>();
    private RoleMachine machine = new RoleMachine(RoleMachine.INITIATOR);

    protected ClientBase(String host, int port, ClientDispatch dispatch, ClientOptions options) {
        this.host = host;
        this.port = port;
        this.dispatch = dispatch;
        this.options = options == null ? ClientOptions.defaults() : options;
        this.events = new EventQueue(this.options.eventQueueSize());
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public ClientOptions options() {
        return options;
    }

    @Override
    public String toString() {
        return "<" + getClass().getSimpleName() + " " + host + ":" + port + " " + state() + ">";
    }

    /** Connects (retrying with backoff); ConnectFailed when every attempt failed. */
    public abstract void connect() throws TransportException;

    /** Closes; open requests fail with ConnectionClosed. */
    @Override
    public abstract void close();

    /**
     * Sends a request and returns its answer (a response or the error message). StateError when the
     * role machine does not allow it now; RequestTimeout, ConnectionClosed, DeliveryFailed (UDP).
     */
    public abstract Message request(Message message) throws TransportException;

    /** Sends a oneway or event. */
    public abstract void send(Message message) throws TransportException;

    /** Whether messages can be sent now. */
    public abstract boolean connected();

    /** The state of the initiator's role machine. */
    public String state() {
        synchronized (lock) {
            return machine.state();
        }
    }

    /** The last message of class {@code type} received from the server, if any. */
    public <T extends Message> Optional<T> last(Class<T> type) {
        Message message = last.get(type);
        return type.isInstance(message) ? Optional.of(type.cast(message)) : Optional.empty();
    }

    /** The next message the server sent on its own; RequestTimeout when none came within {@code timeoutMs}. */
    public Message nextEvent(long timeoutMs) throws TransportException {
        return events.take(timeoutMs);
    }

    /** {@link #nextEvent(long)} with the request timeout. */
    public Message nextEvent() throws TransportException {
        return nextEvent(options.requestTimeoutMs());
    }

    /** Starts a new conversation: a fresh role machine (a new connection). */
    protected void resetMachine() {
        synchronized (lock) {
            machine = new RoleMachine(RoleMachine.INITIATOR);
        }
    }

    protected void checkRequest(Message message) {
        MessageInfo info = Messages.info(message);
        if (info.kind() != MessageInfo.Kind.REQUEST) {
            throw new IllegalArgumentException(message.messageName() + " is a " + info.kindName() + "; use send()");
        }
    }

    protected void checkSend(Message message) {
        MessageInfo info = Messages.info(message);
        if (info.kind() == MessageInfo.Kind.REQUEST || info.kind() == MessageInfo.Kind.RESPONSE) {
            throw new IllegalArgumentException(message.messageName() + " is a " + info.kindName() + "; use request()");
        }
    }

    /** Moves the role machine for a message this side sends; StateError (state unchanged) when it may not. */
    protected void machineSend(Message message) {
        synchronized (lock) {
            machine.send(message.messageName());
        }
    }

    protected boolean canReceive(Message message) {
        synchronized (lock) {
            return machine.canReceive(message.messageName());
        }
    }

    /** Records an answer or event and moves the role machine. */
    protected void received(Message message) {
        trace("<-", message);
        last.put(message.getClass(), message);
        synchronized (lock) {
            try {
                machine.receive(message.messageName());
            } catch (StateError e) {
                Debug.log(this + ": " + e.getMessage());
            }
        }
    }

    /** Moves the role machine for a message the server sent on its own; false (dropped) when it may not come now. */
    protected boolean accept(Message message) {
        synchronized (lock) {
            if (!machine.canReceive(message.messageName())) {
                Debug.log(this + ": dropped " + message.messageName() + ", not expected in state " + machine.state());
                return false;
            }
        }
        received(message);
        return true;
    }

    /** An accepted message the server sent on its own: to the dispatch and the event queue; returns the answer to a request, or null. */
    protected Message handlePushed(Message message) throws Exception {
        Message answer = dispatch != null ? dispatch.dispatch(message) : null;
        if (Messages.isRequest(message)) {
            synchronized (lock) {
                if (answer == null || !machine.canSend(answer.messageName())) {
                    Debug.log(this + ": no answer to the server's " + message.messageName());
                    return null;
                }
                machine.send(answer.messageName());
            }
            trace("->", answer);
            return answer;
        }
        Message dropped = events.put(message);
        if (dropped != null) {
            Debug.log(this + ": event queue full, dropped the oldest (" + dropped.messageName() + ")");
        }
        return null;
    }

    protected void trace(String arrow, Message message) {
        Trace trace = options.trace();
        if (trace != null) {
            trace.line(arrow + " " + Messages.describe(message));
        }
    }
}
