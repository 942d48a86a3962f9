package vn.farm.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.farm.cloud.tls.CooperativeAuthority;
import vn.farm.contract.Channel;
import vn.farm.contract.DeviceId;
import vn.farm.contract.MessageCodec;
import vn.farm.contract.Status;
import vn.farm.edge.sync.MqttLink;
import vn.farm.edge.sync.PinnedTrust;
import vn.farm.edge.time.Scheduler;
import vn.farm.edge.time.TimeSource;

/**
 * The edge agent's link over TLS to the embedded broker, trusting only the cooperative's ca.pem (its {@code caFile}):
 * a reading gets through; with another authority's file the handshake fails and says why.
 */
@QuarkusTest
@WithTestResource(FarmCloudTestResource.class)
class AgentOverTlsTest {
  private static Path caFile() {
    return FarmCloudTestResource.currentDataDir.resolve("tls").resolve("ca.pem");
  }

  private static final class Connected implements MqttLink.Listener {
    final AtomicBoolean up = new AtomicBoolean();

    @Override
    public void connected(boolean reconnect) {
      up.set(true);
    }

    @Override
    public void command(byte[] payload) {}

    @Override
    public void config(byte[] payload) {}

    @Override
    public void receipt(byte[] payload) {}

    @Override
    public void disconnected() {
      up.set(false);
    }
  }

  @Test
  void agentTrustingTheCooperativeAuthorityDeliversAReading() throws Exception {
    long coop = Api.cooperative("HTX Rau Mường Thanh", "Điện Biên", null);
    Api.greenhouse(coop, "Nhà TLS", "tls-agent");
    String secret = Api.enrol("tls-agent");
    Connected listener = new Connected();
    try (Scheduler retries = TimeSource.real().newScheduler("test-tls");
        MqttLink link = new MqttLink(DeviceId.of("tls-agent"), "ssl://localhost:" + FarmCloudTestResource.mqttTlsPort,
            "tls-agent", secret, caFile(), new Status(false, Instant.now(), "b"), new MessageCodec(), retries,
            listener)) {
      link.start();
      await().atMost(Duration.ofSeconds(20)).untilTrue(listener.up);
      String telemetry = "{\"deviceId\":\"tls-agent\",\"bootId\":\"b\",\"seq\":1,\"readings\":[{\"sensor\":"
          + "\"soil-1\",\"quantity\":\"soil_moisture\",\"value\":41.5,\"unit\":\"%\",\"at\":\"" + Instant.now()
          + "\"}]}";
      await().atMost(Duration.ofSeconds(10))
          .until(() -> link.send(Channel.TELEMETRY, telemetry.getBytes(StandardCharsets.UTF_8), () -> {}));
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(Api.admin()
          .when().get("/api/devices/tls-agent/readings?from=2000-01-01T00:00:00Z").then().extract().jsonPath()
          .getList("readings.seq", Long.class)).containsExactly(1L));
    }
  }

  private static MqttException handshakeWith(Path ca, String host) throws MqttException {
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setSocketFactory(PinnedTrust.socketFactory(ca));
    options.setHttpsHostnameVerificationEnabled(true);
    options.setConnectionTimeout(10);
    MqttClient c = new MqttClient("ssl://" + host + ":" + FarmCloudTestResource.mqttTlsPort, "tls-probe",
        new MemoryPersistence());
    try {
      c.connect(options);
      c.disconnect();
      return null;
    } catch (MqttException e) {
      return e;
    } finally {
      c.close(true);
    }
  }

  @Test
  void anotherAuthorityIsNamedAsTheReason(@TempDir Path elsewhere) throws Exception {
    CooperativeAuthority other = new CooperativeAuthority(elsewhere, List.of("localhost"), Clock.systemUTC(),
        Optional.empty(), Optional.empty());
    other.ensure();
    MqttException e = handshakeWith(other.caFile(), "localhost");
    assertThat(e).isNotNull();
    assertThat(PinnedTrust.handshakeProblem(e)).startsWith("the broker's certificate is not from the authority");
  }

  @Test
  void aRefusedLoginIsNoTlsProblem() throws Exception {
    MqttException e = handshakeWith(caFile(), "localhost");
    assertThat(e).isNotNull();
    assertThat(PinnedTrust.handshakeProblem(e)).isNull();
  }
}
