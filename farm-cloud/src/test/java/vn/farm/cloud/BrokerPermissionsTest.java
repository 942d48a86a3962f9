package vn.farm.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import vn.farm.cloud.PermissionMatrix.Credentials;

/** Every login of the embedded broker on every channel, publishing, retaining and subscribing, as the docs say. */
@QuarkusTest
@WithTestResource(FarmCloudTestResource.class)
class BrokerPermissionsTest {
  @Test
  void everyLoginDoesOnEveryChannelExactlyWhatTheDocsSay() throws Exception {
    PermissionMatrix.Broker embedded = new PermissionMatrix.Broker() {
      @Override
      public String url() {
        return "tcp://127.0.0.1:" + FarmCloudTestResource.mqttPort;
      }

      @Override
      public Credentials device(String deviceId) {
        return new Credentials(deviceId, deviceId, MqttParties.secretOf(deviceId));
      }

      @Override
      public Credentials cloud() {
        return new Credentials("farm-cloud:matrix-" + UUID.randomUUID(), FarmCloudTestResource.CLOUD_USER,
            FarmCloudTestResource.CLOUD_PASSWORD);
      }

      @Override
      public Credentials observer() {
        return new Credentials("matrix-observer-" + UUID.randomUUID(), "observer",
            FarmCloudTestResource.OBSERVER_PASSWORD);
      }

      @Override
      public boolean refusesRetainByTopic() {
        return true;
      }
    };
    assertThat(new PermissionMatrix(embedded).run()).isEmpty();
  }
}
