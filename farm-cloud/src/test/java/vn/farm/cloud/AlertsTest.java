package vn.farm.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.farm.cloud.db.Jdbc;

/**
 * Alert rules against a controller that speaks MQTT, and the messages they send to an HTTP receiver standing in for
 * an SMS gateway, a Zalo Official Account and a webhook: one open alert per condition, closed when it clears or
 * when a person acknowledges a one-off, retries recorded, quiet hours respected, and who may see and do what.
 */
@QuarkusTest
@WithTestResource(FarmCloudTestResource.class)
class AlertsTest {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static int cooperatives;

  @Inject
  Jdbc jdbc;

  private Receiver receiver;
  private long coop;
  private long house;
  private String device;
  private String manager;
  private String farmer;

  /** A cooperative of its own for each test, with a greenhouse, its manager and its farmer. */
  @BeforeEach
  void aCooperative() throws IOException {
    int n = ++cooperatives;
    coop = Api.cooperative("HTX Cảnh báo " + n, "Lào Cai", null);
    device = "al-" + n;
    house = Api.greenhouse(coop, "Nhà màng " + n, device);
    manager = "al-manager-" + n;
    farmer = "al-farmer-" + n;
    Api.user(manager, "manager", coop, null);
    long farmerId = Api.user(farmer, "farmer", coop, null);
    Api.admin().when().put("/api/users/" + farmerId + "/greenhouses/" + house).then().statusCode(200);
    receiver = new Receiver();
    // Each test sets up the rules it is about; the ones a cooperative starts with are switched off.
    for (long id : defaultRules()) {
      as(manager).body(Map.of("enabled", false)).when().patch("/api/alert-rules/" + id).then().statusCode(200)
          .body("enabled", equalTo(false));
    }
  }

  private List<Long> defaultRules() {
    return as(manager).when().get("/api/alert-rules").then().statusCode(200).extract().jsonPath()
        .getList("findAll { it.enabled }.id", Long.class);
  }

  @AfterEach
  void stopReceiver() {
    receiver.close();
  }

  private static RequestSpecification as(String username) {
    return Api.as(username, Api.passwordOf(username)).contentType(ContentType.JSON);
  }

  private long rule(Map<String, Object> body) {
    return as(manager).body(body).when().post("/api/alert-rules").then().statusCode(201).extract().jsonPath()
        .getLong("id");
  }

  private long channel(String kind, List<String> recipients, String path, Map<String, Object> extra) {
    Map<String, Object> body = new HashMap<>(Map.of("kind", kind, "name", kind + " test", "url",
        receiver.url(path), "token", "secret-" + kind, "recipients", recipients));
    body.putAll(extra);
    return as(manager).body(body).when().post("/api/alert-channels").then().statusCode(201)
        .body("hasToken", equalTo(true)).extract().jsonPath().getLong("id");
  }

  private List<Map<String, Object>> alerts(String who, boolean openOnly) {
    return as(who).queryParam("greenhouseId", house).queryParam("open", openOnly).when().get("/api/alerts")
        .then().statusCode(200).extract().jsonPath().getList("alerts");
  }

  private void publish(String channel, String payload) throws Exception {
    try (MqttParties mqtt = new MqttParties(FarmCloudTestResource.mqttPort)) {
      mqtt.publish("farm/v1/" + device + "/" + channel, payload);
    }
  }

  private String event(long seq, String type, String message) {
    return event(seq, type, message, null, null);
  }

  /** An event about {@code input} and a kind of failure, as an agent sends a sensor's fault and recovery. */
  private String event(long seq, String type, String message, String input, String kind) {
    return """
        {"deviceId":"%s","seq":%d,"type":"%s","severity":"warning","at":"%s","message":"%s"%s}
        """.formatted(device, seq, type, Instant.now().truncatedTo(ChronoUnit.MILLIS), message,
        input == null ? "" : ",\"about\":{\"input\":\"" + input + "\",\"kind\":\"" + kind + "\"}");
  }

