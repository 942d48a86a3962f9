package vn.farm.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import vn.farm.cloud.db.Database;
import vn.farm.cloud.reading.ReadingStore;
import vn.farm.sim.testing.MqttProbe;

/**
 * On H2, a receipt goes out only once CHECKPOINT SYNC has written the batch; a failed checkpoint is tried again, and
 * the receipt waits for it.
 */
@QuarkusTest
@WithTestResource(FarmCloudTestResource.class)
class CheckpointFailureTest {
  @Inject
  Database database;
  @Inject
  ReadingStore readings;

  @Test
  void noReceiptGoesOutBeforeTheCheckpointSucceeds() throws Exception {
    Assumptions.assumeTrue(database.isH2(), "PostgreSQL's commit is durable; only H2 checkpoints");
    FailingCheckpoint.failNext(3);
    Instant sent = Instant.now();
    try (MqttParties mqtt = new MqttParties(FarmCloudTestResource.mqttPort)) {
      mqtt.subscribe("farm/v1/checkpoint-a/receipts");
      mqtt.publish("farm/v1/checkpoint-a/telemetry", "{\"deviceId\":\"checkpoint-a\",\"bootId\":\"b\",\"seq\":3,"
          + "\"readings\":[{\"sensor\":\"soil-1\",\"quantity\":\"soil_moisture\",\"value\":41.5,\"unit\":\"%\","
          + "\"at\":\"" + sent + "\"}]}");
      await().atMost(Duration.ofSeconds(20)).until(() -> !mqtt.received().isEmpty());
      Instant receipt = Instant.now();
      assertThat(FailingCheckpoint.failuresLeft()).isZero();
      assertThat(FailingCheckpoint.lastFailure()).isBetween(sent, receipt);
      assertThat(mqtt.received()).singleElement().extracting(MqttProbe.Received::text)
          .isEqualTo("{\"stored\":[{\"from\":3,\"to\":3}]}");
    }
    assertThat(readings.messageCount("checkpoint-a")).isEqualTo(1);
  }
}
