package vn.farm.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import vn.farm.cloud.reading.ReadingStore;

/**
 * Telemetry reaches ingest once, by the path the settings choose: from the embedded broker inside the process (the
 * default, here), or through the cloud's own MQTT session ({@link IngestThroughSessionTest}). Either way each
 * message is stored once and confirmed; a second path delivering it too would show as duplicates.
 */
@QuarkusTest
@WithTestResource(FarmCloudTestResource.class)
class IngestPathTest {
  private static String telemetry(String device, long seq, Instant at) {
    return """
        {"deviceId":"%s","bootId":"b","seq":%d,"readings":[
          {"sensor":"soil-1","quantity":"soil_moisture","value":41,"unit":"%%","at":"%s"}]}
        """.formatted(device, seq, at);
  }

  /** Publishes seqs 1 to 20 of {@code device} and checks each is stored and confirmed once, with no duplicate. */
  static void storedOnceAndConfirmed(String device, ReadingStore readings, MeterRegistry metrics) throws Exception {
    Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    double duplicatesBefore = metrics.counter("farm.ingest.duplicates").count();
    try (MqttParties mqtt = new MqttParties(FarmCloudTestResource.mqttPort)) {
      mqtt.subscribe("farm/v1/" + device + "/receipts");
      for (long seq = 1; seq <= 20; seq++) {
        mqtt.publish("farm/v1/" + device + "/telemetry", telemetry(device, seq, at.plusSeconds(seq)));
      }
      await().atMost(Duration.ofSeconds(15)).until(() -> readings.messageCount(device) == 20
          && mqtt.received().stream().anyMatch(r -> r.text().contains("\"to\":20")));
    }
    // A copy by a second path would be refused as a duplicate, shortly after the first was confirmed.
    await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
        .until(() -> metrics.counter("farm.ingest.duplicates").count() == duplicatesBefore);
    assertThat(readings.messageCount(device)).isEqualTo(20);
  }

  @Inject
  ReadingStore readings;
  @Inject
  MeterRegistry metrics;

  @Test
  void insideTheProcessTelemetryIsStoredOnceAndConfirmed() throws Exception {
    storedOnceAndConfirmed("path-in", readings, metrics);
  }
}