  private String telemetry(long seq, double airC, Instant at) {
    return """
        {"deviceId":"%s","bootId":"b1","seq":%d,"readings":[
          {"sensor":"air","quantity":"air_temperature","value":%s,"unit":"°C","at":"%s"}]}
        """.formatted(device, seq, airC, at);
  }

  @Test
  void aSensorFaultOpensOneAlertThatClosesWhenTheSensorRecoversAndTheWebhookHearsBoth() throws Exception {
    rule(Map.of("kind", "sensor_fault"));
    channel("webhook", List.of(), "/hook", Map.of());
    publish("events", event(1, "sensor.fault", "input soil-1 (ADS1115 channel 0) failed: NO_ACK: no answer",
        "soil-1", "NO_ACK"));
    publish("events", event(2, "sensor.fault", "input soil-1 (ADS1115 channel 0) failed: NO_ACK: no answer",
        "soil-1", "NO_ACK"));
    await().atMost(WAIT).until(() -> alerts(farmer, true).size() == 1);
    Map<String, Object> open = alerts(farmer, true).get(0);
    assertThat((String) open.get("textVi")).isEqualTo("Nhà màng " + cooperatives
        + ": cảm biến soil-1 bị lỗi (NO_ACK)");
    assertThat(open.get("subject")).isEqualTo("soil-1");
    await().atMost(WAIT).until(() -> receiver.requests.size() == 1);

    publish("events", event(3, "sensor.recovered", "input soil-1 (ADS1115 channel 0) reads again after NO_ACK",
        "soil-1",
        "NO_ACK"));
    await().atMost(WAIT).until(() -> alerts(farmer, true).isEmpty());
    assertThat(alerts(farmer, false)).singleElement().satisfies(a -> {
      assertThat(a.get("closeReason")).isEqualTo("recovered");
      assertThat(a.get("occurrences")).isEqualTo(1);
    });
    await().atMost(WAIT).until(() -> receiver.requests.size() == 2);
    assertThat(receiver.requests.get(0).body()).contains("\"event\":\"opened\"", "cảm biến soil-1");
    assertThat(receiver.requests.get(0).headers().get("Authorization")).isEqualTo("Bearer secret-webhook");
    assertThat(receiver.requests.get(1).body()).contains("\"event\":\"closed\"", "Đã hết: ");
  }

  @Test
  void aReadingOutOfItsBandOpensAnAlertOnlyAfterItsMinutesAndClosesWhenBackInside() throws Exception {
    rule(Map.of("kind", "band", "quantity", "air_temperature", "max", 35, "forMinutes", 1));
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    publish("telemetry", telemetry(1, 24, now.minusSeconds(120)));
    publish("telemetry", telemetry(2, 39.5, now.minusSeconds(20)));
    // Hot for 20 s only: several evaluations pass and none opens an alert.
    await().during(Duration.ofSeconds(3)).atMost(WAIT).until(() -> alerts(farmer, false).isEmpty());

    publish("telemetry", telemetry(3, 39.5, now.minusSeconds(90)));
    await().atMost(WAIT).until(() -> alerts(farmer, true).size() == 1);
    assertThat((String) alerts(farmer, true).get(0).get("textEn")).contains("Air temperature (air) 39.5 °C",
        "above 35 °C for 1 min");
    publish("telemetry", telemetry(4, 30, now.plusSeconds(1)));
    await().atMost(WAIT).until(() -> alerts(farmer, true).isEmpty());
  }

  @Test
  void aSilentControllerOpensAnOfflineAlertThatClosesWhenItIsHeardAgain() throws Exception {
    rule(Map.of("kind", "offline", "forMinutes", 5, "severity", "critical"));
    publish("telemetry", telemetry(1, 25, Instant.now()));
    await().atMost(WAIT).until(() -> jdbc.query("SELECT last_seen FROM device WHERE device_id = ?",
        rs -> rs.getObject(1), device).get(0) != null);
    jdbc.update("UPDATE device SET last_seen = ? WHERE device_id = ?", Instant.now().minusSeconds(600), device);
    await().atMost(WAIT).until(() -> alerts(farmer, true).size() == 1);
    assertThat((String) alerts(farmer, true).get(0).get("textVi")).contains("mất kết nối 10 phút");
    publish("telemetry", telemetry(2, 25, Instant.now()));
    await().atMost(WAIT).until(() -> alerts(farmer, true).isEmpty());
  }

