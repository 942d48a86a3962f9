package vn.farm.cloud.tls;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.time.Clock;
import java.util.Base64;
import org.jboss.logging.Logger;
import vn.farm.cloud.FarmConfig;
import vn.farm.cloud.broker.EmbeddedBroker;

/**
 * Keeps the cooperative's certificate authority ({@link CooperativeAuthority}) in {@code <data folder>/tls} for this
 * process: made ready before the broker starts, checked daily for a server certificate to renew, and written as the
 * Java key store the broker's TLS listener reads.
 */
@ApplicationScoped
public class TlsCertificates {
  private static final Logger LOG = Logger.getLogger(TlsCertificates.class);

  @Inject
  FarmConfig config;
  @Inject
  Clock clock;

  private CooperativeAuthority authority;
  private Path keyStore;
  private char[] keyStorePassword;

  void onStart(@Observes @Priority(EmbeddedBroker.START_PRIORITY - 1) StartupEvent event) {
    authority();
  }

  /** The authority, loaded or created on first use. */
  public synchronized CooperativeAuthority authority() {
    if (authority == null) {
      CooperativeAuthority a = new CooperativeAuthority(config.dataDir().resolve("tls").toAbsolutePath(),
          CooperativeAuthority.defaultHosts(config.tls().hosts()), clock, config.tls().caCert(), config.tls().caKey());
      a.ensure();
      authority = a;
    }
    return authority;
  }

  /** Looks once a day for a server certificate with less than 30 days left, and issues a new one. */
  @Scheduled(every = "24h", delayed = "24h", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  synchronized void renewDaily() {
    try {
      if (authority().renewIfDue() && keyStore != null) {
        writeKeyStore();
      }
    } catch (RuntimeException e) {
      LOG.errorf(e, "Renewing the broker's TLS certificate failed; trying again tomorrow");
    }
  }

  /**
   * Writes the server certificate and key as a JKS key store (owner-only) the broker's TLS listener reads, with a
   * password made up for this process, and returns its path; {@link #keyStorePassword()} gives the password. A
   * renewed certificate is written to the same file.
   */
  public synchronized Path keyStore(Path file) {
    keyStore = file;
    keyStorePassword = Base64.getUrlEncoder().withoutPadding()
        .encodeToString(new SecureRandom().generateSeed(18)).toCharArray();
    writeKeyStore();
    return keyStore;
  }

  public synchronized String keyStorePassword() {
    return new String(keyStorePassword);
  }

  private void writeKeyStore() {
    CooperativeAuthority a = authority();
    try {
      KeyStore ks = KeyStore.getInstance("JKS");
      ks.load(null, null);
      ks.setKeyEntry("server", a.serverKey(), keyStorePassword,
          new Certificate[] {a.serverCertificate(), a.authority()});
      Path tmp = keyStore.resolveSibling(keyStore.getFileName() + ".tmp");
      Files.deleteIfExists(tmp);
      Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      try (OutputStream out = Files.newOutputStream(tmp)) {
        ks.store(out, keyStorePassword);
      }
      Files.move(tmp, keyStore, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the broker's key store " + keyStore + ": " + e.getMessage(), e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot write the broker's key store " + keyStore + ": " + e.getMessage(), e);
    }
  }
}
