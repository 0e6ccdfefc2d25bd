import __PACKAGE__.Codec;
import __PACKAGE__.Message;
import __PACKAGE__.ProtocolInfo;
import __PACKAGE__.WireError;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Serves the protocol over HTTP (docs/wire-format.md section 10.3) on the JDK's
 * {@code com.sun.net.httpserver} (module jdk.httpserver):
 *
 * <pre>
 * POST /&lt;protocol&gt;/messages/&lt;Message&gt;   the payload JSON; X-Protoforge-Seq; Authorization: Bearer &lt;credential&gt;
 *   200 + the answer's envelope (requests), 202 (oneways)
 * GET  /&lt;protocol&gt;/events                text/event-stream of the messages the server sends on its own
 * </pre>
 *
 * <p>Failures are 4xx/5xx with {@code {"error": code, "message": text}}: 400 bad payload or
 * sequence header, 401 a bearer that is not the session's credential, 404 unknown message, 405
 * method, 409 session ended, 413 body over the maximum frame size, 415 content type, 429 rate
 * limit (with {@code Retry-After} and {@code retry_after_ms}), 500, 504.
 *
 * <p>A client's session is named by its {@code X-Protoforge-Session} header (any string the
 * client picks), else by its bearer credential, else by its address. A message the session's
 * state does not allow is answered as on TCP (section 10.4): 200 with the request's error
 * message ({@code not_authenticated} before authentication), or 409 when it has none, ending the
 * session. Once the authentication request has succeeded, its credential is the bearer token of
 * every request. Each exchange runs on a thread of the server's own pool; an open event stream
 * keeps one.
 */
public class HttpServer implements AutoCloseable {
    public static final String TRANSPORT_NAME = "http";
    public static final String SESSION_HEADER = "X-Protoforge-Session";
    public static final String SEQ_HEADER = "X-Protoforge-Seq";
    /** How much of a too-large body the server reads and drops before its 413 (streamed, never held). */
    static final long DRAIN_LIMIT_BYTES = 16L * 1024 * 1024;
    private static final Pattern SEQ_PATTERN = Pattern.compile("0|[1-9][0-9]{0,9}");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final String host;
    private volatile int port;
    private final ServerDispatch dispatch;
    private final ServerOptions options;
    private final Hub hub = new Hub();
    private final String prefix = "/" + ProtocolInfo.PROTOCOL_NAME;
    private final Map<String, HttpServerSession> sessions = new ConcurrentHashMap<>();
    private final AtomicLong threads = new AtomicLong();
    /** Exchanges being handled now (close() waits for them). */
    private final AtomicInteger active = new AtomicInteger();
    private com.sun.net.httpserver.HttpServer server;
    private ExecutorService executor;
    private volatile ScheduledFuture<?> janitor;
    private volatile boolean closing;

    protected HttpServer(String host, int port, ServerDispatch dispatch, ServerOptions options) {
        this.host = host == null ? "127.0.0.1" : host;
        this.port = port;
        this.dispatch = Objects.requireNonNull(dispatch, "dispatch");
        this.options = options == null ? ServerOptions.defaults() : options;
    }

    public String host() {
        return host;
    }

    /** The port it listens on (the bound one once started). */
    public int port() {
        return port;
    }

    public ServerOptions options() {
        return options;
    }

    public Hub hub() {
        return hub;
    }

    /** The sessions it holds now. */
    public List<ServerSession> sessions() {
        return List.copyOf(sessions.values());
    }

    @Override
    public String toString() {
        return "<" + getClass().getSimpleName() + " " + host + ":" + port + ">";
    }

    /** Starts listening; with port 0 the system picks a port, then {@link #port()} holds it. */
    public synchronized void start() throws IOException {
        if (server != null) {
            throw new IllegalStateException(this + " is already started");
        }
        com.sun.net.httpserver.HttpServer http = com.sun.net.httpserver.HttpServer.create(new InetSocketAddress(host, port), 128);
        String name = ProtocolInfo.PROTOCOL_NAME + "-server-http-";
        executor = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, name + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        http.setExecutor(executor);
        http.createContext("/", this::exchange);
        http.start();
        server = http;
        port = http.getAddress().getPort();
        scheduleSweep();
        Debug.log(this + ": listening");
    }