  @Test
  void aRefusedCommandStaysOpenUntilAcknowledgedAndOnlyThoseWhoControlMayAcknowledge() throws Exception {
    rule(Map.of("kind", "refused_command"));
    String commandId = as(farmer).body(Map.of("actuator", "pump", "action", "on", "durationS", 60)).when()
        .post("/api/devices/" + device + "/commands").then().statusCode(202).extract().path("commandId");
    publish("acks", """
        {"commandId":"%s","status":"refused","reason":"safety: soil moisture 92 %% is above 85 %%","at":"%s"}
        """.formatted(commandId, Instant.now()));
    await().atMost(WAIT).until(() -> alerts(farmer, true).size() == 1);
    long id = ((Number) alerts(farmer, true).get(0).get("id")).longValue();
    assertThat((String) alerts(farmer, true).get(0).get("textVi")).contains("thiết bị từ chối lệnh on pump",
        "soil moisture 92 % is above 85 %");

    Api.user("al-officer-" + cooperatives, "officer", null, "Lào Cai");
    as("al-officer-" + cooperatives).when().post("/api/alerts/" + id + "/ack").then().statusCode(403);
    assertThat(alerts("al-officer-" + cooperatives, true)).hasSize(1);
    Api.user("al-stranger-" + cooperatives, "manager", Api.cooperative("HTX khác " + cooperatives, "Yên Bái",
        null), null);
    as("al-stranger-" + cooperatives).when().post("/api/alerts/" + id + "/ack").then().statusCode(404);

    as(farmer).when().post("/api/alerts/" + id + "/ack").then().statusCode(200)
        .body("ackedBy", equalTo(farmer)).body("closeReason", equalTo("acknowledged"));
    assertThat(alerts(farmer, true)).isEmpty();
  }

  @Test
  void aFailedMessageIsRetriedAndEveryAttemptIsRecorded() throws Exception {
    rule(Map.of("kind", "safety_trip"));
    receiver.answer(500, "gateway busy");
    receiver.answer(200, "{\"status\":\"queued\"}");
    channel("sms", List.of("0912 345 678"), "/sms", Map.of());
    publish("events", event(1, "safety.max_on", "pump ran 600 s, its maximum (it was on for manual)"));
    await().atMost(WAIT).until(() -> receiver.requests.size() == 2);
    assertThat(receiver.requests.get(1).body()).contains("\"to\":[\"0912345678\"]", "lớp an toàn can thiệp");
    long id = ((Number) alerts(farmer, true).get(0).get("id")).longValue();
    await().atMost(WAIT).until(() -> "sent".equals(as(manager).when().get("/api/alerts/" + id + "/deliveries")
        .then().statusCode(200).extract().jsonPath().getString("[0].status")));
    as(manager).when().get("/api/alerts/" + id + "/deliveries").then()
        .body("[0].attempts", equalTo(2)).body("[0].recipient", equalTo("0912345678"))
        .body("[0].httpStatus", equalTo(200));
    as(farmer).when().get("/api/alerts/" + id + "/deliveries").then().statusCode(403);

    // The same trip again counts on the open alert instead of opening another.
    publish("events", event(2, "safety.max_on", "pump ran 600 s, its maximum (it was on for manual)"));
    await().atMost(WAIT).until(() -> ((Number) alerts(farmer, true).get(0).get("occurrences")).intValue() == 2);
    assertThat(alerts(farmer, false)).hasSize(1);
  }

