package vn.farm.cloud;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * An MQTT 5 client written byte by byte, for tests of what a broker does with a client that breaks the rules a
 * library client keeps to: a packet larger than the broker allows, more publishes in flight than its receive
 * maximum, connections from a chosen local address. Not thread-safe; close it to close the socket.
 */
final class RawMqtt implements AutoCloseable {
  /** What the broker answered a CONNECT with, or -1 when it closed the connection without a CONNACK. */
  final int connack;
  private final Socket socket;
  private final DataInputStream in;
  private final OutputStream out;

  private RawMqtt(Socket socket, int connack) throws IOException {
    this.socket = socket;
    this.in = new DataInputStream(socket.getInputStream());
    this.out = socket.getOutputStream();
    this.connack = connack;
  }

  /** Connects from {@code local} (a loopback address such as 127.0.0.2) to the broker on {@code port}. */
  static RawMqtt connect(InetAddress local, int port, String clientId, String username, String password)
      throws IOException {
    Socket socket = new Socket();
    socket.bind(new InetSocketAddress(local, 0));
    socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
    socket.setSoTimeout(10_000);
    socket.setTcpNoDelay(true);
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    string(body, "MQTT");
    body.write(5);
    body.write(0x02 | 0x80 | 0x40); // clean start, user name, password
    body.write(0);
    body.write(60); // keep-alive 60 s
    body.write(0); // no properties
    string(body, clientId);
    string(body, username);
    string(body, password);
    socket.getOutputStream().write(packet(0x10, body.toByteArray()));
    DataInputStream in = new DataInputStream(socket.getInputStream());
    int connack;
    try {
      int type = in.readUnsignedByte();
      byte[] rest = new byte[remainingLength(in)];
      in.readFully(rest);
      connack = type == 0x20 ? rest[1] & 0xff : -1;
    } catch (EOFException | java.net.SocketException closed) {
      connack = -1;
    }
    return new RawMqtt(socket, connack);
  }

  /** Sends a QoS 1 PUBLISH of {@code payload} with packet id {@code id}, without waiting for its PUBACK. */
  void publish(String topic, byte[] payload, int id) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    string(body, topic);
    body.write(id >> 8);
    body.write(id & 0xff);
    body.write(0); // no properties
    body.write(payload);
    out.write(packet(0x32, body.toByteArray()));
  }

  /** Sends {@code count} QoS 1 PUBLISHes of {@code payload} in one write, as a client ignoring flow control would. */
  void flood(String topic, byte[] payload, int count) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    for (int id = 1; id <= count; id++) {
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      string(body, topic);
      body.write(id >> 8);
      body.write(id & 0xff);
      body.write(0);
      body.write(payload, 0, payload.length);
      byte[] p = packet(0x32, body.toByteArray());
      all.write(p, 0, p.length);
    }
    out.write(all.toByteArray());
  }

  /**
   * Reads what the broker sends for up to {@code ms}, or until {@code wanted} PUBACKs have come; returns how many
   * came.
   */
  int acks(int wanted, long ms) throws IOException {
    int acks = 0;
    long end = System.nanoTime() + ms * 1_000_000;
    int timeout = socket.getSoTimeout();
    try {
      while (acks < wanted) {
        long left = (end - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
          break;
        }
        socket.setSoTimeout((int) left);
        int type = in.readUnsignedByte();
        byte[] rest = new byte[remainingLength(in)];
        in.readFully(rest);
        if (type == 0x40) {
          acks++;
        }
      }
    } catch (SocketTimeoutException quiet) {
      // as many as came
    } finally {
      socket.setSoTimeout(timeout);
    }
    return acks;
  }

  /**
   * Reads what the broker sends until it disconnects this client, and returns the reason code of its DISCONNECT
   * (0 when it only closed the socket); throws when it has not within the socket's timeout.
   */
  int awaitDisconnect() throws IOException {
    try {
      while (true) {
        int type = in.readUnsignedByte();
        byte[] rest = new byte[remainingLength(in)];
        in.readFully(rest);
        if (type == 0xE0) {
          return rest.length == 0 ? 0 : rest[0] & 0xff;
        }
      }
    } catch (EOFException | java.net.SocketException closed) {
      return 0;
    } catch (SocketTimeoutException stillConnected) {
      throw new AssertionError("the broker kept the client connected");
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }

  private static void string(ByteArrayOutputStream out, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.write(b.length >> 8);
    out.write(b.length & 0xff);
    out.write(b, 0, b.length);
  }

  private static byte[] packet(int header, byte[] body) {
    ByteArrayOutputStream p = new ByteArrayOutputStream(body.length + 5);
    p.write(header);
    int length = body.length;
    do {
      int digit = length % 128;
      length /= 128;
      p.write(length > 0 ? digit | 0x80 : digit);
    } while (length > 0);
    p.write(body, 0, body.length);
    return p.toByteArray();
  }

  private static int remainingLength(DataInputStream in) throws IOException {
    int value = 0;
    int multiplier = 1;
    int digit;
    do {
      digit = in.readUnsignedByte();
      value += (digit & 0x7f) * multiplier;
      multiplier *= 128;
    } while ((digit & 0x80) != 0);
    return value;
  }
}
