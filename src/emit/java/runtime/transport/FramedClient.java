import __PACKAGE__.Message;
import __PACKAGE__.WireError;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * A client that speaks binary frames: what the TCP and UDP clients share. It connects with a
 * timeout and retries with exponential backoff (the retry policy), correlates answers with
 * requests by sequence number, answers the server's requests through the dispatch, and keeps the
 * connection alive. With autoReconnect a lost connection is re-opened in the background (a new
 * connection starts a new conversation) and {@link #onReconnect} runs, e.g. to authenticate again.
 * Transports implement {@link #open} and {@link #startReading}.
 */
public abstract class FramedClient extends ClientBase {
    private static final int INBOX_SIZE = 64;

    /** Runs after an automatic reconnection, e.g. to authenticate again. */
    @FunctionalInterface
    public interface Reconnected {
        void run() throws Exception;
    }

    private record Arrival(Message message, long seq) {
    }

    private final ArrayDeque<Arrival> inbox = new ArrayDeque<>();
    private boolean draining;
    private List<Arrival> early = new ArrayList<>();
    private volatile FrameChannel channel;
    private volatile FrameLink link;
    private volatile boolean closing;
    private volatile boolean lostConnection;
    /** The thread reconnecting now, or null; guarded by {@code inbox}. */
    private Thread reconnecting;
    /** A connection the reconnecting thread opened was lost before it finished: it tries again; guarded by {@code inbox}. */
    private boolean lostWhileReconnecting;
    private volatile Reconnected onReconnect;

    protected FramedClient(String host, int port, ClientDispatch dispatch, ClientOptions options) {
        super(host, port, dispatch, options);
    }

    /** The transport's name in messages: tcp, udp. */
    protected abstract String transportName();

    /** Opens the connection (or datagram endpoint) within {@code timeoutMs}. */
    protected abstract FrameLink open(long timeoutMs) throws IOException;

    /** Starts handing received frames of {@code link} to {@link #feed}, and its end to {@link #lost}. */
    protected abstract void startReading(FrameLink link);

    /** Waits (bounded) for the transport to finish closing. */
    protected void closed() {
    }

    /** What runs after an automatic reconnection (null: nothing). */
    public void onReconnect(Reconnected action) {
        this.onReconnect = action;
    }

    @Override
    public boolean connected() {
        FrameChannel current = channel;
        return current != null && !current.closed();
    }

    // --- connecting ----------------------------------------------------------------------

    @Override
    public void connect() throws TransportException {
        if (connected()) {
            return;
        }
        closing = false;
        doConnect();
    }

    private void doConnect() throws TransportException {
        List<Long> delays = options.retry().delaysMs();
        int attempts = Math.max(1, delays.size());
        FrameLink opened = null;
        for (int attempt = 1; opened == null; attempt++) {
            try {
                opened = open(options.connectTimeoutMs());
            } catch (IOException e) {
                Debug.log(this + ": connecting, attempt " + attempt + " of " + attempts + " failed: " + e.getMessage());
                if (attempt >= attempts) {
                    throw new ConnectFailed("could not connect to " + host + ":" + port + " after " + attempts + " attempts", e);
                }
                try {
                    Thread.sleep(delays.get(attempt - 1));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new ConnectionClosed(this + " was interrupted while connecting");
                }
                if (closing) {
                    throw new ConnectionClosed(this + " was closed while connecting");
                }
            }
        }
        if (closing) {
            opened.close();
            throw new ConnectionClosed(this + " was closed while connecting");
        }
        FrameChannel fresh = new FrameChannel(opened, transportName() + " client of " + host + ":" + port, new FrameChannel.Events() {
            @Override
            public void onMessage(Message message, long seq) {
                arrived(message, seq);
            }

            @Override
            public void onInvalid(FrameHeader header, WireError error) {
                Debug.log(FramedClient.this + ": dropped an invalid frame (message id " + header.messageId() + ", seq "
                        + header.seq() + "): " + error.getMessage());
            }

            @Override
            public void onAnswer(Message answer) {
                answered(answer);
            }
        }, options.keepaliveIntervalMs(), options.idleTimeoutMs());
        resetMachine();
        synchronized (inbox) {
            inbox.clear();
            early = new ArrayList<>();
            link = opened;
            channel = fresh;
            lostConnection = false;
        }
        startReading(opened);
        fresh.start();
    }

    @Override
    public void close() {
        closing = true;
        synchronized (inbox) {
            inbox.clear();
            inbox.notifyAll();
        }
        shutdown("closed by the client");
        closed();
    }

    private void shutdown(String reason) {
        FrameChannel current = channel;
        if (current != null) {
            current.close(reason);
        }
        FrameLink currentLink = link;
        if (currentLink != null) {
            currentLink.close();
        }
    }

    /** The connection went away (the peer closed it, or the idle timeout did) without close(). */
    protected void lost(FrameLink which, String reason) {
        Thread starting = null;
        synchronized (inbox) {
            if (closing || lostConnection || channel == null || which != link) {
                return;
            }
            lostConnection = true;
            inbox.clear();
            inbox.notifyAll();
            if (options.autoReconnect()) {
                if (reconnecting == null) {
                    starting = new Thread(this::reconnect, ProtocolNames.thread("client", host + ":" + port) + "-reconnect");
                    starting.setDaemon(true);
                    reconnecting = starting;
                } else {
                    // The reconnecting thread opened this connection and has not finished yet: it goes on.
                    lostWhileReconnecting = true;
                }
            }
        }
        Debug.log(this + ": connection lost: " + reason);
        shutdown(reason);
        if (starting != null) {
            starting.start(); // after the old connection is shut down: the new one must not be
        }
    }

    /**
     * Re-opens the connection (with the retry policy) and runs onReconnect; again when the connection it opened was lost
     * before it finished, so that no loss goes without a reconnection. It gives up when the retry policy's attempts fail.
     */
    private void reconnect() {
        boolean again = true;
        while (again) {
            try {
                doConnect();
                Reconnected action = onReconnect;
                if (action != null) {
                    action.run();
                }
            } catch (Exception e) {
                Debug.log(this + ": reconnecting failed: " + e.getMessage());
            }
            synchronized (inbox) {
                again = lostWhileReconnecting && !closing;
                lostWhileReconnecting = false;
                if (!again) {
                    reconnecting = null;
                    inbox.notifyAll();
                }
            }
            if (again) {
                Debug.log(this + ": the new connection was lost at once, reconnecting again");
                try {
                    // A server that drops every connection at once is not hammered.
                    Thread.sleep(options.retry().delaysMs().stream().findFirst().orElse(0L));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt(); // doConnect then gives up with ConnectionClosed
                }
            }
        }
    }

    /** Waits until a reconnection in progress has finished (at once when none is). */
    public void reconnected() throws InterruptedException {
        synchronized (inbox) {
            while (reconnecting != null) {
                inbox.wait();
            }
        }
    }

    private FrameChannel requireChannel() throws ConnectionClosed {
        FrameChannel current = channel;
        if (current == null || current.closed()) {
            throw new ConnectionClosed("not connected to " + host + ":" + port);
        }
        return current;
    }

    // --- sending ---------------------------------------------------------------------------

    @Override
    public Message request(Message message) throws TransportException {
        FrameChannel current = requireChannel();
        checkRequest(message);
        return current.request(message, options.requestTimeoutMs(), () -> {
            machineSend(message);
            trace("->", message);
        });
    }

    /** Sends a oneway or event; on UDP a reliable one is acknowledged before this returns. */
    @Override
    public void send(Message message) throws TransportException {
        FrameChannel current = requireChannel();
        checkSend(message);
        current.send(message, null, true, () -> {
            machineSend(message);
            trace("->", message);
        });
    }

    // --- receiving (on the reader thread) --------------------------------------------------

    /** One complete frame from {@code which} (frames of an older connection are ignored). */
    protected void feed(FrameLink which, byte[] raw) {
        FrameChannel current = channel;
        if (current != null && which == link) {
            current.receive(raw);
        }
    }

    private void arrived(Message message, long seq) {
        // The role machine moves here, in arrival order; handlers run in the worker.
        FrameChannel current = channel;
        synchronized (inbox) {
            if (current != null && current.waiting() && !canReceive(message)) {
                early.add(new Arrival(message, seq)); // datagrams may overtake the answer this state needs
                return;
            }
        }
        if (accept(message)) {
            enqueue(new Arrival(message, seq));
        }
    }

    /** An answer arrived: the role machine moves, then messages that came early get their turn. */
    private void answered(Message answer) {
        received(answer);
        List<Arrival> waiting;
        synchronized (inbox) {
            if (early.isEmpty()) {
                return;
            }
            waiting = early;
            early = new ArrayList<>();
        }
        for (Arrival item : waiting) {
            if (accept(item.message())) {
                enqueue(item);
            }
        }
    }

    /** Whether the messages waiting for the handlers fill the inbox (a datagram client then drops, unacknowledged). */
    protected boolean inboxFull() {
        synchronized (inbox) {
            return inbox.size() >= INBOX_SIZE;
        }
    }

    private void enqueue(Arrival item) {
        FrameLink current = link;
        boolean datagram = current != null && current.datagram();
        synchronized (inbox) {
            inbox.add(item);
            if (!draining) {
                draining = true;
                Workers.run(this::drain);
            }
            // A stream stops reading until the handlers caught up; a datagram reader goes on (answers and ACKs keep coming).
            while (!datagram && !closing && !lostConnection && inbox.size() >= INBOX_SIZE) {
                try {
                    inbox.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void drain() {
        for (;;) {
            Arrival item;
            FrameChannel current;
            synchronized (inbox) {
                item = inbox.poll();
                current = channel;
                if (item == null) {
                    draining = false;
                    return;
                }
                inbox.notifyAll();
            }
            try {
                Message answer = handlePushed(item.message());
                if (answer != null && current != null) {
                    current.send(answer, item.seq(), false);
                }
            } catch (Exception e) {
                // A failing handler must not stop the client.
                Debug.log(this + ": handling " + item.message().messageName() + " failed: " + e);
            }
        }
    }
}
