package vn.farm.cloud.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.enterprise.inject.Vetoed;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

/** The cloud is ready only while its MQTT client is connected. */
class BrokerHealthTest {
  /** A client that is connected or not as told; vetoed, as the bean it extends has an inherited scope. */
  @Vetoed
  static final class Bridge extends MqttBridge {
    boolean up;

    @Override
    public boolean connected() {
      return up;
    }
  }

  @Test
  void followsTheConnection() {
    BrokerHealth health = new BrokerHealth();
    Bridge bridge = new Bridge();
    health.mqtt = bridge;
    assertThat(health.call().getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
    bridge.up = true;
    assertThat(health.call().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
    assertThat(health.call().getName()).isEqualTo("broker");
  }
}