    /** Graceful shutdown: closes every session (ending its event stream), then the listener. */
    @Override
    public void close() {
        com.sun.net.httpserver.HttpServer http;
        synchronized (this) {
            closing = true;
            http = server;
            server = null;
        }
        ScheduledFuture<?> sweep = janitor;
        if (sweep != null) {
            sweep.cancel(false);
        }
        for (HttpServerSession session : List.copyOf(sessions.values())) {
            session.close("server shutting down");
        }
        if (http == null) {
            return;
        }
        // The exchanges still running get shutdownTimeoutMs to finish. (JDK 17's stop(delay) waits the
        // whole delay when no exchange is running, so the wait is ours and stop(0) then drops the connections.)
        long deadline = System.nanoTime() + options.shutdownTimeoutMs() * 1_000_000L;
        while (active.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        http.stop(0);
        executor.shutdownNow();
        Debug.log(this + ": closed");
    }

    // --- sessions ----------------------------------------------------------------------

    private void scheduleSweep() {
        long every = Math.min(Math.max(options.idleTimeoutMs() / 4, 10), 5000);
        janitor = Timers.after(every, () -> {
            if (closing) {
                return;
            }
            for (HttpServerSession session : List.copyOf(sessions.values())) {
                if (session.idle(options.idleTimeoutMs())) {
                    // Closing may take the session's locks: not on the timer thread.
                    Workers.run(() -> session.close("idle"));
                }
            }
            scheduleSweep();
        });
    }

    private static String key(HttpExchange ex) {
        String named = ex.getRequestHeaders().getFirst(SESSION_HEADER);
        if (named != null && !named.isEmpty()) {
            return "session:" + (named.length() > 128 ? named.substring(0, 128) : named);
        }
        String bearer = bearerOf(ex.getRequestHeaders());
        if (bearer != null) {
            return "credential:" + bearer;
        }
        return "address:" + ex.getRemoteAddress().getAddress().getHostAddress();
    }

    /** The session of the exchange; a new one when {@code create} (null: none, or the server serves its maximum). */
    private HttpServerSession session(HttpExchange ex, boolean create) {
        String key = key(ex);
        HttpServerSession session = sessions.get(key);
        if (session != null && session.closed()) {
            // Ended a moment ago (being forgotten): its name starts a fresh session (section 10.3).
            sessions.remove(key, session);
            session = null;
        }
        if (session == null && create) {
            synchronized (sessions) {
                session = sessions.get(key);
                if (session == null && sessions.size() < options.maxSessions() && !closing) {
                    InetSocketAddress remote = ex.getRemoteAddress();
                    session = new HttpServerSession(hub, key, remote.getAddress().getHostAddress() + ":" + remote.getPort(), options, this::forget);
                    sessions.put(key, session);
                }
            }
        }
        if (session != null) {
            session.touch();
        }
        return session;
    }

    private void forget(HttpServerSession session) {
        sessions.remove(session.key, session);
    }

    /** The bearer token of a request, or null. */
    static String bearerOf(Headers headers) {
        String value = headers.getFirst("Authorization");
        if (value == null) {
            return null;
        }
        int space = value.indexOf(' ');
        if (space < 0 || !value.substring(0, space).toLowerCase(Locale.ROOT).equals("bearer")) {
            return null;
        }
        String token = value.substring(space + 1).trim();
        return token.isEmpty() ? null : token;
    }

    // --- exchanges -----------------------------------------------------------------------

    /** One answer per exchange: the first to answer wins (the handler's thread or the request timeout). */
    private static final class Reply {
        final HttpExchange ex;
        final AtomicBoolean sent = new AtomicBoolean();

        Reply(HttpExchange ex) {
            this.ex = ex;
        }

        boolean send(int status, Map<String, String> headers, byte[] body) {
            if (!sent.compareAndSet(false, true)) {
                return false;
            }
            try {
                Headers out = ex.getResponseHeaders();
                for (Map.Entry<String, String> h : headers.entrySet()) {
                    out.set(h.getKey(), h.getValue());
                }
                ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
                try (OutputStream os = ex.getResponseBody()) {
                    os.write(body);
                }
            } catch (IOException e) {
                Debug.log("answering " + ex.getRequestMethod() + " " + ex.getRequestURI() + " failed: " + e);
            } finally {
                ex.close();
            }
            return true;
        }

        /** {@code {"error": error, "message": message}} with {@code status}; {@code extra} adds keys to the body. */
        boolean error(int status, String error, String message, Map<String, String> headers, Map<String, Long> extra) {
            ObjectNode body = NODES.objectNode();
            body.put("error", error);
            body.put("message", message);
            for (Map.Entry<String, Long> e : extra.entrySet()) {
                body.put(e.getKey(), e.getValue());
            }
            Map<String, String> all = new java.util.LinkedHashMap<>(headers);
            all.put("Content-Type", "application/json");
            return send(status, all, body.toString().getBytes(StandardCharsets.UTF_8));
        }

        boolean error(int status, String error, String message) {
            return error(status, error, message, Map.of(), Map.of());
        }

        /** 429 rate_limited: Retry-After in whole seconds (at least 1) and retry_after_ms in the body. */
        boolean rateLimited(long retryAfterMs, String message) {
            long ms = Math.max(0, retryAfterMs);
            long seconds = Math.max(1, (ms + 999) / 1000);
            return error(429, "rate_limited", message, Map.of("Retry-After", Long.toString(seconds)), Map.of("retry_after_ms", ms));
        }
    }

    private void exchange(HttpExchange ex) {
        Reply reply = new Reply(ex);
        active.incrementAndGet();
        try {
            route(ex, reply);
        } catch (Exception | LinkageError | AssertionError e) {
            // Whatever failed, the client gets an answer: an exchange never answered hangs it.
            Debug.log(this + ": " + ex.getRequestMethod() + " " + ex.getRequestURI() + " failed: " + e);
            if (!reply.error(500, "internal", "the server failed")) {
                ex.close();
            }
        } finally {
            active.decrementAndGet();
        }
    }

    private void route(HttpExchange ex, Reply reply) throws IOException {
        String path = ex.getRequestURI().getRawPath();
        String messages = prefix + "/messages/";
        if (path.startsWith(messages) && path.length() > messages.length() && path.indexOf('/', messages.length()) < 0) {
            String raw = path.substring(messages.length());
            String name;
            try {
                name = URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                name = raw;
            }
            messages(ex, reply, name);
        } else if (path.equals(prefix + "/events")) {
            events(ex, reply);
        } else {
            discard(ex);
            reply.error(404, "not_found", "no such resource: " + path);
        }
    }

    /** Reads and drops the request body (keeps the connection usable). */
    private static void discard(HttpExchange ex) {
        try (InputStream in = ex.getRequestBody()) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            Debug.log("dropping a request body failed: " + e);
        }
    }

