package vn.farm.sim.run;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The network between simulated greenhouses and their broker, with a hand on the cable: it forwards TCP
 * connections from a free port of 127.0.0.1 to a target port. {@link #cut()} closes every connection without a
 * protocol goodbye (a pulled and replugged cable); {@link #down()} also refuses new ones, as a dead uplink does;
 * {@link #blackhole()} keeps the connections open but lets no byte through, as a partition does, so only the MQTT
 * keep-alive notices; {@link #up()} restores the link. Thread-safe.
 */
public final class TcpProxy implements AutoCloseable {
  private enum Mode { UP, DOWN, BLACKHOLE }

  private final ServerSocket server;
  private final int targetPort;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private volatile Mode mode = Mode.UP;

  /** Starts forwarding a free local port to {@code targetPort} of 127.0.0.1. */
  public TcpProxy(int targetPort) throws IOException {
    this.targetPort = targetPort;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::accept, "tcp-proxy-" + server.getLocalPort());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Returns the local port the proxy listens on. */
  public int port() {
    return server.getLocalPort();
  }

  /** Returns the URL an MQTT client uses to go through the proxy. */
  public String url() {
    return "tcp://127.0.0.1:" + port();
  }

  /** Closes every forwarded connection on both sides; new connections are still accepted. */
  public void cut() {
    cutAll();
  }

  /** Cuts every connection and refuses new ones until {@link #up()}. */
  public void down() {
    mode = Mode.DOWN;
    cutAll();
  }

  /** Lets no byte through the open connections, and accepts no new ones, until {@link #up()}. */
  public void blackhole() {
    mode = Mode.BLACKHOLE;
  }

  /** Lets connections through again; connections stalled by {@link #blackhole()} are cut. */
  public void up() {
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
    }, "tcp-proxy-pump");
    t.setDaemon(true);
    t.start();
  }
}