  @Test
  void zaloMessagesGoToEachFollowerAndAZaloErrorCountsAsAFailure() throws Exception {
    rule(Map.of("kind", "sensor_fault"));
    receiver.answer(200, "{\"error\":-216,\"message\":\"Access token is invalid\"}");
    receiver.answer(200, "{\"error\":0,\"message\":\"Success\",\"data\":{\"message_id\":\"m1\"}}");
    channel("zalo", List.of("8412345"), "/zalo", Map.of("lang", "en"));
    publish("events", event(1, "sensor.fault", "input air (SHT31 at 0x44) failed: CRC: bad checksum", "air", "CRC"));
    await().atMost(WAIT).until(() -> receiver.requests.size() == 2);
    Request first = receiver.requests.get(0);
    assertThat(first.headers().get("Access_token")).isEqualTo("secret-zalo");
    assertThat(first.body()).contains("\"recipient\":{\"user_id\":\"8412345\"}", "sensor air failed");
    long id = ((Number) alerts(manager, true).get(0).get("id")).longValue();
    await().atMost(WAIT).until(() -> "sent".equals(as(manager).when().get("/api/alerts/" + id + "/deliveries")
        .then().extract().jsonPath().getString("[0].status")));
    List<Map<String, Object>> audit = Api.admin().queryParam("limit", 500).when().get("/api/audit").then()
        .extract().jsonPath().getList("entries");
    assertThat(audit).anySatisfy(e -> assertThat(e.get("action")).isEqualTo("alert_channel.create"));
  }

  @Test
  void duringQuietHoursOnlyCriticalAlertsGoOutAndAHeldMessageIsDroppedWhenItsAlertClears() throws Exception {
    LocalTime local = LocalTime.now(ZoneId.of("Asia/Ho_Chi_Minh")).truncatedTo(ChronoUnit.MINUTES);
    channel("webhook", List.of(), "/quiet", Map.of("quietFrom", local.minusHours(1).toString(),
        "quietUntil", local.plusHours(1).toString()));
    rule(Map.of("kind", "sensor_fault", "severity", "warning"));
    rule(Map.of("kind", "safety_trip", "severity", "critical"));
    publish("events", event(1, "sensor.fault", "input soil-2 (ADS1115 channel 1) failed: RANGE: 3.4 V",
        "soil-2", "RANGE"));
    publish("events", event(2, "safety.watchdog", "control loop stalled 130 s; outputs to their safe state"));
    await().atMost(WAIT).until(() -> receiver.requests.size() == 1);
    assertThat(receiver.requests.get(0).body()).contains("safety.watchdog");
    long fault = alerts(manager, true).stream().filter(a -> "sensor_fault".equals(a.get("kind")))
        .map(a -> ((Number) a.get("id")).longValue()).findFirst().orElseThrow();
    as(manager).when().get("/api/alerts/" + fault + "/deliveries").then().body("[0].status", equalTo("pending"));

    publish("events", event(3, "sensor.recovered", "input soil-2 (ADS1115 channel 1) reads again after RANGE", "soil-2",
        "RANGE"));
    await().atMost(WAIT).until(() -> "dropped".equals(as(manager).when().get("/api/alerts/" + fault
        + "/deliveries").then().extract().jsonPath().getString("[0].status")));
    assertThat(receiver.requests).hasSize(1);
  }

  @Test
  void aNewCooperativeStartsWithRulesForSilenceSensorFaultsSafetyTripsAndRefusals() {
    long fresh = Api.cooperative("HTX Mới " + cooperatives, "Lào Cai", null);
    List<Map<String, Object>> rules = Api.admin().when().get("/api/alert-rules").then().statusCode(200).extract()
        .jsonPath().getList("findAll { it.cooperativeId == " + fresh + " }");
    assertThat(rules).extracting(r -> r.get("kind") + "/" + r.get("severity") + "/" + r.get("forMinutes"))
        .containsExactly("offline/critical/15", "sensor_fault/warning/0", "safety_trip/critical/0",
            "refused_command/warning/0");
    assertThat(as(manager).when().get("/api/alert-rules").then().extract().jsonPath()
        .getList("cooperativeId", Long.class)).allMatch(c -> c == coop);
  }

