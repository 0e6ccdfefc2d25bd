import __PACKAGE__.Codec;
import __PACKAGE__.Envelope;
import __PACKAGE__.Message;
import __PACKAGE__.ProtocolInfo;
import __PACKAGE__.WireError;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A client over HTTP (docs/wire-format.md section 10.3) on {@code java.net.http.HttpClient}.
 *
 * <p>Requests and oneways are POSTed as JSON with a sequence number of this client's own; the
 * answer comes back in the response. Messages the server sends on its own arrive on the
 * Server-Sent Event stream, which the client opens once it has authenticated (at once when the
 * protocol does not authenticate) and re-opens with backoff when it fails; its reader is a daemon
 * thread named {@code <protocol>-client-<host:port>}.
 */
public class HttpClient extends ClientBase {
    public static final String TRANSPORT_NAME = "http";
    public static final String SESSION_HEADER = HttpServer.SESSION_HEADER;
    public static final String SEQ_HEADER = HttpServer.SEQ_HEADER;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final AtomicLong THREADS = new AtomicLong();

    private final String baseUrl;
    /** Names this client's session on the server (X-Protoforge-Session). */
    private final String sessionId = randomHex(16);
    private final java.net.http.HttpClient http;
    private final Set<CompletableFuture<?>> requests = ConcurrentHashMap.newKeySet();
    private final AtomicInteger inFlight = new AtomicInteger();
    /** Events that came on the stream before the answer their state needs. Guarded by itself. */
    private final List<Message> early = new ArrayList<>();
    /** The bearer token: the credential of the authentication request, once sent. */
    private volatile String credential;
    private volatile boolean open;
    private volatile SequenceCounter seq = new SequenceCounter();
    private volatile String lastEventId;
    /** The event stream's reader, its open response body, and why it gave up (null: it did not). */
    private Thread stream;
    private volatile InputStream streamBody;
    private volatile boolean streamStopped;
    private volatile TransportException streamFailure;

    protected HttpClient(String host, int port, ClientDispatch dispatch, ClientOptions options) {
        super(host, port, dispatch, options);
        String hostPart = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        this.baseUrl = "http://" + hostPart + ":" + port + "/" + ProtocolInfo.PROTOCOL_NAME;
        this.http = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofMillis(Math.max(1, this.options.connectTimeoutMs())))
                .followRedirects(java.net.http.HttpClient.Redirect.NEVER)
                .executor(Executors.newCachedThreadPool(task -> {
                    Thread thread = new Thread(task, ProtocolNames.thread("client", host + ":" + port) + "-http-" + THREADS.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                }))
                .build();
    }

    private static String randomHex(int bytes) {
        byte[] data = new byte[bytes];
        RANDOM.nextBytes(data);
        StringBuilder out = new StringBuilder();
        for (byte b : data) {
            out.append(String.format("%02x", b & 0xFF));
        }
        return out.toString();
    }

    /** The name of this client's session on the server (the X-Protoforge-Session header). */
    public String sessionId() {
        return sessionId;
    }

    @Override
    public boolean connected() {
        return open;
    }

    /** Prepares the client; without authentication also opens the event stream (with retries). */
    @Override
    public void connect() throws TransportException {
        synchronized (this) {
            if (open) {
                return;
            }
            open = true;
            seq = new SequenceCounter();
        }
        if (!ServerSession.AUTH_REQUIRED) {
            startEvents();
        }
    }

