import __PACKAGE__.Codec;
import __PACKAGE__.ControlKind;
import __PACKAGE__.Frame;
import __PACKAGE__.Message;
import __PACKAGE__.WireError;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Frames over one connection (TCP) or between two addresses (UDP). Numbers the frames its side
 * originates, correlates answers with requests by sequence number (RESPONSE flag, same number),
 * answers PING with PONG, sends PING when it has been quiet for the keepalive interval and gives
 * up on a peer that has been silent for the idle timeout (wire format sections 10 and 11). It does
 * not know the protocol's rules: received messages go to {@link Events#onMessage}, frames that do
 * not decode to {@link Events#onInvalid}. Thread-safe.
 */
public final class FrameChannel {
    /** What a channel hands on. Calls come from the thread that called {@link #receive}. */
    public interface Events {
        /** A message that is not an answer, with its sequence number. */
        void onMessage(Message message, long seq);

        /** The header of a complete frame that did not decode, and why. */
        void onInvalid(FrameHeader header, WireError error);

        /** Sees each answer as it arrives, before the requester resumes. */
        default void onAnswer(Message answer) {
        }

        /** An answer (RESPONSE flag) that answers no open request of this side. */
        default void onStray(Message message, long seq) {
            Debug.log(message.messageName() + " answers no open request (seq " + seq + ")");
        }
    }

    private final FrameLink link;
    private final String name;
    private final Events events;
    private final SequenceCounter seq = new SequenceCounter();
    /** Held from taking a sequence number until its frame is written: frames leave in the order of their numbers (section 11). */
    private final ReentrantLock originating = new ReentrantLock();
    private final Map<Long, CompletableFuture<Message>> pending = new ConcurrentHashMap<>();
    private final long keepaliveIntervalMs;
    private final long idleTimeoutMs;
    private volatile long lastSent = nowMs();
    private volatile long lastReceived = lastSent;
    private volatile boolean closed;
    private ScheduledFuture<?> keepalive;

    public FrameChannel(FrameLink link, String name, Events events, long keepaliveIntervalMs, long idleTimeoutMs) {
        this.link = link;
        this.name = name;
        this.events = events;
        this.keepaliveIntervalMs = keepaliveIntervalMs;
        this.idleTimeoutMs = idleTimeoutMs;
    }

    static long nowMs() {
        return System.nanoTime() / 1_000_000L;
    }

    public FrameLink link() {
        return link;
    }

    public boolean closed() {
        return closed;
    }

    /** Whether a request of this side waits for its answer. */
    public boolean waiting() {
        return !pending.isEmpty();
    }

    @Override
    public String toString() {
        return "<channel " + name + ">";
    }

    /** Starts the keepalive: PING when quiet, close when the peer is silent too long. */
    public synchronized void start() {
        if (keepalive == null && !closed) {
            schedule(Math.min(keepaliveIntervalMs, idleTimeoutMs));
        }
    }

    // --- sending ---------------------------------------------------------------------

    /**
     * Sends a message: an answer to request number {@code answerTo} (null: a new frame with the next
     * number). Returns its sequence number. On datagrams a reliable message is retransmitted until
     * acknowledged; with {@code waitAck} this waits for the ACK (DeliveryFailed when none comes).
     */
    public long send(Message message, Long answerTo, boolean waitAck) throws TransportException {
        return send(message, answerTo, waitAck, null);
    }

    /**
     * {@link #send(Message, Long, boolean)}, running {@code beforeSend} (nullable: the sender's role machine moving) just
     * before the frame takes its number, so that another thread's frame cannot come in between.
     */
    public long send(Message message, Long answerTo, boolean waitAck, Runnable beforeSend) throws TransportException {
        if (closed) {
            throw new ConnectionClosed(name + " is closed");
        }
        Sent sent;
        if (answerTo != null) {
            if (beforeSend != null) {
                beforeSend.run();
            }
            sent = transmit(message, answerTo);
        } else {
            originating.lock();
            try {
                if (beforeSend != null) {
                    beforeSend.run();
                }
                sent = transmit(message, null);
            } finally {
                originating.unlock();
            }
        }
        // The ACK is awaited outside the lock: other frames of this side go on meanwhile (UDP retransmits for seconds).
        if (sent.delivery() != null) {
            if (waitAck) {
                awaitDelivery(sent.delivery());
            } else {
                sent.delivery().exceptionally(e -> {
                    Debug.log(this + ": " + e);
                    return null;
                });
            }
        }
        return sent.number();
    }

    /** A frame written: its number, and for a RELIABLE one the delivery that completes with its ACK. */
    private record Sent(long number, CompletableFuture<Void> delivery) {
    }

    private Sent transmit(Message message, Long answerTo) throws TransportException {
        long number = answerTo != null ? answerTo : seq.next();
        MessageInfo info = Messages.info(message);
        boolean reliable = link.datagram() && info.reliable();
        byte[] data = Codec.encodeFrame(message, number, reliable ? Codec.FLAG_RELIABLE : 0);
        if (answerTo != null) {
            link.answered(answerTo, data);
        }
        lastSent = nowMs();
        if (reliable) {
            return new Sent(number, link.writeReliable(data, FrameHeader.identity(info.kind() == MessageInfo.Kind.RESPONSE, number)));
        }
        try {
            link.write(data);
        } catch (IOException e) {
            throw new ConnectionClosed(name + ": " + e.getMessage(), e);
        }
        return new Sent(number, null);
    }

    private static void awaitDelivery(CompletableFuture<Void> delivery) throws TransportException {
        try {
            delivery.get();
        } catch (ExecutionException e) {
            throw asTransport(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectionClosed("interrupted while sending");
        }
    }

    private static TransportException asTransport(Throwable cause) {
        return cause instanceof TransportException t ? t : new ConnectionClosed(String.valueOf(cause), cause);
    }

    /** Sends a request and waits for the frame that answers it (same number, RESPONSE flag). */
    public Message request(Message message, long timeoutMs) throws TransportException {
        return request(message, timeoutMs, null);
    }

    /**
     * {@link #request(Message, long)}, running {@code beforeSend} (nullable: the requester's role machine moving) just
     * before the frame takes its number, so that another thread's frame cannot come in between.
     */
    public Message request(Message message, long timeoutMs, Runnable beforeSend) throws TransportException {
        if (closed) {
            throw new ConnectionClosed(name + " is closed");
        }
        boolean reliable = link.datagram() && Messages.info(message).reliable();
        CompletableFuture<Message> answer = new CompletableFuture<>();
        long number;
        originating.lock();
        try {
            if (beforeSend != null) {
                beforeSend.run();
            }
            number = seq.next();
            byte[] data = Codec.encodeFrame(message, number, reliable ? Codec.FLAG_RELIABLE : 0);
            pending.put(number, answer);
            if (closed) {
                pending.remove(number);
                throw new ConnectionClosed(name + " is closed");
            }
            lastSent = nowMs();
            if (reliable) {
                long sent = number;
                link.writeReliable(data, FrameHeader.identity(false, number)).exceptionally(e -> {
                    fail(sent, asTransport(e instanceof java.util.concurrent.CompletionException ? e.getCause() : e));
                    return null;
                });
            } else {
                try {
                    link.write(data);
                } catch (IOException e) {
                    pending.remove(number);
                    throw new ConnectionClosed(name + ": " + e.getMessage(), e);
                }
            }
        } finally {
            originating.unlock();
        }
        try {
            return answer.get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            pending.remove(number);
            throw new RequestTimeout("no answer to " + message.messageName() + " (seq " + number + ") within " + timeoutMs + " ms");
        } catch (ExecutionException e) {
            throw asTransport(e.getCause());
        } catch (InterruptedException e) {
            pending.remove(number);
            Thread.currentThread().interrupt();
            throw new ConnectionClosed("interrupted while waiting for the answer to " + message.messageName());
        }
    }

    private void fail(long number, TransportException error) {
        CompletableFuture<Message> waiting = pending.remove(number);
        if (waiting != null) {
            waiting.completeExceptionally(error);
        }
    }

    /** PONG to the peer's PING {@code number}, from the reader thread. */
    private void pong(long number) {
        lastSent = nowMs();
        try {
            link.write(Codec.encodeControl(ControlKind.PONG, number, false));
        } catch (IOException e) {
            Debug.log(this + ": PONG not sent: " + e.getMessage());
        }
    }

    /** A PING with the next number, written by a worker (the timer thread never waits for a socket). */
    private void ping() {
        lastSent = nowMs();
        Workers.run(() -> {
            originating.lock();
            try {
                if (!closed) {
                    link.write(Codec.encodeControl(ControlKind.PING, seq.next(), false));
                }
            } catch (IOException e) {
                Debug.log(this + ": PING not sent: " + e.getMessage());
            } finally {
                originating.unlock();
            }
        });
    }

    // --- receiving -------------------------------------------------------------------

    /** Handles one complete frame (cut from the stream, or one datagram). */
    public void receive(byte[] raw) {
        if (closed) {
            return;
        }
        lastReceived = nowMs();
        Frame frame;
        try {
            frame = Codec.decodeFrame(raw);
        } catch (WireError e) {
            FrameHeader header = FrameHeader.peek(raw);
            if (header != null) {
                events.onInvalid(header, e);
            }
            return;
        }
        receiveFrame(frame);
    }

    /** Handles one decoded frame. */
    public void receiveFrame(Frame frame) {
        lastReceived = nowMs();
        Message message = frame.message();
        if (frame.control() == ControlKind.PING) {
            pong(frame.seq());
        } else if (frame.control() != null || message == null) {
            // PONG only proves the peer is alive; ACKs are the link's business.
        } else if ((frame.flags() & Codec.FLAG_RESPONSE) != 0) {
            link.settle(FrameHeader.identity(false, frame.seq()));
            CompletableFuture<Message> waiting = pending.remove(frame.seq());
            if (waiting == null) {
                events.onStray(message, frame.seq());
                return;
            }
            events.onAnswer(message);
            waiting.complete(message);
        } else {
            events.onMessage(message, frame.seq());
        }
    }

    // --- keepalive and closing -------------------------------------------------------

    private void schedule(long delayMs) {
        keepalive = Timers.after(Math.max(5, delayMs), this::tick);
    }

    private void tick() {
        synchronized (this) {
            keepalive = null;
            if (closed) {
                return;
            }
        }
        long now = nowMs();
        if (now - lastReceived >= idleTimeoutMs) {
            Debug.log(this + ": nothing received for " + idleTimeoutMs + " ms, closing");
            link.close();
            close("idle");
            return;
        }
        if (now - lastSent >= keepaliveIntervalMs) {
            ping();
        }
        now = nowMs();
        long wake = Math.min(lastReceived + idleTimeoutMs, lastSent + keepaliveIntervalMs);
        synchronized (this) {
            if (!closed) {
                schedule(wake - now);
            }
        }
    }

    /** Fails every open request with ConnectionClosed and stops the keepalive. */
    public void close(String reason) {
        List<CompletableFuture<Message>> open;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            if (keepalive != null) {
                keepalive.cancel(false);
                keepalive = null;
            }
            open = new ArrayList<>(pending.values());
            pending.clear();
        }
        for (CompletableFuture<Message> waiting : open) {
            waiting.completeExceptionally(new ConnectionClosed(name + " " + reason));
        }
    }
}
