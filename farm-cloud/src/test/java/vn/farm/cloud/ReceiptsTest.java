package vn.farm.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.farm.cloud.store.ReadingStore;
import vn.farm.contract.MessageCodec;
import vn.farm.contract.Receipt;

/**
 * The cloud confirms to each device what its database holds, repeats included, and places readings that a board
 * took with an unsynchronised clock.
 */
@QuarkusTest
@WithTestResource(FarmCloudTestResource.class)
class ReceiptsTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private final MessageCodec codec = new MessageCodec();

  @Inject ReadingStore readings;
  @Inject vn.farm.cloud.store.Database database;

  private static String telemetry(String device, String boot, long seq, Instant at, Long monoMs, boolean unsynced) {
    return """
        {"deviceId":"%s","bootId":"%s","seq":%d,%s%s"readings":[
          {"sensor":"soil-1","quantity":"soil_moisture","value":41,"unit":"%%","at":"%s"}]}
        """.formatted(device, boot, seq, monoMs == null ? "" : "\"monoMs\":" + monoMs + ",",
        unsynced ? "\"unsynced\":true," : "", at);
  }

  private static String event(String device, long seq, Instant at) {
    return """
        {"deviceId":"%s","seq":%d,"type":"sensor.fault","severity":"warning","at":"%s","message":"probe"}
        """.formatted(device, seq, at);
  }

  private List<Long> confirmed(TestMqttClient mqtt) {
    List<Long> seqs = new ArrayList<>();
    for (TestMqttClient.Received r : mqtt.received()) {
      Receipt receipt = codec.decode(Receipt.class, r.payload().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      for (Receipt.SeqRange range : receipt.stored()) {
        for (long s = range.from(); s <= range.to(); s++) {
          seqs.add(s);
        }
      }
    }
    return seqs;
  }

  @Test
  void telemetryAndEventsAreConfirmedOnceStoredAndRepeatsAreConfirmedAgain() throws Exception {
    Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    try (TestMqttClient device = new TestMqttClient(FarmCloudTestResource.mqttPort)) {
      device.subscribe("farm/v1/rcpt-a/receipts");
      device.publish("farm/v1/rcpt-a/telemetry", telemetry("rcpt-a", "b", 1, at, null, false));
      device.publish("farm/v1/rcpt-a/events", event("rcpt-a", 2, at));
      device.publish("farm/v1/rcpt-a/telemetry", telemetry("rcpt-a", "b", 3, at, null, false));
      await().atMost(WAIT).until(() -> confirmed(device).containsAll(List.of(1L, 2L, 3L)));
      assertThat(readings.messageCount("rcpt-a")).isEqualTo(2);

      device.publish("farm/v1/rcpt-a/telemetry", telemetry("rcpt-a", "b", 1, at, null, false));
      device.publish("farm/v1/rcpt-a/events", event("rcpt-a", 2, at));
      await().atMost(WAIT).until(() -> confirmed(device).stream().filter(s -> s <= 2).count() == 4);
      assertThat(readings.messageCount("rcpt-a")).isEqualTo(2);
      assertThat(count("SELECT COUNT(*) FROM device_event WHERE device_id = 'rcpt-a'")).isEqualTo(1);
    }
  }

  @Test
  void aMessageThatBreaksTheContractIsNeverConfirmed() throws Exception {
    Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    try (TestMqttClient device = new TestMqttClient(FarmCloudTestResource.mqttPort)) {
      device.subscribe("farm/v1/rcpt-b/receipts");
      device.publish("farm/v1/rcpt-b/telemetry", telemetry("rcpt-b", "b", 5, at, null, false)
          .replace("\"value\":41", "\"value\":141"));
      device.publish("farm/v1/rcpt-b/telemetry", telemetry("rcpt-b", "b", 6, at, null, false));
      await().atMost(WAIT).until(() -> confirmed(device).contains(6L));
      assertThat(confirmed(device)).doesNotContain(5L);
    }
  }

  @Test
  void unsyncedReadingsArePlacedByTheSameBootsSynchronisedClock() throws Exception {
    Instant synced = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    Instant wrong = Instant.parse("2025-01-01T00:00:00Z");
    try (TestMqttClient device = new TestMqttClient(FarmCloudTestResource.mqttPort)) {
      device.subscribe("farm/v1/rcpt-c/receipts");
      device.publish("farm/v1/rcpt-c/telemetry", telemetry("rcpt-c", "boot-1", 10, synced, 600_000L, false));
      await().atMost(WAIT).until(() -> confirmed(device).contains(10L));
      // Taken 5 minutes of monotonic time earlier, with a clock that said 2025.
      device.publish("farm/v1/rcpt-c/telemetry", telemetry("rcpt-c", "boot-1", 4, wrong, 300_000L, true));
      await().atMost(WAIT).until(() -> confirmed(device).contains(4L));
    }
    assertThat(measuredAt("rcpt-c", 4)).isEqualTo(synced.minusSeconds(300));
    assertThat(source("rcpt-c", 4)).isEqualTo("placed");
    assertThat(source("rcpt-c", 10)).isEqualTo("synced");
  }

  @Test
  void withoutASynchronisedClockReadingsAreEstimatedFromWhenTheyArrived() throws Exception {
    Instant wrong = Instant.parse("2025-01-01T00:00:00Z");
    Instant before = Instant.now();
    try (TestMqttClient device = new TestMqttClient(FarmCloudTestResource.mqttPort)) {
      device.subscribe("farm/v1/rcpt-d/receipts");
      device.publish("farm/v1/rcpt-d/telemetry", telemetry("rcpt-d", "boot-9", 20, wrong, 50_000L, true));
      await().atMost(WAIT).until(() -> confirmed(device).contains(20L));
    }
    Instant placed = measuredAt("rcpt-d", 20);
    assertThat(placed).isBetween(before.minusSeconds(1), Instant.now());
    assertThat(source("rcpt-d", 20)).isEqualTo("estimated");
  }

  @Test
  void estimatedReadingsMoveOntoTheExactAnchorWhenTheBootSynchronises() throws Exception {
    Instant wrong = Instant.parse("2025-01-01T00:00:00Z");
    Instant synced = Instant.now().plusSeconds(3600).truncatedTo(ChronoUnit.SECONDS);
    try (TestMqttClient device = new TestMqttClient(FarmCloudTestResource.mqttPort)) {
      device.subscribe("farm/v1/rcpt-e/receipts");
      device.publish("farm/v1/rcpt-e/telemetry", telemetry("rcpt-e", "boot-3", 30, wrong, 100_000L, true));
      await().atMost(WAIT).until(() -> confirmed(device).contains(30L));
      assertThat(source("rcpt-e", 30)).isEqualTo("estimated");
      // The clock synchronises; 400 s of monotonic time later the board says it is an hour from now.
      device.publish("farm/v1/rcpt-e/telemetry", telemetry("rcpt-e", "boot-3", 31, synced, 500_000L, false));
      await().atMost(WAIT).until(() -> confirmed(device).contains(31L));
    }
    assertThat(measuredAt("rcpt-e", 30)).isEqualTo(synced.minusSeconds(400));
    assertThat(source("rcpt-e", 30)).isEqualTo("placed");
    // The message's time span moved with its readings: it is how they are found again.
    try (Connection c = database.get().getConnection(); PreparedStatement ps = c.prepareStatement(
        "SELECT first_at, last_at FROM telemetry_message WHERE device_id = 'rcpt-e' AND seq = 30");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      assertThat(rs.getObject(1, java.time.OffsetDateTime.class).toInstant()).isEqualTo(synced.minusSeconds(400));
      assertThat(rs.getObject(2, java.time.OffsetDateTime.class).toInstant()).isEqualTo(synced.minusSeconds(400));
    }
  }

  private long count(String sql) throws Exception {
    try (Connection c = database.get().getConnection(); PreparedStatement ps = c.prepareStatement(sql);
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private Instant measuredAt(String device, long seq) {
    return readings.range(device, Instant.EPOCH, Instant.now().plusSeconds(7200), null, 10).stream()
        .filter(r -> r.seq() == seq).findFirst().orElseThrow().at();
  }

  private String source(String device, long seq) throws Exception {
    try (Connection c = database.get().getConnection(); PreparedStatement ps = c.prepareStatement(
        "SELECT clock_source FROM telemetry_message WHERE device_id = ? AND seq = ?")) {
      ps.setString(1, device);
      ps.setLong(2, seq);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    }
  }
}
