package vn.farm.edge.sync;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertPathValidatorException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * Trusts the cooperative's certificate authority named in agent.yaml ({@code caFile}) and nothing else: no system
 * trust store is needed on the Pi, and a broker with a certificate from anyone else is refused. Reads the PEM with the
 * JDK's own {@link CertificateFactory}.
 */
public final class PinnedTrust {
  private PinnedTrust() {}

  /** A socket factory whose connections trust only the certificates in {@code caFile} (PEM, one or more). */
  public static SSLSocketFactory socketFactory(Path caFile) {
    try {
      Collection<? extends Certificate> certs;
      try (InputStream in = Files.newInputStream(caFile)) {
        certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
      }
      if (certs.isEmpty()) {
        throw new IllegalArgumentException("caFile: '" + caFile + "' holds no PEM certificate");
      }
      KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
      trust.load(null, null);
      int i = 0;
      for (Certificate c : certs) {
        trust.setCertificateEntry("ca-" + i++, c);
      }
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, tmf.getTrustManagers(), null);
      return ctx.getSocketFactory();
    } catch (IOException e) {
      throw new IllegalArgumentException("caFile: '" + caFile + "' cannot be read: " + e.getMessage(), e);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("caFile: '" + caFile + "' is not a PEM certificate: " + e.getMessage(), e);
    }
  }

  /**
   * Says why a connection failed in its TLS handshake, for the log, or returns null when the failure {@code e} is
   * something else (refused, unreachable, a lost connection).
   */
  public static String handshakeProblem(Throwable e) {
    SSLException ssl = null;
    Throwable deepest = null;
    for (Throwable t = e; t != null && t != deepest; t = t.getCause()) {
      if (t instanceof SSLException s && ssl == null) {
        ssl = s;
      }
      deepest = t;
      if (t.getCause() == t) {
        break;
      }
    }
    if (ssl == null) {
      return null;
    }
    for (Throwable t = ssl; t != null; t = t.getCause()) {
      if (t instanceof CertificateException c && c.getMessage() != null && c.getMessage().startsWith("No subject")) {
        return "the broker's certificate does not name the host in brokerUrl (" + c.getMessage() + ")";
      }
      if (t instanceof CertPathValidatorException || (t instanceof CertificateException c2
          && c2.getMessage() != null && c2.getMessage().contains("PKIX"))) {
        return "the broker's certificate is not from the authority in caFile (" + t.getMessage() + ")";
      }
    }
    return deepest.getMessage() == null ? ssl.toString() : deepest.getMessage();
  }
}
