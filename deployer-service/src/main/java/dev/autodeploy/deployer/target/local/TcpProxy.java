package dev.autodeploy.deployer.target.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * An environment's stable port: accepts connections and pipes their bytes to and from the port of the release
 * being served, on virtual threads. {@link #switchTo} sends new connections to a new release while the ones
 * already open keep flowing to the old one until they close, which drains it gracefully. Keep-alive connections
 * would otherwise stay with the old release for good (a browser's, say, after a rollback to a release that keeps
 * running): a connection to a release switched away from is closed once it is idle between exchanges — the last
 * bytes went to the client (a response) and nothing moved for {@link #DRAIN_IDLE} — which HTTP/1.1 clients expect
 * of servers and answer by reconnecting, now to the new release. A request under way (the client spoke last) is
 * never cut; a client busy without pause is moved at its first pause after {@link #DRAIN_PATIENCE}. Without a release, or when the release refuses the connection, a client gets a short HTTP 503 answer.
 */
final class TcpProxy implements AutoCloseable {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    static final String UNAVAILABLE_BODY = "No release of this environment is serving.\n";
    /** How long a connection to a release switched away from must be idle after a response to be closed. */
    static final Duration DRAIN_IDLE = Duration.ofMillis(300);
    /** After this long draining, a busy client's connection is closed at the first pause after a response. */
    static final Duration DRAIN_PATIENCE = Duration.ofSeconds(2);
    private static final Duration DRAIN_PAUSE = Duration.ofMillis(20);
    private static final Duration DRAIN_CHECK = Duration.ofMillis(100);

    private static final int NO_BACKEND = -1;
    private static final int BACKLOG = 512;
    private static final int BUFFER_BYTES = 16 * 1024;
    private static final Duration UNAVAILABLE_LINGER = Duration.ofSeconds(1);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);
    private static final byte[] UNAVAILABLE = ("HTTP/1.1 503 Service Unavailable\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\n"
            + "Content-Length: " + UNAVAILABLE_BODY.length() + "\r\n"
            + "Cache-Control: no-store\r\n"
            + "Connection: close\r\n"
            + "\r\n" + UNAVAILABLE_BODY).getBytes(StandardCharsets.US_ASCII);
    private static final System.Logger LOG = System.getLogger(TcpProxy.class.getName());

    private final InetAddress bindAddress;
    private final int requestedPort;
    private final InetAddress backendHost = InetAddress.getLoopbackAddress();
    private final AtomicInteger backendPort = new AtomicInteger(NO_BACKEND);
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();

    private volatile ServerSocket server;
    private volatile Thread acceptor;
    private volatile Thread drainer;
    private volatile long drainingSince;
    private volatile boolean closed;

    /** @param port the port to listen on; 0 for any free one, see {@link #port()} */
    TcpProxy(InetAddress bindAddress, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("not a port: " + port);
        }
        this.bindAddress = bindAddress;
        this.requestedPort = port;
    }

    /** Starts listening. */
    synchronized void start() throws IOException {
        if (server != null || closed) {
            throw new IllegalStateException("a proxy starts once");
        }
        ServerSocket listening = new ServerSocket();
        // a restarted deployer must get its environments' ports back while old connections are in TIME_WAIT
        listening.setReuseAddress(true);
        listening.bind(new InetSocketAddress(bindAddress, requestedPort), BACKLOG);
        server = listening;
        acceptor = Thread.ofVirtual().name("tcp-proxy-" + listening.getLocalPort()).start(() -> accept(listening));
    }

    /** The port it listens on. */
    int port() {
        ServerSocket listening = server;
        if (listening == null) {
            throw new IllegalStateException("not started");
        }
        return listening.getLocalPort();
    }

    /** Sends new connections to {@code 127.0.0.1:backendPort}; open ones stay where they are. */
    void switchTo(int backendPort) {
        if (backendPort < 1 || backendPort > 65535) {
            throw new IllegalArgumentException("not a port: " + backendPort);
        }
        this.backendPort.set(backendPort);
        drainingSince = System.nanoTime();
        drainOld();
    }

    /** Answers new connections with 503 from now on; open ones stay where they are. */
    void stopServing() {
        backendPort.set(NO_BACKEND);
    }

    /** Closes idle connections to releases no longer served, until none is left. */
    private synchronized void drainOld() {
        Thread running = drainer;
        if (running != null && running.isAlive()) {
            return;
        }
        drainer = Thread.ofVirtual().name("tcp-proxy-drain").start(() -> {
            while (!closed) {
                int current = backendPort.get();
                boolean left = false;
                long now = System.nanoTime();
                for (Connection connection : connections) {
                    if (connection.backendPort == NO_BACKEND || connection.backendPort == current) {
                        continue;
                    }
                    Duration idle = now - drainingSince < DRAIN_PATIENCE.toNanos() ? DRAIN_IDLE : DRAIN_PAUSE;
                    if (connection.idleAfterResponse(now, idle)) {
                        connection.close();
                        connections.remove(connection);
                    }
                    else {
                        left = true;
                    }
                }
                if (!left) {
                    return;
                }
                LockSupport.parkNanos(DRAIN_CHECK.toNanos());
            }
        });
    }

    /** Where new connections go; empty when nothing is served. */
    OptionalInt backendPort() {
        int port = backendPort.get();
        return port == NO_BACKEND ? OptionalInt.empty() : OptionalInt.of(port);
    }

    /** Connections open now, including ones being answered with 503. */
    int openConnections() {
        return connections.size();
    }

    /** Connections open now to one backend port: 0 once a release switched away from is drained. */
    int openConnections(int backendPort) {
        return (int) connections.stream().filter(connection -> connection.backendPort == backendPort).count();
    }

    /** Stops listening and closes every open connection; the port is free again when it returns. Idempotent. */
    @Override
    public void close() {
        closed = true;
        ServerSocket listening;
        Thread accepting;
        synchronized (this) {
            listening = server;
            accepting = acceptor;
        }
        if (listening != null) {
            closeQuietly(listening);
        }
        for (Connection connection : connections) {
            connection.close();
            connections.remove(connection);
        }
        if (accepting != null && accepting != Thread.currentThread()) {
            // the JDK really closes a socket only once the thread blocked in accept() has left it
            try {
                accepting.join(CLOSE_WAIT);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void accept(ServerSocket listening) {
        while (!closed) {
            Socket client;
            try {
                client = listening.accept();
            } catch (IOException e) {
                if (!closed) {
                    // out of file descriptors, most likely: do not spin
                    LOG.log(System.Logger.Level.WARNING, "accepting on port " + listening.getLocalPort()
                            + " failed", e);
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
                }
                continue;
            }
            Connection connection = new Connection(client, backendPort.get());
            connections.add(connection);
            if (closed) {
                connection.close();
                connections.remove(connection);
                return;
            }
            Thread.ofVirtual().name("tcp-proxy-" + listening.getLocalPort() + "-connection")
                    .start(() -> serve(connection));
        }
    }

    private void serve(Connection connection) {
        try {
            connection.client.setTcpNoDelay(true);
            if (connection.backendPort == NO_BACKEND) {
                answerUnavailable(connection.client);
                return;
            }
            Socket backend = new Socket();
            try {
                backend.setTcpNoDelay(true);
                backend.connect(new InetSocketAddress(backendHost, connection.backendPort),
                        (int) CONNECT_TIMEOUT.toMillis());
            } catch (IOException refusedOrTimedOut) {
                closeQuietly(backend);
                answerUnavailable(connection.client);
                return;
            }
            if (!connection.attach(backend)) {
                return;
            }
            Thread upstream = Thread.ofVirtual().name("tcp-proxy-upstream")
                    .start(() -> pipe(connection.client, backend, connection, true));
            pipe(backend, connection.client, connection, false);
            upstream.join();
        } catch (IOException e) {
            // the client went away
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            connection.close();
            connections.remove(connection);
        }
    }

    /** Copies until {@code from} ends, then half-closes {@code to}; on an error, closes the whole connection. */
    private static void pipe(Socket from, Socket to, Connection connection, boolean upstream) {
        byte[] buffer = new byte[BUFFER_BYTES];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                connection.moved(upstream);
                out.write(buffer, 0, read);
            }
            to.shutdownOutput();
        } catch (IOException e) {
            connection.close();
        }
    }

    private static void answerUnavailable(Socket client) throws IOException {
        client.setSoTimeout((int) UNAVAILABLE_LINGER.toMillis());
        client.getOutputStream().write(UNAVAILABLE);
        client.shutdownOutput();
        // read what the client sent: closing with unread data would reset the connection, and the client could
        // lose the answer
        byte[] discard = new byte[4096];
        InputStream in = client.getInputStream();
        try {
            for (int total = 0; total < 64 * 1024; ) {
                int read = in.read(discard);
                if (read < 0) {
                    return;
                }
                total += read;
            }
        } catch (SocketTimeoutException enough) {
            // the client keeps the connection open: it has had its answer
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // closing anyway
        }
    }

    /** A client connection and, once connected, its backend connection. */
    private static final class Connection {

        final Socket client;
        final int backendPort;
        private Socket backend;
        private boolean closed;
        /** When bytes last went to the backend (the client spoke) and to the client (the release answered). */
        private volatile long lastUpstream;
        private volatile long lastDownstream;

        Connection(Socket client, int backendPort) {
            this.client = client;
            this.backendPort = backendPort;
            this.lastUpstream = System.nanoTime();
            this.lastDownstream = lastUpstream;
        }

        void moved(boolean upstream) {
            if (upstream) {
                lastUpstream = System.nanoTime();
            }
            else {
                lastDownstream = System.nanoTime();
            }
        }

        /** The release answered last (or nobody spoke yet) and nothing moved since for {@code idle}. */
        boolean idleAfterResponse(long now, Duration idle) {
            long upstream = lastUpstream;
            long downstream = lastDownstream;
            return downstream >= upstream && now - downstream >= idle.toNanos();
        }

        /** @return false when the connection was closed meanwhile; then {@code backend} is closed too */
        synchronized boolean attach(Socket backend) {
            if (closed) {
                closeQuietly(backend);
                return false;
            }
            this.backend = backend;
            return true;
        }

        synchronized void close() {
            closed = true;
            closeQuietly(client);
            if (backend != null) {
                closeQuietly(backend);
            }
        }
    }
}
