package dev.autodeploy.deployer.target.local;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PortFinderTests {

    @Test
    void aFreeLoopbackPortCanBeListenedOn() throws Exception {
        int port = PortFinder.freeLoopbackPort();

        assertThat(port).isBetween(1, 65535);
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertThat(socket.getLocalPort()).isEqualTo(port);
        }
    }

    @Test
    void firstFreeInSkipsPortsInUseOnAnyAddressAndExcludedOnes() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();

            assertThat(PortFinder.isFree(port)).isFalse();
            assertThat(PortFinder.firstFreeIn(port, port, Set.of())).isEmpty();
        }
        int free = PortFinder.freeLoopbackPort();
        assertThat(PortFinder.firstFreeIn(free, free, Set.of())).hasValue(free);
        assertThat(PortFinder.firstFreeIn(free, free, Set.of(free))).isEmpty();
    }

    @Test
    void firstFreeInReturnsTheLowestFreePortOfTheRange() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            int from = Math.max(1024, port - 2);

            int found = PortFinder.firstFreeIn(from, port + 50, Set.of(from, from + 1)).orElseThrow();

            assertThat(found).isGreaterThan(from + 1).isNotEqualTo(port).isLessThanOrEqualTo(port + 50);
            assertThat(PortFinder.isFree(found)).isTrue();
        }
    }

    @Test
    void rejectsRangesThatAreNotPorts() {
        assertThatThrownBy(() -> PortFinder.firstFreeIn(0, 10, Set.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PortFinder.firstFreeIn(10, 65536, Set.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PortFinder.firstFreeIn(20, 10, Set.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
