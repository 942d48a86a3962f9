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
import vn.farm.cloud.reading.ReadingStore;
import vn.farm.cloud.reading.TelemetryBatch;
import vn.farm.contract.MessageCodec;
import vn.farm.contract.Receipt;
import vn.farm.sim.testing.MqttProbe;

/**
 * The cloud confirms to each device what its database holds, repeats included, and places readings that a board
 * took with an unsynchronised clock.
 */
@QuarkusTest
@WithTestResource(FarmCloudTestResource.class)
class ReceiptsTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private final MessageCodec codec = new MessageCodec();

  @Inject
  ReadingStore readings;
  @Inject
  TelemetryBatch batches;
  @Inject
  vn.farm.cloud.reading.Rollups rollups;
  @Inject
  vn.farm.cloud.db.Database database;

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

  private List<Long> confirmed(MqttParties mqtt) {
    List<Long> seqs = new ArrayList<>();
    for (MqttProbe.Received r : mqtt.received()) {
      Receipt receipt = codec.decode(Receipt.class, r.payload());
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
    try (MqttParties device = new MqttParties(FarmCloudTestResource.mqttPort)) {
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
    try (MqttParties device = new MqttParties(FarmCloudTestResource.mqttPort)) {
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
    try (MqttParties device = new MqttParties(FarmCloudTestResource.mqttPort)) {
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
    try (MqttParties device = new MqttParties(FarmCloudTestResource.mqttPort)) {
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
    // Two hours from this hour's start: 400 s before it, where the estimated reading belongs, is always in a later
    // hour than now, where it is estimated, so it changes hourly bucket.
    Instant synced = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(2));
    try (MqttParties device = new MqttParties(FarmCloudTestResource.mqttPort)) {
      device.subscribe("farm/v1/rcpt-e/receipts");
      // A reading of the boot before, with its clock, in the hour the estimate will fall in.
      device.publish("farm/v1/rcpt-e/telemetry", telemetry("rcpt-e", "boot-2", 29, Instant.now(), 9_000L, false)
          .replace("\"value\":41", "\"value\":30"));
      device.publish("farm/v1/rcpt-e/telemetry", telemetry("rcpt-e", "boot-3", 30, wrong, 100_000L, true)
          .replace("\"value\":41", "\"value\":55"));
      await().atMost(WAIT).until(() -> confirmed(device).containsAll(List.of(29L, 30L)));
      assertThat(source("rcpt-e", 30)).isEqualTo("estimated");
      // The clock synchronises; 400 s of monotonic time later the board says it is two hours past this hour.
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
    // The hourly and daily summaries moved with the readings: the hour the estimate left holds only the other
    // boot's reading again, its maximum back to 30.
    assertSummariesMatchTheReadings("rcpt-e", 3);
  }

  @Test
  void aBatchHoldingABootsEstimatedMessagesBeforeItsFirstSynchronisedOnePlacesThemAll() throws Exception {
    // A drain after a reboot without a clock: the unsynchronised messages come first, then the first one taken
    // after the clock synchronised, and the cloud writes them in one transaction.
    Instant wrong = Instant.parse("2025-01-01T00:00:00Z");
    Instant synced = Instant.now().minusSeconds(7200).truncatedTo(ChronoUnit.SECONDS);
    Instant received = Instant.now();
    List<TelemetryBatch.Item> items = new ArrayList<>();
    for (long seq = 1; seq <= 3; seq++) {
      items.add(new TelemetryBatch.Item("rcpt-f", decode(telemetry("rcpt-f", "boot-5", seq, wrong.plusSeconds(seq),
          100_000L * seq, true)), received));
    }
    items.add(new TelemetryBatch.Item("rcpt-f", decode(telemetry("rcpt-f", "boot-5", 4, synced, 400_000L, false)),
        received));
    batches.store(items);
    assertThat(measuredAt("rcpt-f", 1)).isEqualTo(synced.minusSeconds(300));
    assertThat(measuredAt("rcpt-f", 3)).isEqualTo(synced.minusSeconds(100));
    for (long seq = 1; seq <= 3; seq++) {
      assertThat(source("rcpt-f", seq)).as("seq " + seq).isEqualTo("placed");
    }
    assertSummariesMatchTheReadings("rcpt-f", 4);
  }

  private vn.farm.contract.Telemetry decode(String json) {
    return codec.decode(vn.farm.contract.Telemetry.class, json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** Summarises {@code device}'s stored readings by hour and by day and compares with the summary tables. */
  private void assertSummariesMatchTheReadings(String device, long readingsExpected) throws Exception {
    java.util.Map<String, List<Double>> hours = new java.util.TreeMap<>();
    java.util.Map<String, List<Double>> days = new java.util.TreeMap<>();
    long n = 0;
    try (Connection c = database.get().getConnection(); PreparedStatement ps = c.prepareStatement(
        "SELECT sensor, quantity, measured_at, val FROM reading WHERE device_id = ?")) {
      ps.setString(1, device);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Instant at = vn.farm.cloud.db.Jdbc.instant(rs, "measured_at");
          String key = rs.getString(1) + "/" + rs.getString(2) + "/";
          hours.computeIfAbsent(key + at.truncatedTo(ChronoUnit.HOURS), k -> new ArrayList<>()).add(rs.getDouble(4));
          days.computeIfAbsent(key + rollups.dayStart(at), k -> new ArrayList<>()).add(rs.getDouble(4));
          n++;
        }
      }
    }
    assertThat(n).isEqualTo(readingsExpected);
    assertThat(summaries(device, "reading_hourly")).isEqualTo(expected(hours));
    assertThat(summaries(device, "reading_daily")).isEqualTo(expected(days));
  }

  private static java.util.Map<String, String> expected(java.util.Map<String, List<Double>> groups) {
    java.util.Map<String, String> out = new java.util.TreeMap<>();
    groups.forEach((k, v) -> out.put(k, v.size() + " " + v.stream().mapToDouble(Double::doubleValue).sum() + " "
        + java.util.Collections.min(v) + " " + java.util.Collections.max(v)));
    return out;
  }

  private java.util.Map<String, String> summaries(String device, String table) throws Exception {
    java.util.Map<String, String> out = new java.util.TreeMap<>();
    try (Connection c = database.get().getConnection(); PreparedStatement ps = c.prepareStatement(
        "SELECT sensor, quantity, bucket_start, n, total, min_val, max_val FROM " + table + " WHERE device_id = ?")) {
      ps.setString(1, device);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getString(1) + "/" + rs.getString(2) + "/" + vn.farm.cloud.db.Jdbc.instant(rs, "bucket_start"),
              rs.getLong(4) + " " + rs.getDouble(5) + " " + rs.getDouble(6) + " " + rs.getDouble(7));
        }
      }
    }
    return out;
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
