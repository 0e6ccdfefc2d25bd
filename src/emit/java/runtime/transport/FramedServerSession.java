import __PACKAGE__.Codec;
import __PACKAGE__.Message;
import __PACKAGE__.WireError;
import java.util.ArrayDeque;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A server session that speaks binary frames: what the TCP and UDP servers share. Frames arrive
 * through the session's FrameChannel on the transport's reader thread. The rate limit is applied
 * as they arrive; messages within it wait in a bounded queue for the session's worker (a pooled
 * thread that drains this session's queue alone), so each session handles its messages one at a
 * time, in order, as its role machine expects, while PING is still answered by the reader. On a
 * stream a full queue stops the reader (backpressure reaches the client); datagrams are dropped
 * instead ({@link #busy}).
 *
 * <p>On a stream, a frame the server cannot attribute to a request it may answer ends the
 * connection (wire format 10.4): invalid_flags, an unknown message id, a message only the server
 * sends. On datagrams such frames are dropped.
 */
public class FramedServerSession extends ServerSession implements FrameChannel.Events {
    /** Errors of a complete frame that end a stream (wire format 10.1 and 10.4): no request is known to answer. */
    private static final Set<WireError.Code> CLOSING_ERRORS = Set.of(WireError.Code.INVALID_FLAGS, WireError.Code.UNKNOWN_MESSAGE);

    private record Arrival(Message message, long seq) {
    }

    private final FrameLink link;
    private final ServerOptions options;
    private final FrameChannel channel;
    private final ServerDispatch dispatch;
    private final Consumer<FramedServerSession> onClose;
    private final String workerName;
    private final ArrayDeque<Arrival> queue = new ArrayDeque<>();
    private boolean draining;

    public FramedServerSession(Hub hub, String peer, FrameLink link, ServerDispatch dispatch, ServerOptions options,
            Consumer<FramedServerSession> onClose) {
        super(hub, peer, options.rateLimit(), options.trace());
        this.link = link;
        this.options = options;
        this.dispatch = dispatch;
        this.onClose = onClose;
        this.workerName = ProtocolNames.thread("server", peer) + "-worker";
        this.channel = new FrameChannel(link, "session " + id() + " (" + peer + ")", this, options.keepaliveIntervalMs(),
                options.idleTimeoutMs());
        channel.start();
        hub.add(this);
    }

    public FrameChannel channel() {
        return channel;
    }

    public FrameLink link() {
        return link;
    }

    /** Whether the queue of messages waiting for the handler is full (datagrams are then dropped). */
    public boolean busy() {
        synchronized (queue) {
            return queue.size() >= options.queueSize();
        }
    }

    @Override
    protected void transmit(Message message) throws Exception {
        channel.send(message, null, false);
    }

    // --- arrivals (on the reader thread) ------------------------------------------------

    @Override
    public void onMessage(Message message, long seq) {
        if (closed()) {
            return;
        }
        if (!Messages.info(message).sender().equals("initiator") && !link.datagram()) {
            trace("<-", message);
            apply(foreign(message), seq);
            return;
        }
        if (!admit()) {
            trace("<-", message);
            apply(overLimit(message), seq);
            return;
        }
        enqueue(new Arrival(message, seq));
    }

    /** An answer to no open request: from the client, a message only the server sends closes a stream. */
    @Override
    public void onStray(Message message, long seq) {
        if (Messages.info(message).sender().equals("initiator") || link.datagram()) {
            Debug.log(this + ": " + message.messageName() + " answers no open request (seq " + seq + ")");
            return;
        }
        trace("<-", message);
        apply(foreign(message), seq);
    }

    private Verdict foreign(Message message) {
        Debug.log(this + ": " + message.messageName() + " is sent by the server, not the client");
        return Verdict.closing(message.messageName() + " is sent by the server, not the client");
    }

    @Override
    public void onInvalid(FrameHeader header, WireError error) {
        if (CLOSING_ERRORS.contains(error.code())) {
            if (link.datagram()) {
                Debug.log(this + ": dropped an invalid datagram: " + error.code().wireName() + ": " + error.getMessage());
                return;
            }
            apply(Verdict.closing(error.code().wireName() + ": " + error.getMessage()), header.seq());
            return;
        }
        String name = Codec.messageName(header.messageId());
        MessageInfo info = name == null ? null : Profile.info(name);
        if (info == null || info.kind() != MessageInfo.Kind.REQUEST || header.response()) {
            Debug.log(this + ": dropped an invalid frame: " + error.code().wireName() + ": " + error.getMessage());
            return;
        }
        apply(refuseInvalid(header.messageId(), error), header.seq());
    }

    private void enqueue(Arrival item) {
        synchronized (queue) {
            if (link.datagram() && queue.size() >= options.queueSize()) {
                Debug.log(this + ": queue full, dropped " + item.message().messageName());
                return;
            }
            queue.add(item);
            if (!draining) {
                draining = true;
                Workers.run(this::drain);
            }
            // A stream stops reading until the worker has caught up (backpressure). A datagram reader never
            // waits: it reads for every peer of the server (a full queue drops unacknowledged datagrams instead).
            while (!link.datagram() && !closed() && queue.size() >= options.queueSize()) {
                try {
                    queue.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    // --- the worker ---------------------------------------------------------------------

    private void drain() {
        Thread thread = Thread.currentThread();
        String pooled = thread.getName();
        thread.setName(workerName);
        try {
            for (;;) {
                Arrival item;
                synchronized (queue) {
                    item = closed() ? null : queue.poll();
                    if (item == null) {
                        draining = false;
                        queue.notifyAll();
                        return;
                    }
                    if (queue.size() < options.queueSize() / 2 + 1) {
                        queue.notifyAll();
                    }
                }
                process(item);
            }
        } finally {
            thread.setName(pooled);
        }
    }

    private void process(Arrival item) {
        try {
            Verdict verdict = handle(item.message(), dispatch, options.requestTimeoutMs(),
                    late -> Workers.run(() -> apply(late, item.seq())));
            if (verdict != null) {
                apply(verdict, item.seq());
            }
        } catch (RuntimeException | Error e) {
            // A bug here must end this session only, never the server.
            Debug.log(this + ": failed on " + item.message().messageName() + ": " + e);
            close("internal failure");
        }
    }

    void apply(Verdict verdict, long seq) {
        try {
            if (verdict.answer != null) {
                trace("->", verdict.answer);
                channel.send(verdict.answer, seq, false);
            }
            for (Message message : verdict.pushes) {
                push(message);
            }
        } catch (WireError e) {
            Debug.log(this + ": could not encode the answer: " + e.getMessage());
        } catch (TransportException e) {
            Debug.log(this + ": sending failed: " + e.getMessage());
            verdict.close = true;
        }
        if (verdict.close) {
            if (!verdict.reason.isEmpty()) {
                Debug.log(this + ": closing: " + verdict.reason);
            }
            close(verdict.reason);
        }
    }

    @Override
    public void close(String reason) {
        synchronized (queue) {
            if (closed()) {
                return;
            }
            markClosed();
            queue.clear();
            queue.notifyAll();
        }
        channel.close(reason == null || reason.isEmpty() ? "closed" : reason);
        hub().remove(this);
        link.close();
        onClose.accept(this);
    }

    /** Waits up to {@code timeoutMs} until the worker has finished the message it handles; false when it did not. */
    public boolean waitIdle(long timeoutMs) {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        synchronized (queue) {
            while (draining) {
                long left = (deadline - System.nanoTime()) / 1_000_000L;
                if (left <= 0) {
                    return false;
                }
                try {
                    queue.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return true;
    }
}