  private Map<String, Object> lastDelivery(long alertId) {
    return as(manager).when().get("/api/alerts/" + alertId + "/deliveries").then().statusCode(200).extract()
        .jsonPath().getMap("[-1]");
  }

  private long openAlertId() {
    await().atMost(WAIT).until(() -> alerts(manager, true).size() == 1);
    return ((Number) alerts(manager, true).get(0).get("id")).longValue();
  }

  @Test
  void aChannelIntoTheCloudsOwnNetworkIsRefusedUnlessAllowed() {
    // The tests allow 127.0.0.1 (farm.alerts.allowed-hosts) for their receivers, and nothing else.
    for (String url : List.of("http://127.0.0.2:8080/hook", "http://127.1.2.3:9/hook", "http://10.0.0.5/sms",
        "http://172.16.4.1/", "http://192.168.1.1/admin", "http://169.254.169.254/latest/meta-data/",
        "http://100.64.0.1/", "http://0.0.0.0:5432/", "http://224.0.0.1/", "http://[::1]/", "http://[::]/",
        "http://[fd12:3456::1]/", "http://[fe80::1]/", "http://[::ffff:127.0.0.2]/", "http://[::ffff:10.0.0.5]/",
        "http://[64:ff9b::a00:5]/")) {
      io.restassured.response.Response r = as(manager).body(Map.of("kind", "webhook", "name", "nội bộ", "url",
          url)).when().post("/api/alert-channels");
      assertThat(r.statusCode()).as(url).isEqualTo(400);
      assertThat(r.jsonPath().getString("field")).isEqualTo("url");
      assertThat(r.jsonPath().getString("message")).as(url).contains("public addresses only",
          "farm.alerts.allowed-hosts");
    }
    as(manager).body(Map.of("kind", "webhook", "name", "không có", "url", "http://no-such-host.invalid/hook"))
        .when().post("/api/alert-channels").then().statusCode(400).body("field", equalTo("url"))
        .body("message", org.hamcrest.Matchers.containsString("cannot be resolved"));
    as(manager).body(Map.of("kind", "webhook", "name", "cho phép", "url", receiver.url("/hook"))).when()
        .post("/api/alert-channels").then().statusCode(201);
  }

