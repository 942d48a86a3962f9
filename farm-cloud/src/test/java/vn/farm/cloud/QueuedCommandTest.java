package vn.farm.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import vn.farm.cloud.command.CommandService;
import vn.farm.cloud.command.CommandStore;
import vn.farm.contract.Action;
import vn.farm.contract.Command;

/** A command that could not reach the broker when it was issued stays queued and is sent once the broker is back. */
@QuarkusTest
@WithTestResource(FarmCloudTestResource.class)
class QueuedCommandTest {
  @Inject
  CommandStore store;
  @Inject
  CommandService commands;

  @Test
  void aQueuedCommandIsSentWhileItIsValidAndAnExpiredOneIsNot() throws Exception {
    Instant now = Instant.now();
    try (MqttParties device = new MqttParties(FarmCloudTestResource.mqttPort)) {
      device.subscribe("farm/v1/queued-a/commands");
      store.insert("queued-a", new Command("q-valid", "fan", Action.ON, 60, now, now.plusSeconds(60), "test"));
      store.insert("queued-a", new Command("q-old", "fan", Action.ON, 60, now.minusSeconds(120),
          now.minusSeconds(60), "test"));
      commands.resendQueued();
      await().atMost(Duration.ofSeconds(10)).until(() -> device.received().size() == 1);
      await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> device.received().size() == 1);
      assertThat(device.received().get(0).text()).contains("q-valid");
      assertThat(store.find("q-valid").orElseThrow().status()).isEqualTo("sent");
      // Never sent; the sweep of unanswered commands (every 5 s) closes it as expired, not as unanswered.
      assertThat(store.find("q-old").orElseThrow().status()).isIn("queued", "expired");
      commands.timeOutUnanswered();
      assertThat(store.find("q-old").orElseThrow().status()).isEqualTo("expired");
      assertThat(store.find("q-old").orElseThrow().reason()).isEqualTo("expired before it reached the broker");
    }
  }
}
