package vn.farm.cloud;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The dashboards' live stream (server-sent events) over HTTP, as a phone holds it open: it carries the caller's
 * greenhouses only, takes in a controller added to one of them while it is open, and ends when its session does.
 * The tests' streams look again every second ({@code farm.stream.rescope-every}). A session holds at most four
 * open ({@code farm.stream.max-per-session}).
 */
@QuarkusTest
@WithTestResource(FarmCloudTestResource.class)
class LiveStreamTest {
  private static final Duration WAIT = Duration.ofSeconds(15);

  @TestHTTPResource("/api/stream")
  URL stream;

  /** An open stream: its lines as they arrive, and whether the server has ended it. */
  private static final class Open {
    final List<String> lines = new CopyOnWriteArrayList<>();
    final CompletableFuture<Void> ended;

    Open(URL url, String token) throws Exception {
      HttpRequest request = HttpRequest.newBuilder(URI.create(url.toString()))
          .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").build();
      ended = HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofLines())
          .thenAcceptAsync(r -> {
            assertThat(r.statusCode()).isEqualTo(200);
            try (Stream<String> body = r.body()) {
              body.forEach(lines::add);
            }
          });
    }

    boolean saw(String deviceId) {
      return lines.stream().anyMatch(l -> l.startsWith("data:") && l.contains("\"deviceId\":\"" + deviceId + "\""));
    }
  }

  /** A stream over a socket of its own, as a browser tab holds one; closing it is the tab closing. */
  private static final class Held implements AutoCloseable {
    final Socket socket;
    final int status;
    final String body;

    Held(URL url, String token) throws Exception {
      socket = new Socket(url.getHost(), url.getPort());
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(("GET " + url.getPath() + " HTTP/1.1\r\nHost: " + url.getHost() + ":"
          + url.getPort() + "\r\nAuthorization: Bearer " + token + "\r\nAccept: text/event-stream\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      var in = new java.io.DataInputStream(socket.getInputStream());
      status = Integer.parseInt(line(in).split(" ")[1]);
      int length = -1;
      for (String header = line(in); !header.isEmpty(); header = line(in)) {
        if (header.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
          length = Integer.parseInt(header.substring(15).strip());
        }
      }
      byte[] bytes = new byte[Math.max(length, 0)];
      in.readFully(bytes);
      body = new String(bytes, StandardCharsets.UTF_8);
    }

    private static String line(java.io.DataInputStream in) throws java.io.IOException {
      StringBuilder b = new StringBuilder();
      for (int c = in.read(); c != '\n'; c = in.read()) {
        if (c < 0) {
          throw new java.io.EOFException("the server closed the connection after: " + b);
        }
        if (c != '\r') {
          b.append((char) c);
        }
      }
      return b.toString();
    }

    @Override
    public void close() {
      try {
        socket.close();
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }

  @Test
  void aSessionHoldsAtMostFourStreamsAndClosingOneFreesItsSlot() throws Exception {
    Api.user("ls-tabs", "farmer", Api.cooperative("HTX Nhiều thẻ", "Hà Nội", null), null);
    String token = Api.login("ls-tabs", Api.passwordOf("ls-tabs"));
    List<Held> tabs = new ArrayList<>();
    try {
      for (int i = 0; i < 4; i++) {
        tabs.add(new Held(stream, token));
        assertThat(tabs.get(i).status).as("stream " + (i + 1)).isEqualTo(200);
      }
      try (Held fifth = new Held(stream, token)) {
        assertThat(fifth.status).isEqualTo(429);
        assertThat(fifth.body).contains("\"status\":429", "\"error\":\"too_many_streams\"", "\"field\":null");
      }
      // Another session of the same person is not held back by this one's streams.
      String other = Api.login("ls-tabs", Api.passwordOf("ls-tabs"));
      try (Held elsewhere = new Held(stream, other)) {
        assertThat(elsewhere.status).isEqualTo(200);
      }

      tabs.remove(0).close();
      tabs.add(await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> new Held(stream, token),
          held -> {
            if (held.status == 200) {
              return true;
            }
            held.close();
            return false;
          }));
    } finally {
      for (Held tab : tabs) {
        tab.close();
      }
    }
  }

  private static String telemetry(String device, long seq) {
    return """
        {"deviceId":"%s","bootId":"b","seq":%d,"readings":[
          {"sensor":"soil-1","quantity":"soil_moisture","value":41,"unit":"%%","at":"%s"}]}
        """.formatted(device, seq, Instant.now());
  }

  @Test
  void aStreamFollowsTheCallersGreenhousesAndEndsWithItsSession() throws Exception {
    long coop = Api.cooperative("HTX Rau Mễ Trì", "Hà Nội", null);
    long house = Api.greenhouse(coop, "Nhà màng LS", "ls-1");
    long other = Api.cooperative("HTX khác LS", "Hà Nội", null);
    Api.greenhouse(other, "Nhà của HTX khác", "ls-other");
    Api.user("ls-manager", "manager", coop, null);
    String token = Api.login("ls-manager", Api.passwordOf("ls-manager"));
    Open open = new Open(stream, token);
    try (MqttParties mqtt = new MqttParties(FarmCloudTestResource.mqttPort)) {
      long[] seq = {1};
      // The stream is open once it carries what the manager's greenhouse sends.
      await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> {
        mqtt.publish("farm/v1/ls-other/telemetry", telemetry("ls-other", seq[0]));
        mqtt.publish("farm/v1/ls-1/telemetry", telemetry("ls-1", seq[0]++));
        return open.saw("ls-1");
      });
      assertThat(open.saw("ls-1")).as("the manager's own greenhouse").isTrue();
      assertThat(open.saw("ls-other")).as("another cooperative's greenhouse").isFalse();

      // A second controller enrolled into the greenhouse while the stream is open joins it.
      Api.admin().contentType(ContentType.JSON).body(Map.of("greenhouseId", house)).when()
          .post("/api/devices/ls-2/credentials").then().statusCode(201);
      await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> {
        mqtt.publish("farm/v1/ls-2/telemetry", telemetry("ls-2", seq[0]++));
        return open.saw("ls-2");
      });
    }
    assertThat(open.ended).isNotDone();

    // Logging out ends the stream; the dashboard's reconnection then meets the login.
    given().header("Authorization", "Bearer " + token).when().delete("/api/session").then().statusCode(204);
    await().atMost(WAIT).until(open.ended::isDone);
    given().header("Authorization", "Bearer " + token).when().get("/api/stream").then().statusCode(401);
  }
}
