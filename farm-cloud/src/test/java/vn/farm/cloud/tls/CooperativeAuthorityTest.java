package vn.farm.cloud.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cooperative's authority: made once, kept private, issuing a server certificate it renews before expiry. */
class CooperativeAuthorityTest {
  private static final Instant JULY = Instant.parse("2026-07-01T06:00:00Z");
  private static final List<String> HOSTS = List.of("localhost", "127.0.0.1", "farm.htx.local");

  @TempDir
  Path dir;

  private static CooperativeAuthority at(Path folder, Instant now) {
    return new CooperativeAuthority(folder, HOSTS, Clock.fixed(now, ZoneOffset.UTC), Optional.empty(),
        Optional.empty());
  }

  @Test
  void authorityIsCreatedOnceAndReusedOnRestart() throws Exception {
    CooperativeAuthority first = at(dir, JULY);
    assertThat(first.ensure()).isTrue();
    String ca = Files.readString(dir.resolve("ca.pem"));
    String server = Files.readString(dir.resolve("server.pem"));

    CooperativeAuthority again = at(dir, JULY.plus(Duration.ofDays(2)));
    assertThat(again.ensure()).isFalse();
    assertThat(Files.readString(dir.resolve("ca.pem"))).isEqualTo(ca);
    assertThat(Files.readString(dir.resolve("server.pem"))).isEqualTo(server);
    assertThat(again.authority()).isEqualTo(first.authority());
  }

  @Test
  void privateKeysAreReadableByTheOwnerOnly() throws Exception {
    at(dir, JULY).ensure();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("ca.key"))))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("server.key"))))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("ca.pem"))))
        .isEqualTo("rw-r--r--");
  }

  @Test
  void serverCertificateChainsToTheAuthorityAndNamesTheHosts() throws Exception {
    CooperativeAuthority a = at(dir, JULY);
    a.ensure();
    X509Certificate server = a.serverCertificate();
    server.verify(a.authority().getPublicKey());
    assertThat(SubjectNames.of(server)).containsExactlyInAnyOrder("localhost", "127.0.0.1", "farm.htx.local");
    assertThat(a.authority().getBasicConstraints()).isGreaterThanOrEqualTo(0);
    assertThat(server.getBasicConstraints()).isEqualTo(-1);
    assertThat(server.getNotAfter().toInstant()).isAfter(JULY.plus(Duration.ofDays(364)));
    assertThat(a.authority().getNotAfter().toInstant()).isAfter(JULY.plus(Duration.ofDays(3650)));
    // The server file carries the chain: its own certificate first, then the authority's.
    assertThat(CooperativeAuthority.Pem.readCertificates(dir.resolve("server.pem")))
        .containsExactly(server, a.authority());
  }

  @Test
  void certificateNearExpiryIsRenewedByTheSameAuthority() throws Exception {
    CooperativeAuthority a = at(dir, JULY);
    a.ensure();
    X509Certificate old = a.serverCertificate();
    Instant late = old.getNotAfter().toInstant().minus(Duration.ofDays(29));

    CooperativeAuthority later = at(dir, late);
    assertThat(later.ensure()).isTrue();
    assertThat(later.serverCertificate()).isNotEqualTo(old);
    assertThat(later.serverCertificate().getNotAfter().toInstant()).isAfter(late.plus(Duration.ofDays(364)));
    later.serverCertificate().verify(a.authority().getPublicKey());
    assertThat(later.authority()).isEqualTo(a.authority());
  }

  @Test
  void certificateWithMoreThanAMonthLeftIsKept() {
    CooperativeAuthority a = at(dir, JULY);
    a.ensure();
    Instant expiry = a.serverCertificate().getNotAfter().toInstant();
    assertThat(at(dir, expiry.minus(Duration.ofDays(31))).ensure()).isFalse();
  }

  @Test
  void givenAuthorityIsUsedInsteadOfCreatingOne(@TempDir Path given) {
    CooperativeAuthority theirs = at(given, JULY);
    theirs.ensure();
    CooperativeAuthority ours = new CooperativeAuthority(dir, HOSTS, Clock.fixed(JULY, ZoneOffset.UTC),
        Optional.of(given.resolve("ca.pem")), Optional.of(given.resolve("ca.key")));
    ours.ensure();
    assertThat(Files.exists(dir.resolve("ca.key"))).isFalse();
    assertThat(ours.caFile()).isEqualTo(given.resolve("ca.pem"));
    assertThat(ours.authority()).isEqualTo(theirs.authority());
  }

  @Test
  void changedHostNamesGetANewCertificate() {
    at(dir, JULY).ensure();
    CooperativeAuthority moved = new CooperativeAuthority(dir, List.of("localhost", "10.0.0.5"),
        Clock.fixed(JULY, ZoneOffset.UTC), Optional.empty(), Optional.empty());
    assertThat(moved.ensure()).isTrue();
    assertThat(SubjectNames.of(moved.serverCertificate())).containsExactlyInAnyOrder("localhost", "10.0.0.5");
  }
}
