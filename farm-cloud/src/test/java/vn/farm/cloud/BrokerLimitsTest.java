package vn.farm.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.farm.cloud.reading.ReadingStore;
import vn.farm.contract.MessageCodec;
import vn.farm.sim.testing.MqttProbe;

/**
 * Each limit of the embedded broker (docs/running.md, "Broker limits") met by a client that goes past it: that
 * client is refused or disconnected, and the others carry on. The connection rate and a device's queue are set low
 * here so that a test reaches them quickly.
 */
@QuarkusTest
@WithTestResource(FarmCloudTestResource.class)
@TestProfile(BrokerLimitsTest.TightLimits.class)
class BrokerLimitsTest {
  private static final int BURST = 20;
  private static final int DEVICE_QUEUE = 20;

  /** A burst of 20 connections an address and one every five seconds after; 20 messages queued for a device. */
  public static class TightLimits implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("farm.mqtt.limits.connect-burst", String.valueOf(BURST),
          "farm.mqtt.limits.connects-per-second", "0.2",
          "farm.mqtt.limits.device-queue", String.valueOf(DEVICE_QUEUE));
    }
  }

  @Inject
  ReadingStore readings;

  private static int port() {
    return FarmCloudTestResource.mqttPort;
  }

  private static String telemetry(String deviceId, long seq, String padding) {
    return "{\"deviceId\":\"" + deviceId + "\",\"bootId\":\"b\",\"seq\":" + seq + ",\"pad\":\"" + padding
        + "\",\"readings\":[{\"sensor\":\"soil-1\",\"quantity\":\"soil_moisture\",\"value\":41.5,\"unit\":\"%\","
        + "\"at\":\"" + Instant.now() + "\"}]}";
  }

  @Test
  void aPacketAboveTheLimitDisconnectsItsClientAndTheLargestMessageStillGoesThrough() throws Exception {
    String big = "limit-big";
    try (RawMqtt raw = RawMqtt.connect(InetAddress.getByName("127.0.0.4"), port(), big, big,
        MqttParties.secretOf(big))) {
      assertThat(raw.connack).isZero();
      // A message of the contract's largest size (an unknown field pads it) is taken and stored.
      String largest = telemetry(big, 1, "");
      largest = telemetry(big, 1, "x".repeat(MessageCodec.MAX_PAYLOAD_BYTES - largest.length()));
      assertThat(largest.getBytes(StandardCharsets.UTF_8)).hasSize(MessageCodec.MAX_PAYLOAD_BYTES);
      raw.publish("farm/v1/" + big + "/telemetry", largest.getBytes(StandardCharsets.UTF_8), 1);
      await().atMost(Duration.ofSeconds(10)).until(() -> readings.messageCount(big) == 1);
      raw.publish("farm/v1/" + big + "/telemetry", telemetry(big, 2, "x".repeat(MessageCodec.MAX_PAYLOAD_BYTES
          + 2048)).getBytes(StandardCharsets.UTF_8), 2);
      assertThat(raw.awaitDisconnect()).as("reason code: packet too large").isEqualTo(0x95);
    }
    try (MqttParties others = new MqttParties(port())) {
      others.publish("farm/v1/limit-ok/telemetry", telemetry("limit-ok", 1, ""));
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> readings.messageCount("limit-ok") == 1);
    assertThat(readings.messageCount(big)).isEqualTo(1);
  }

  @Test
  void aClientWithMorePublishesInFlightThanItsReceiveMaximumIsDisconnected() throws Exception {
    String flood = "limit-flood";
    try (RawMqtt raw = RawMqtt.connect(InetAddress.getByName("127.0.0.5"), port(), flood, flood,
        MqttParties.secretOf(flood))) {
      assertThat(raw.connack).isZero();
      raw.flood("farm/v1/" + flood + "/acks", "{}".getBytes(StandardCharsets.UTF_8), 200);
      assertThat(raw.awaitDisconnect()).as("reason code: receive maximum exceeded").isEqualTo(0x93);
    }
    try (MqttParties others = new MqttParties(port())) {
      others.publish("farm/v1/limit-calm/telemetry", telemetry("limit-calm", 1, ""));
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> readings.messageCount("limit-calm") == 1);
  }

  private static List<String> texts(MqttProbe probe) {
    return probe.received().stream().map(MqttProbe.Received::text).toList();
  }

  @Test
  void messagesQueuedForAnAbsentDeviceStopAtItsQueueLimit() throws Exception {
    String away = "limit-away";
    try (MqttProbe device = MqttProbe.to("tcp://127.0.0.1:" + port()).clientId(away)
        .login(away, MqttParties.secretOf(away)).keepSession(Duration.ofSeconds(300))
        .connect("farm/v1/" + away + "/commands")) {
      device.disconnect();
      try (MqttParties cloud = new MqttParties(port())) {
        for (int i = 1; i <= DEVICE_QUEUE + 10; i++) {
          cloud.publish("farm/v1/" + away + "/commands", "{\"queued\":" + i + "}");
        }
        device.reconnect();
        await().atMost(Duration.ofSeconds(10)).until(() -> device.received().size() >= DEVICE_QUEUE);
        // Once the queue is delivered, a new command arrives right behind it: nothing beyond the limit was kept.
        cloud.publish("farm/v1/" + away + "/commands", "{\"after\":1}");
        await().atMost(Duration.ofSeconds(10)).until(() -> texts(device).contains("{\"after\":1}"));
      }
      assertThat(texts(device)).hasSize(DEVICE_QUEUE + 1).startsWith("{\"queued\":1}");
    }
  }

  @Test
  void anAddressConnectingFasterThanItsRateIsRefusedWhileOthersConnect() throws Exception {
    InetAddress eager = InetAddress.getByName("127.0.0.2");
    for (int i = 1; i <= BURST; i++) {
      // Wrong passwords count too: a password guesser is held to the same rate.
      try (RawMqtt raw = RawMqtt.connect(eager, port(), "guess-" + i, "limit-rate", "wrong")) {
        assertThat(raw.connack).as("connection %d", i).isEqualTo(135);
      }
    }
    try (RawMqtt raw = RawMqtt.connect(eager, port(), "limit-rate", "limit-rate",
        MqttParties.secretOf("limit-rate"))) {
      assertThat(raw.connack).as("one more, with the right password").isEqualTo(159);
    }
    try (RawMqtt calm = RawMqtt.connect(InetAddress.getByName("127.0.0.3"), port(), "limit-calm2", "limit-calm2",
        MqttParties.secretOf("limit-calm2"))) {
      assertThat(calm.connack).as("another address").isZero();
    }
    String metrics = io.restassured.RestAssured.given().when().get("/q/metrics").then().statusCode(200).extract()
        .asString();
    assertThat(metrics).contains("farm_mqtt_refused_total{reason=\"connection_rate\"} 1.0");
  }
}
