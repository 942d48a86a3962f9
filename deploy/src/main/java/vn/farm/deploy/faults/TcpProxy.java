package vn.farm.deploy.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The network between the greenhouses and the broker, with a hand on the cable: {@link #down()} cuts every
 * connection without a protocol goodbye and refuses new ones, as a dead uplink does; {@link #blackhole()} keeps the
 * connections open but lets no byte through, as a partition does, so only the MQTT keep-alive notices; {@link
 * #up()} restores the link.
 */
final class TcpProxy implements AutoCloseable {
  private enum Mode { UP, DOWN, BLACKHOLE }

  private final ServerSocket server;
  private final int targetPort;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private volatile Mode mode = Mode.UP;

  TcpProxy(int targetPort) throws IOException {
    this.targetPort = targetPort;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::accept, "fault-proxy");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return server.getLocalPort();
  }

  void down() {
    mode = Mode.DOWN;
    cutAll();
  }

  void blackhole() {
    mode = Mode.BLACKHOLE;
  }

  void up() {
    if (mode == Mode.BLACKHOLE) {
      // The stalled connections lost bytes in both directions; the ends must start over, as after a real partition
      // they would once their keep-alive gave up.
      cutAll();
    }
    mode = Mode.UP;
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    cutAll();
  }

  private void cutAll() {
    for (Socket s : sockets) {
      try {
        s.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
    sockets.clear();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        if (mode != Mode.UP) {
          client.close();
          continue;
        }
        Socket upstream;
        try {
          upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
        } catch (IOException brokerDown) {
          client.close();
          continue;
        }
        sockets.add(client);
        sockets.add(upstream);
        pump(client, upstream);
        pump(upstream, client);
      } catch (IOException e) {
        return;
      }
    }
  }

  private void pump(Socket from, Socket to) {
    Thread t = new Thread(() -> {
      byte[] buffer = new byte[16 * 1024];
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        int n;
        while ((n = in.read(buffer)) >= 0) {
          if (mode == Mode.BLACKHOLE) {
            continue;
          }
          out.write(buffer, 0, n);
        }
      } catch (IOException ignored) {
        // the connection was cut
      } finally {
        try {
          from.close();
          to.close();
        } catch (IOException ignored) {
          // already closed
        }
      }
    }, "fault-proxy-pump");
    t.setDaemon(true);
    t.start();
  }
}
