package dev.autodeploy.deployer.target.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Finds free TCP ports: any one for an app instance to listen on, or the first of a configured range for an
 * environment's stable port. A port is only known to be free when it is checked: whoever uses it must still
 * expect the bind to fail.
 */
final class PortFinder {

    private PortFinder() {
    }

    /** A port nothing uses on 127.0.0.1 right now, chosen by the system. */
    static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /**
     * The lowest port from {@code from} to {@code to} (both included) that is not {@code excluded} (ports other
     * environments hold, listening or not) and that nothing listens on, on any address.
     */
    static OptionalInt firstFreeIn(int from, int to, Set<Integer> excluded) {
        if (from < 1 || to > 65535 || from > to) {
            throw new IllegalArgumentException("not a port range: " + from + "-" + to);
        }
        for (int port = from; port <= to; port++) {
            if (!excluded.contains(port) && isFree(port)) {
                return OptionalInt.of(port);
            }
        }
        return OptionalInt.empty();
    }

    /** Whether the port can be listened on, on every address. */
    static boolean isFree(int port) {
        // the wildcard address conflicts with a listener on any one address, IPv4 or IPv6
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port), 1);
            return true;
        } catch (IOException inUse) {
            return false;
        }
    }
}