  @Test
  void aRedirectIsNotFollowedAndCountsAsAFailedAttempt() throws Exception {
    rule(Map.of("kind", "sensor_fault"));
    receiver.redirect(302, receiver.url("/elsewhere"));
    receiver.redirect(307, "http://10.0.0.5/internal");
    receiver.answer(200, "{}");
    channel("webhook", List.of(), "/hook", Map.of());
    publish("events", event(1, "sensor.fault", "input soil-1 (ADS1115 channel 0) failed: NO_ACK: no answer",
        "soil-1", "NO_ACK"));
    long id = openAlertId();
    // Between attempts the refused one is on record, waiting for its retry.
    await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> {
      Map<String, Object> d = lastDelivery(id);
      return "pending".equals(d.get("status")) && Integer.valueOf(307).equals(d.get("httpStatus"));
    });
    assertThat((String) lastDelivery(id).get("lastError")).contains("redirects are not followed",
        "http://10.0.0.5/internal");
    await().atMost(WAIT).until(() -> "sent".equals(lastDelivery(id).get("status")));
    assertThat(lastDelivery(id)).containsEntry("attempts", 3).containsEntry("httpStatus", 200);
    assertThat(receiver.requests).extracting(Request::path).containsExactly("/hook", "/hook", "/hook");
  }

  @Test
  void aHugeAnswerIsNotReadWhole() throws Exception {
    rule(Map.of("kind", "sensor_fault"));
    channel("webhook", List.of(), Receiver.ENDLESS, Map.of());
    publish("events", event(1, "sensor.fault", "input soil-1 (ADS1115 channel 0) failed: NO_ACK: no answer",
        "soil-1", "NO_ACK"));
    long id = openAlertId();
    // Well before the 15 s an exchange may take: the cloud stopped reading and hung up.
    await().atMost(Duration.ofSeconds(8)).until(() -> "sent".equals(lastDelivery(id).get("status")));
    receiver.endlessHungUp.get(5, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(receiver.endlessBytes.get()).as("bytes written before the cloud hung up").isLessThan(16L << 20);
  }

  @Test
  void aReceiverThatNeverAnswersForOneCooperativeDoesNotDelayAnother() throws Exception {
    rule(Map.of("kind", "sensor_fault"));
    try (BlackHole hole = new BlackHole(); Receiver other = new Receiver()) {
      as(manager).body(Map.of("kind", "webhook", "name", "đường chết", "url", hole.url("/hook"))).when()
          .post("/api/alert-channels").then().statusCode(201);
      // Another cooperative, with the rules a cooperative starts with and a webhook that answers.
      long coopB = Api.cooperative("HTX Cảnh báo B" + cooperatives, "Lào Cai", null);
      String deviceB = "al-b-" + cooperatives;
      Api.greenhouse(coopB, "Nhà màng B" + cooperatives, deviceB);
      String managerB = "al-manager-b-" + cooperatives;
      Api.user(managerB, "manager", coopB, null);
      as(managerB).body(Map.of("kind", "webhook", "name", "HTX B", "url", other.url("/hook"))).when()
          .post("/api/alert-channels").then().statusCode(201);

      publish("events", event(1, "sensor.fault", "input soil-1 (ADS1115 channel 0) failed: NO_ACK: no answer",
          "soil-1", "NO_ACK"));
      hole.requested.get(15, java.util.concurrent.TimeUnit.SECONDS);
      long started = System.nanoTime();
      try (MqttParties mqtt = new MqttParties(FarmCloudTestResource.mqttPort)) {
        mqtt.publish("farm/v1/" + deviceB + "/events", """
            {"deviceId":"%s","seq":1,"type":"sensor.fault","severity":"warning","at":"%s","message":"%s",
             "about":{"input":"air","kind":"CRC"}}
            """.formatted(deviceB, Instant.now().truncatedTo(ChronoUnit.MILLIS),
            "input air (SHT31 at 0x44) failed: CRC: bad checksum"));
      }
      await().atMost(WAIT).until(() -> other.requests.size() == 1);
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      // Cooperative A's message is still waiting for its answer (up to 15 s) while B's went out.
      assertThat(took).as("B's alert from event to webhook").isLessThan(Duration.ofSeconds(6));
      long a = ((Number) alerts(manager, true).get(0).get("id")).longValue();
      assertThat(lastDelivery(a)).containsEntry("status", "pending").containsEntry("attempts", 0);
    }
  }

  @Test
  void badRulesAndChannelsAreRefusedNamingTheField() {
    as(manager).body(Map.of("kind", "flood")).when().post("/api/alert-rules").then().statusCode(400)
        .body("field", equalTo("kind"));
    as(manager).body(Map.of("kind", "band", "quantity", "air_temperature")).when().post("/api/alert-rules")
        .then().statusCode(400).body("field", equalTo("min"));
    as(manager).body(Map.of("kind", "band", "quantity", "air_temperature", "min", 30, "max", 20)).when()
        .post("/api/alert-rules").then().statusCode(400).body("field", equalTo("max"));
    as(manager).body(Map.of("kind", "offline")).when().post("/api/alert-rules").then().statusCode(400)
        .body("field", equalTo("forMinutes"));
    as(manager).body(Map.of("kind", "webhook", "name", "x", "url", "ftp://example.org/")).when()
        .post("/api/alert-channels").then().statusCode(400).body("field", equalTo("url"));
    as(manager).body(Map.of("kind", "sms", "name", "x", "url", "https://sms.example.vn/send")).when()
        .post("/api/alert-channels").then().statusCode(400).body("field", equalTo("recipients"));
    as(manager).body(Map.of("kind", "webhook", "name", "x", "url", "https://example.vn/h", "quietFrom", "25:00",
        "quietUntil", "06:00")).when().post("/api/alert-channels").then().statusCode(400)
        .body("field", equalTo("quietFrom"));
    as(farmer).body(Map.of("kind", "offline", "forMinutes", 5)).when().post("/api/alert-rules").then()
        .statusCode(403);
    as(farmer).when().get("/api/alert-channels").then().statusCode(403);
  }

  /** A request the receiver got. */
  record Request(String path, Map<String, String> headers, String body) {}

  /**
   * An HTTP server on a free port that records requests and answers each with the next queued answer (or 200); on
   * {@value #ENDLESS} it answers 200 with a body that never ends, counting what it wrote until the client hangs up.
   */
  static final class Receiver implements AutoCloseable {
    static final String ENDLESS = "/endless";
    final List<Request> requests = new CopyOnWriteArrayList<>();
    final java.util.concurrent.atomic.AtomicLong endlessBytes = new java.util.concurrent.atomic.AtomicLong();
    final java.util.concurrent.CompletableFuture<Void> endlessHungUp = new java.util.concurrent.CompletableFuture<>();
    private final ConcurrentLinkedQueue<Object[]> answers = new ConcurrentLinkedQueue<>();
    private final HttpServer server;
    private final java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newCachedThreadPool();

    Receiver() throws IOException {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.setExecutor(threads);
      server.createContext("/", exchange -> {
        Map<String, String> headers = new HashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, String.join(",", v)));
        requests.add(new Request(exchange.getRequestURI().getPath(), headers,
            new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
        if (exchange.getRequestURI().getPath().equals(ENDLESS)) {
          endless(exchange);
          return;
        }
        Object[] answer = answers.poll();
        byte[] body = (answer == null ? "{}" : (String) answer[1]).getBytes(StandardCharsets.UTF_8);
        if (answer != null && answer.length > 2) {
          exchange.getResponseHeaders().add("Location", (String) answer[2]);
        }
        exchange.sendResponseHeaders(answer == null ? 200 : (Integer) answer[0], body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
      });
      server.start();
    }

    private void endless(com.sun.net.httpserver.HttpExchange exchange) throws IOException {
      exchange.sendResponseHeaders(200, 0);
      byte[] chunk = "{\"status\":\"queued\"}".repeat(3000).getBytes(StandardCharsets.UTF_8);
      try (var out = exchange.getResponseBody()) {
        while (endlessBytes.get() < 1L << 30) {
          out.write(chunk);
          out.flush();
          endlessBytes.addAndGet(chunk.length);
        }
      } catch (IOException e) {
        endlessHungUp.complete(null);
      }
    }

    void answer(int status, String body) {
      answers.add(new Object[] {status, body});
    }

    void redirect(int status, String location) {
      answers.add(new Object[] {status, "", location});
    }

    String url(String path) {
      return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Override
    public void close() {
      server.stop(0);
      threads.shutdownNow();
    }
  }

  /** A receiver that takes connections and requests and never answers, as a webhook behind a dead link does. */
  static final class BlackHole implements AutoCloseable {
    final java.util.concurrent.CompletableFuture<Void> requested = new java.util.concurrent.CompletableFuture<>();
    private final java.net.ServerSocket server = new java.net.ServerSocket(0, 50,
        java.net.InetAddress.getLoopbackAddress());
    private final List<java.net.Socket> held = new CopyOnWriteArrayList<>();

    BlackHole() throws IOException {
      Thread accept = new Thread(() -> {
        try {
          while (true) {
            java.net.Socket s = server.accept();
            held.add(s);
            if (s.getInputStream().read() >= 0) {
              requested.complete(null);
            }
          }
        } catch (IOException e) {
          // closed
        }
      }, "black-hole");
      accept.setDaemon(true);
      accept.start();
    }

    String url(String path) {
      return "http://127.0.0.1:" + server.getLocalPort() + path;
    }

    @Override
    public void close() throws IOException {
      server.close();
      for (java.net.Socket s : held) {
        s.close();
      }
    }
  }
}
