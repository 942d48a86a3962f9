package vn.farm.cloud.mqtt;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready while the cloud's MQTT client is connected to the broker: without it no command, configuration or receipt
 * reaches a device, and with an external broker nothing is ingested either. The client reconnects by itself.
 */
@Readiness
@ApplicationScoped
public class BrokerHealth implements HealthCheck {
  @Inject
  MqttBridge mqtt;

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named("broker").status(mqtt.connected()).build();
  }
}