    /** Ends the event stream and aborts requests on their way (they fail with ConnectionClosed). */
    @Override
    public void close() {
        Thread reader;
        synchronized (this) {
            open = false;
            streamStopped = true;
            reader = stream;
            stream = null;
        }
        for (CompletableFuture<?> request : List.copyOf(requests)) {
            request.cancel(true);
        }
        requests.clear();
        InputStream body = streamBody;
        if (body != null) {
            try {
                body.close();
            } catch (IOException e) {
                Debug.log(this + ": closing the event stream: " + e);
            }
        }
        if (reader != null) {
            reader.interrupt();
            try {
                reader.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private HttpRequest.Builder builder(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).header(SESSION_HEADER, sessionId);
        String bearer = credential;
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return b;
    }

    private void requireOpen() throws ConnectionClosed {
        if (!open) {
            throw new ConnectionClosed("not connected to " + host + ":" + port);
        }
    }

    private record Posted(long seq, int status, String text) {
    }

    /** POSTs `jsonText`, the JSON envelope of `message` encoded before the role machine moved. */
    private Posted post(Message message, String jsonText) throws TransportException {
        requireOpen();
        long n = seq.next();
        String name = message.messageName();
        long timeoutMs = options.requestTimeoutMs();
        HttpRequest request = builder("/messages/" + URLEncoder.encode(name, StandardCharsets.UTF_8))
                .header(SEQ_HEADER, Long.toString(n))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofMillis(Math.max(1, timeoutMs)))
                .POST(HttpRequest.BodyPublishers.ofString(jsonText, StandardCharsets.UTF_8))
                .build();
        CompletableFuture<HttpResponse<String>> future = http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        requests.add(future);
        HttpResponse<String> response;
        try {
            response = future.get(timeoutMs + 1000, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new RequestTimeout("no answer to " + name + " (seq " + n + ") within " + timeoutMs + " ms");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof HttpTimeoutException) {
                throw new RequestTimeout("no answer to " + name + " (seq " + n + ") within " + timeoutMs + " ms", cause);
            }
            throw new ConnectionClosed(name + " could not be sent: " + cause, cause);
        } catch (CancellationException e) {
            throw new ConnectionClosed(name + " was cut off: the client closed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            throw new ConnectionClosed(name + " was interrupted", e);
        } finally {
            requests.remove(future);
        }
        int status = response.statusCode();
        String text = response.body() == null ? "" : response.body();
        if (status >= 400) {
            String error = "http";
            String detail = text;
            try {
                JsonNode body = Codec.parseJson(text);
                if (body.isObject()) {
                    if (body.hasNonNull("error")) {
                        error = body.get("error").asText();
                    }
                    if (body.hasNonNull("message")) {
                        detail = body.get("message").asText();
                    }
                }
            } catch (WireError e) {
                // not a JSON error body: the text as it came
            }
            throw new HttpStatusError(status, error, detail);
        }
        return new Posted(n, status, text);
    }

    /**
     * POSTs a request and returns its answer (a response or the error message). StateError when the
     * role machine does not allow it now; HttpStatusError, RequestTimeout, ConnectionClosed,
     * UnexpectedAnswer (an answer the spec does not declare for it).
     */
    @Override
    public Message request(Message message) throws TransportException {
        checkRequest(message);
        requireOpen();
        String jsonText = Codec.toJsonText(message); // a message that does not encode leaves the role machine where it was
        machineSend(message);
        trace("->", message);
        String name = message.messageName();
        boolean authenticating = ServerSession.AUTH_REQUIRED && name.equals(ProtocolInfo.AUTH_MESSAGE);
        if (authenticating) {
            credential = Profile.credentialOf(message);
        }
        Posted posted;
        inFlight.incrementAndGet();
        try {
            posted = post(message, jsonText);
        } finally {
            inFlight.decrementAndGet();
        }
        Message answer;
        try {
            Envelope envelope = Codec.fromEnvelope(posted.text());
            answer = envelope.message();
            if (envelope.seq() != posted.seq()) {
                Debug.log(this + ": the answer to seq " + posted.seq() + " carries seq " + envelope.seq());
            }
        } catch (WireError e) {
            throw new HttpStatusError(posted.status(), e.code().wireName(), "the answer is not a valid envelope: " + e.getMessage());
        }
        MessageInfo info = Messages.info(message);
        if (!info.answersWith(answer.messageName())) {
            throw new UnexpectedAnswer(name, answer.messageName());
        }
        received(answer);
        replayEarly();
        if (authenticating && !answer.messageName().equals(info.error())) {
            startEvents();
        }
        return answer;
    }

    /** POSTs a oneway (202 Accepted). */
    @Override
    public void send(Message message) throws TransportException {
        checkSend(message);
        requireOpen();
        String jsonText = Codec.toJsonText(message);
        machineSend(message);
        trace("->", message);
        post(message, jsonText);
    }

    // --- the event stream ---------------------------------------------------------------

    /** Opens the event stream (once) and waits until it is open, at most connectTimeoutMs; ConnectFailed when it gave up. */
    private void startEvents() throws TransportException {
        CountDownLatch opened = new CountDownLatch(1);
        Thread reader;
        synchronized (this) {
            if (stream != null && stream.isAlive()) {
                return;
            }
            streamStopped = false;
            streamFailure = null;
            reader = new Thread(() -> readEvents(opened), ProtocolNames.thread("client", host + ":" + port) + "-events");
            reader.setDaemon(true);
            stream = reader;
        }
        reader.start();
        try {
            // Open, given up, or still trying after the connect timeout (it goes on in the background).
            long deadline = System.nanoTime() + options.connectTimeoutMs() * 1_000_000L;
            while (!opened.await(10, TimeUnit.MILLISECONDS) && reader.isAlive() && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        TransportException failure = streamFailure;
        if (opened.getCount() > 0 && failure != null) {
            throw new ConnectFailed("the event stream of " + host + ":" + port + " could not be opened: " + failure.getMessage(), failure);
        }
    }

    /** Reads the event stream, re-opening it with backoff; ends when the server ends it, on close, or when every retry failed. */
    private void readEvents(CountDownLatch opened) {
        List<Long> delays = new ArrayList<>(options.retry().delaysMs());
        if (delays.isEmpty()) {
            delays.add(options.retry().initialBackoffMs());
        }
        int failures = 0;
        while (!streamStopped) {
            try {
                HttpRequest.Builder b = builder("/events").header("Accept", "text/event-stream").GET();
                String last = lastEventId;
                if (last != null) {
                    b.header("Last-Event-ID", last);
                }
                HttpResponse<InputStream> response = http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
                InputStream body = response.body();
                if (response.statusCode() != 200) {
                    String text;
                    try (InputStream in = body) {
                        text = new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
                    }
                    throw new HttpStatusError(response.statusCode(), "events", text);
                }
                streamBody = body;
                if (streamStopped) {
                    body.close();
                    return;
                }
                opened.countDown();
                failures = 0;
                Sse.Parser parser = new Sse.Parser();
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = lines.readLine()) != null) {
                        Sse.Event event = parser.line(line);
                        if (event != null) {
                            lastEventId = event.id();
                            event(event.data());
                        }
                    }
                }
                Debug.log(this + ": the event stream ended");
                return;
            } catch (IOException | TransportException | RuntimeException e) {
                if (streamStopped) {
                    return;
                }
                failures++;
                if (failures > delays.size()) {
                    streamFailure = e instanceof TransportException t ? t
                            : new ConnectionClosed("the event stream failed " + failures + " times: " + e.getMessage(), e);
                    Debug.log(this + ": " + streamFailure.getMessage());
                    return;
                }
                Debug.log(this + ": event stream: " + e + "; retrying");
                try {
                    Thread.sleep(delays.get(failures - 1));
                } catch (InterruptedException stop) {
                    return;
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void event(String data) {
        Message message;
        try {
            message = Codec.fromEnvelope(data).message();
        } catch (WireError e) {
            Debug.log(this + ": dropped an invalid event: " + e.getMessage());
            return;
        }
        synchronized (early) {
            if (inFlight.get() > 0 && !canReceive(message)) {
                early.add(message); // its state follows the answer still on its way
                return;
            }
        }
        deliverEvent(message);
    }

    private void replayEarly() {
        List<Message> waiting;
        synchronized (early) {
            if (early.isEmpty()) {
                return;
            }
            waiting = List.copyOf(early);
            early.clear();
        }
        for (Message message : waiting) {
            deliverEvent(message);
        }
    }

    private void deliverEvent(Message message) {
        if (!accept(message)) {
            return;
        }
        Message answer;
        try {
            answer = handlePushed(message);
        } catch (Exception e) {
            // A failing handler must not stop the stream.
            Debug.log(this + ": handling " + message.messageName() + " failed: " + e);
            return;
        }
        if (answer != null) {
            Debug.log(this + ": the HTTP mapping cannot carry the answer " + answer.messageName() + " to the server");
        }
    }
}