    // --- POST /<protocol>/messages/<Message> ------------------------------------------------

    private void messages(HttpExchange ex, Reply reply, String name) throws IOException {
        if (!ex.getRequestMethod().equals("POST")) {
            discard(ex);
            reply.error(405, "method_not_allowed", "messages are sent with POST", Map.of("Allow", "POST"), Map.of());
            return;
        }
        MessageInfo info = Profile.info(name);
        if (info == null || !info.sender().equals("initiator") || info.kind() == MessageInfo.Kind.RESPONSE) {
            discard(ex);
            reply.error(404, "unknown_message", name + " is not a message the " + ProtocolInfo.INITIATOR_NAME + " sends");
            return;
        }
        Headers headers = ex.getRequestHeaders();
        String contentType = headers.getFirst("Content-Type");
        String media = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!media.equals("application/json")) {
            discard(ex);
            reply.error(415, "unsupported_media_type", "the body must be application/json");
            return;
        }
        String seqText = headers.getFirst(SEQ_HEADER);
        long seq = seqText != null && SEQ_PATTERN.matcher(seqText).matches() ? Long.parseLong(seqText) : -1;
        if (seq < 0 || seq > SequenceCounter.MAX_SEQUENCE) {
            discard(ex);
            reply.error(400, "bad_request", SEQ_HEADER + " must be a sequence number (uint32)");
            return;
        }
        int limit = options.maxFrameBytes();
        String announced = headers.getFirst("Content-Length");
        if (announced != null && announced.matches("[0-9]{1,18}") && Long.parseLong(announced) > limit) {
            tooLarge(ex, reply, limit);
            return;
        }
        byte[] body;
        try {
            body = readBody(ex.getRequestBody(), limit);
        } catch (IOException e) {
            reply.error(400, "bad_request", "the body did not arrive");
            return;
        }
        if (body == null) {
            tooLarge(ex, reply, limit);
            return;
        }
        HttpServerSession session = session(ex, true);
        if (session == null) {
            reply.rateLimited(1000, "the server serves its maximum of sessions");
            return;
        }
        String bearer = bearerOf(headers);
        // Only a session that opened with a credential is bound to it; before that, the session's
        // state machine answers (a request it does not allow gets not_authenticated).
        String bound = session.bearer();
        if (ServerSession.AUTH_REQUIRED && session.authenticated() && bound != null && !bound.equals(bearer)) {
            reply.error(401, "unauthorized", bearer == null ? "send Authorization: Bearer <credential>" : "the credential does not match the session's");
            return;
        }
        if (!session.admit()) {
            reply.rateLimited(session.retryAfterMs(), "too many requests; slow down");
            return;
        }
        JsonNode data;
        try {
            data = Codec.parseJson(strictUtf8(body));
        } catch (WireError | CharacterCodingException e) {
            reply.error(400, "bad_request", "the body is not valid JSON");
            return;
        }
        Message message;
        try {
            message = Codec.fromJson(name, data);
        } catch (WireError e) {
            reply.error(400, e.code().wireName(), e.getMessage());
            return;
        }
        if (ServerSession.AUTH_REQUIRED && !session.authenticated() && bearer != null) {
            String credential = Profile.credentialOf(message);
            if (credential != null && !credential.equals(bearer)) {
                reply.error(401, "unauthorized", "the bearer token is not the credential of the request");
                return;
            }
        }
        Verdict verdict;
        session.exclusive.lock();
        try {
            boolean opening = !session.authenticated();
            verdict = session.handle(message, dispatch, options.requestTimeoutMs(),
                    // On the timer thread, which must not block: the 504 is written by a worker.
                    late -> Workers.run(() -> reply.error(504, "timeout", "no answer within " + options.requestTimeoutMs() + " ms")));
            if (verdict == null) {
                return; // the request timed out: answered 504 already, the handler's result is dropped
            }
            // A session opened by another request than the authentication one (a resumption) is bound to the bearer it came with, if any.
            if (opening && session.authenticated() && bearer != null) {
                session.bindBearer(bearer);
            }
            if (verdict.answer != null) {
                session.trace("->", verdict.answer);
            }
            for (Message pushed : verdict.pushes) {
                session.push(pushed);
            }
            if (verdict.close) {
                session.close(verdict.reason);
            }
        } finally {
            session.exclusive.unlock();
        }
        // Refused without an error message to say so (section 10.4): the session is over.
        if (verdict.refused && verdict.close && verdict.answer == null) {
            reply.error(409, "session_closed", verdict.reason.isEmpty() ? name + " ended the session" : verdict.reason);
            return;
        }
        if (info.kind() == MessageInfo.Kind.REQUEST) {
            if (verdict.answer == null) {
                reply.error(400, "bad_request", verdict.reason.isEmpty() ? name + " was refused" : verdict.reason);
                return;
            }
            byte[] text = Codec.toEnvelope(verdict.answer, seq).toString().getBytes(StandardCharsets.UTF_8);
            reply.send(200, Map.of("Content-Type", "application/json"), text);
            return;
        }
        if (verdict.refused) {
            reply.error(400, "bad_request", verdict.reason.isEmpty() ? name + " was refused" : verdict.reason);
            return;
        }
        reply.send(202, Map.of(), new byte[0]);
    }

    private static String strictUtf8(byte[] body) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(body))
                .toString();
    }

    /** The body, or null when it is larger than {@code limit} bytes (the rest is left unread). */
    private static byte[] readBody(InputStream in, int limit) throws IOException {
        byte[] body = in.readNBytes(limit + 1);
        return body.length > limit ? null : body;
    }

    /**
     * 413, once the rest of the body has been read and dropped, then the connection closes.
     * Closing with unread bytes makes the kernel reset the connection, and a client still
     * sending its body would see the reset instead of the answer. A body beyond
     * {@link #DRAIN_LIMIT_BYTES} is not waited for: the connection is dropped.
     */
    private static void tooLarge(HttpExchange ex, Reply reply, int limit) {
        try (InputStream in = ex.getRequestBody()) {
            byte[] chunk = new byte[8192];
            long dropped = 0;
            int n;
            while ((n = in.read(chunk)) >= 0) {
                dropped += n;
                if (dropped > DRAIN_LIMIT_BYTES) {
                    ex.close();
                    return;
                }
            }
        } catch (IOException e) {
            ex.close();
            return;
        }
        reply.error(413, "frame_too_large", "the body is larger than " + limit + " bytes", Map.of("Connection", "close"), Map.of());
    }

    // --- GET /<protocol>/events -------------------------------------------------------------

    private void events(HttpExchange ex, Reply reply) throws IOException {
        discard(ex);
        if (!ex.getRequestMethod().equals("GET")) {
            reply.error(405, "method_not_allowed", "the event stream is read with GET", Map.of("Allow", "GET"), Map.of());
            return;
        }
        HttpServerSession session = session(ex, !ServerSession.AUTH_REQUIRED);
        if (ServerSession.AUTH_REQUIRED) {
            String bound = session == null ? null : session.bearer();
            if (session == null || !session.authenticated() || (bound != null && !bound.equals(bearerOf(ex.getRequestHeaders())))) {
                reply.error(401, "unauthorized", "authenticate with " + ProtocolInfo.AUTH_MESSAGE + " first");
                return;
            }
        }
        if (session == null) {
            reply.rateLimited(1000, "the server serves its maximum of sessions");
            return;
        }
        if (!reply.sent.compareAndSet(false, true)) {
            return;
        }
        session.streamOpened();
        Thread thread = Thread.currentThread();
        String poolName = thread.getName();
        thread.setName(ProtocolNames.thread("server", session.peer()) + "-events");
        try {
            ex.getResponseHeaders().set("Content-Type", "text/event-stream");
            ex.getResponseHeaders().set("Cache-Control", "no-cache");
            ex.sendResponseHeaders(200, 0);
            OutputStream out = ex.getResponseBody();
            out.flush();
            long keepaliveMs = Math.max(10, (long) (options.keepaliveIntervalMs() * 0.9));
            while (true) {
                String event = session.nextEvent(keepaliveMs);
                if (event != null && event.isEmpty()) {
                    break; // the session has ended: so does its stream
                }
                out.write((event == null ? Sse.KEEPALIVE : event).getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
            out.close();
        } catch (IOException e) {
            Debug.log(session + ": the event stream ended: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            thread.setName(poolName);
            session.streamClosed();
            ex.close();
        }
    }
}
