package vn.farm.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.junit.jupiter.api.Test;

class NoDelaySocketFactoryTest {
  @Test
  void theUnconnectedSocketPahoAsksForHasNagleOff() throws Exception {
    try (Socket socket = new NoDelaySocketFactory().createSocket()) {
      assertThat(socket.getTcpNoDelay()).isTrue();
    }
  }

  @Test
  void connectedSocketsHaveNagleOffToo() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Socket socket = new NoDelaySocketFactory().createSocket(InetAddress.getLoopbackAddress(),
            server.getLocalPort())) {
      assertThat(socket.getTcpNoDelay()).isTrue();
    }
  }
}
