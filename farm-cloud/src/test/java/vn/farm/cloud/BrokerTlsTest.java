package vn.farm.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.farm.cloud.tls.CooperativeAuthority;
import vn.farm.sim.testing.MqttProbe;

/**
 * The embedded broker over TLS: a client that trusts only the cooperative's ca.pem gets in and publishes, one that
 * trusts another authority is refused at the handshake, and {@code mosquitto_sub --cafile} connects too.
 */
@QuarkusTest
@WithTestResource(FarmCloudTestResource.class)
class BrokerTlsTest {
  private static Path caFile() {
    return FarmCloudTestResource.currentDataDir.resolve("tls").resolve("ca.pem");
  }

  private static String url() {
    return "ssl://localhost:" + FarmCloudTestResource.mqttTlsPort;
  }

  /** A socket factory that trusts the certificates in {@code pem} and nothing else. */
  private static SSLSocketFactory trusting(Path pem) throws Exception {
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    try (InputStream in = Files.newInputStream(pem)) {
      int i = 0;
      for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        trust.setCertificateEntry("ca-" + i++, c);
      }
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    return ctx.getSocketFactory();
  }

  private static MqttClient connect(String clientId, String user, String password, SSLSocketFactory sockets)
      throws MqttException {
    MqttClient client = new MqttClient(url(), clientId, new MemoryPersistence());
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setSocketFactory(sockets);
    options.setHttpsHostnameVerificationEnabled(true);
    options.setUserName(user);
    options.setPassword(password.getBytes(StandardCharsets.UTF_8));
    options.setConnectionTimeout(10);
    try {
      client.connect(options);
    } catch (MqttException e) {
      client.close(true);
      throw e;
    }
    return client;
  }

  @Test
  void deviceTrustingOnlyTheCooperativeAuthorityPublishesOverTls() throws Exception {
    String deviceId = "tls-a";
    String secret = MqttParties.secretOf(deviceId);
    try (MqttProbe observer = MqttParties.login(FarmCloudTestResource.mqttPort, "tls-watcher", "observer",
        FarmCloudTestResource.OBSERVER_PASSWORD)) {
      observer.subscribe("farm/v1/" + deviceId + "/telemetry");
      MqttClient device = connect(deviceId, deviceId, secret, trusting(caFile()));
      try {
        device.publish("farm/v1/" + deviceId + "/telemetry", ("{\"deviceId\":\"" + deviceId + "\",\"bootId\":\"b\","
            + "\"seq\":1,\"readings\":[{\"sensor\":\"soil-1\",\"quantity\":\"soil_moisture\",\"value\":41.5,"
            + "\"unit\":\"%\",\"at\":\"" + Instant.now() + "\"}]}").getBytes(StandardCharsets.UTF_8), 1, false);
        await().atMost(Duration.ofSeconds(10)).until(() -> observer.received().stream()
            .anyMatch(r -> r.topic().equals("farm/v1/" + deviceId + "/telemetry")));
      } finally {
        device.disconnect();
        device.close();
      }
    }
  }

  @Test
  void clientTrustingAnotherAuthorityIsRefusedAtTheHandshake(@TempDir Path elsewhere) throws Exception {
    CooperativeAuthority other = new CooperativeAuthority(elsewhere, List.of("localhost"), Clock.systemUTC(),
        Optional.empty(), Optional.empty());
    other.ensure();
    assertThatThrownBy(() -> connect("tls-stranger", "observer", FarmCloudTestResource.OBSERVER_PASSWORD,
        trusting(other.caFile())).close()).isInstanceOf(MqttException.class)
        .satisfies(e -> assertThat(causes(e)).anyMatch(SSLHandshakeException.class::isInstance));
  }

  @Test
  void mosquittoSubConnectsWithTheCaFile() throws Exception {
    Path mosquitto = Path.of("/usr/bin/mosquitto_sub");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(mosquitto), "mosquitto_sub is not installed");
    Process p = new ProcessBuilder(mosquitto.toString(), "--cafile", caFile().toString(), "-h", "localhost", "-p",
        String.valueOf(FarmCloudTestResource.mqttTlsPort), "-u", "observer", "-P",
        FarmCloudTestResource.OBSERVER_PASSWORD, "-i", "tls-mosquitto", "-t", "farm/v1/#", "-E", "-W", "10")
        .redirectErrorStream(true).start();
    assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(output).isZero();
  }

  private static List<Throwable> causes(Throwable e) {
    List<Throwable> all = new java.util.ArrayList<>();
    for (Throwable t = e; t != null && !all.contains(t); t = t.getCause()) {
      all.add(t);
    }
    return all;
  }
}
