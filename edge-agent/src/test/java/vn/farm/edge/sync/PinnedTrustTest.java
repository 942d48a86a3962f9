package vn.farm.edge.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLHandshakeException;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the agent says when a broker's TLS handshake fails, and which caFile it refuses to start with. */
class PinnedTrustTest {
  private static Throwable handshake(Throwable cause) {
    SSLHandshakeException ssl = new SSLHandshakeException(cause.getMessage());
    ssl.initCause(cause);
    return new MqttException(MqttException.REASON_CODE_CLIENT_EXCEPTION, ssl);
  }

  @Test
  void aHostTheCertificateDoesNotNameIsSaidSo() {
    String reason = PinnedTrust.handshakeProblem(
        handshake(new CertificateException("No subject alternative names matching IP address 10.0.0.9 found")));
    assertThat(reason).startsWith("the broker's certificate does not name the host in brokerUrl")
        .contains("10.0.0.9");
  }

  @Test
  void anotherAuthorityIsSaidSo() {
    String reason = PinnedTrust.handshakeProblem(handshake(new CertificateException(
        "PKIX path building failed: unable to find valid certification path to requested target")));
    assertThat(reason).startsWith("the broker's certificate is not from the authority in caFile");
  }

  @Test
  void anUnreachableBrokerIsNoTlsProblem() {
    assertThat(PinnedTrust.handshakeProblem(
        new MqttException(MqttException.REASON_CODE_CLIENT_EXCEPTION, new ConnectException("refused"))))
        .isNull();
  }

  @Test
  void aFileWithoutACertificateIsRefusedByName(@TempDir Path dir) throws Exception {
    Path notPem = Files.writeString(dir.resolve("ca.pem"), "not a certificate");
    assertThatThrownBy(() -> PinnedTrust.socketFactory(notPem)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("caFile: '" + notPem + "'");
  }
}
