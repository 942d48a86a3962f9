package vn.farm.deploy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Port settings taken from the environment, checked before anything starts. */
public final class Ports {
  private Ports() {}

  /** Returns a TCP port of 127.0.0.1 that was free a moment ago. */
  public static int free() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** Returns the port in {@code variable}, or {@code fallback}; throws a one-line error for a bad value. */
  static int fromEnv(String variable, int fallback) {
    String text = System.getenv(variable);
    if (text == null || text.isBlank()) {
      return fallback;
    }
    try {
      int port = Integer.parseInt(text.trim());
      if (port < 1 || port > 65535) {
        throw new NumberFormatException();
      }
      return port;
    } catch (NumberFormatException e) {
      throw new DemoException(variable + "='" + text + "' is not a TCP port (1-65535)");
    }
  }

  /** Throws a one-line error naming {@code variable} when {@code port} cannot be bound on all interfaces. */
  static void requireFree(String variable, int port) {
    try (ServerSocket probe = new ServerSocket()) {
      probe.setReuseAddress(true);
      probe.bind(new InetSocketAddress(port));
    } catch (IOException e) {
      throw new DemoException("port " + port + " is already in use: set " + variable
          + " to a free port, e.g. " + variable + "=" + suggestion(port) + " ./farm demo");
    }
  }

  private static int suggestion(int taken) {
    for (int p = taken + 1; p < taken + 100 && p <= 65535; p++) {
      try (ServerSocket probe = new ServerSocket()) {
        probe.bind(new InetSocketAddress(p));
        return p;
      } catch (IOException ignored) {
        // try the next one
      }
    }
    return taken + 1;
  }
}
