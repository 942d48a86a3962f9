package vn.farm.cloud.tls;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.jboss.logging.Logger;

/**
 * Keeps the cooperative's own certificate authority and the server certificate it issues for the broker, as PEM files
 * in one folder:
 *
 * <ul>
 * <li>{@code ca.pem} (0644): the authority's certificate, the one file devices and tools trust;
 * <li>{@code ca.key} (0600): its private key, readable by the cloud's owner only;
 * <li>{@code server.pem} (0644) and {@code server.key} (0600): the server certificate for the configured host names
 * and addresses, followed by the authority's certificate, and its key.
 * </ul>
 *
 * The authority is created once (EC P-256, ten years) unless one is given as existing PEM files; the server
 * certificate lasts a year and is issued again when fewer than {@link #RENEW_BEFORE} days remain, when its names
 * change, or when it no longer chains to the authority. Not thread-safe: one caller at a time.
 */
public final class CooperativeAuthority {
  private static final Logger LOG = Logger.getLogger(CooperativeAuthority.class);
  /** A server certificate with less than this left is issued again. */
  public static final Duration RENEW_BEFORE = Duration.ofDays(30);
  static final Duration CA_LIFETIME = Duration.ofDays(3653);
  static final Duration SERVER_LIFETIME = Duration.ofDays(397);
  private static final String SIGNATURE = "SHA256withECDSA";
  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> PUBLIC = PosixFilePermissions.fromString("rw-r--r--");

  private final Path folder;
  private final List<String> hosts;
  private final Clock clock;
  private final Optional<Path> givenCaCert;
  private final Optional<Path> givenCaKey;
  private final SecureRandom random = new SecureRandom();

  private X509Certificate ca;
  private PrivateKey caKey;
  private X509Certificate server;
  private PrivateKey serverKey;

  /**
   * @param folder where the PEM files live ({@code <data folder>/tls})
   * @param hosts host names and addresses the server certificate names, in order
   * @param givenCaCert with {@code givenCaKey}, an authority the cooperative already has, used instead of creating one
   */
  public CooperativeAuthority(Path folder, List<String> hosts, Clock clock, Optional<Path> givenCaCert,
      Optional<Path> givenCaKey) {
    if (hosts.isEmpty()) {
      throw new IllegalArgumentException("farm.tls.hosts is empty: name at least one host name or address");
    }
    if (givenCaCert.isPresent() != givenCaKey.isPresent()) {
      throw new IllegalArgumentException("A given certificate authority needs both farm.tls.ca-cert and farm.tls.ca-key"
          + ", got only " + givenCaCert.or(() -> givenCaKey).orElseThrow());
    }
    this.folder = folder;
    this.hosts = List.copyOf(hosts);
    this.clock = clock;
    this.givenCaCert = givenCaCert;
    this.givenCaKey = givenCaKey;
  }

  /** The host names of this machine that a server certificate names by default: {@code localhost}, loopback, and its name. */
  public static List<String> defaultHosts(List<String> configured) {
    List<String> all = new ArrayList<>();
    for (String h : configured) {
      String t = h.trim();
      if (!t.isEmpty() && !all.contains(t)) {
        all.add(t);
      }
    }
    try {
      String own = InetAddress.getLocalHost().getHostName();
      if (!all.contains(own)) {
        all.add(own);
      }
    } catch (IOException e) {
      LOG.debugf("This machine's host name is unknown (%s); the server certificate names only %s", e, all);
    }
    return all;
  }

  /**
   * Loads or creates the authority, then issues the server certificate if it is missing, for other names, about to
   * expire or from another authority. Returns whether a server certificate was issued.
   */
  public boolean ensure() {
    try {
      Files.createDirectories(folder);
      loadOrCreateAuthority();
      return renewIfDue();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot keep the certificate authority in " + folder + ": " + e.getMessage(), e);
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException("Cannot keep the certificate authority in " + folder + ": " + e.getMessage(), e);
    }
  }

  /** Issues the server certificate again when it is due (see the class comment); returns whether it did. */
  public boolean renewIfDue() {
    try {
      String reason = dueReason();
      if (reason == null) {
        return false;
      }
      issueServer();
      LOG.infof("Issued the broker's TLS certificate for %s (%s); valid until %s", String.join(", ", hosts), reason,
          server.getNotAfter().toInstant());
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot issue the server certificate in " + folder + ": " + e.getMessage(), e);
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException("Cannot issue the server certificate in " + folder + ": " + e.getMessage(), e);
    }
  }

  /** The authority's certificate file, the one a device or {@code mosquitto_sub --cafile} trusts. */
  public Path caFile() {
    return givenCaCert.orElse(folder.resolve("ca.pem"));
  }

  public Path serverCertFile() {
    return folder.resolve("server.pem");
  }

  public Path serverKeyFile() {
    return folder.resolve("server.key");
  }

  public X509Certificate authority() {
    return ca;
  }

  public X509Certificate serverCertificate() {
    return server;
  }

  public PrivateKey serverKey() {
    return serverKey;
  }

  private void loadOrCreateAuthority() throws IOException, GeneralSecurityException, OperatorCreationException {
    if (givenCaCert.isPresent()) {
      ca = Pem.readCertificates(givenCaCert.get()).get(0);
      caKey = Pem.readPrivateKey(givenCaKey.orElseThrow());
      LOG.infof("Using the certificate authority %s (%s)", givenCaCert.get(), ca.getSubjectX500Principal());
      return;
    }
    Path certFile = folder.resolve("ca.pem");
    Path keyFile = folder.resolve("ca.key");
    if (Files.exists(certFile) && Files.exists(keyFile)) {
      ca = Pem.readCertificates(certFile).get(0);
      caKey = Pem.readPrivateKey(keyFile);
      return;
    }
    KeyPair pair = newKeyPair();
    Instant now = clock.instant();
    X500Name name = new X500Name("CN=Farm cooperative CA " + now.getEpochSecond());
    JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
    X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, serial(), Date.from(now.minusSeconds(60)),
        Date.from(now.plus(CA_LIFETIME)), name, pair.getPublic())
        .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
        .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
        .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(pair.getPublic()));
    ca = sign(b, pair.getPrivate());
    caKey = pair.getPrivate();
    write(keyFile, Pem.encode(caKey), OWNER_ONLY);
    write(certFile, Pem.encode(ca), PUBLIC);
    LOG.infof("Created the cooperative's certificate authority %s, valid until %s; its key %s is readable by its owner"
        + " only", certFile, ca.getNotAfter().toInstant(), keyFile);
  }

  /** Why the server certificate must be issued now, or null when it is good. */
  private String dueReason() throws IOException {
    Path certFile = serverCertFile();
    if (!Files.exists(certFile) || !Files.exists(serverKeyFile())) {
      return "the first one";
    }
    if (server == null) {
      server = Pem.readCertificates(certFile).get(0);
      serverKey = Pem.readPrivateKey(serverKeyFile());
    }
    try {
      server.verify(ca.getPublicKey());
    } catch (GeneralSecurityException e) {
      return "the certificate authority changed";
    }
    Instant expiry = server.getNotAfter().toInstant();
    if (clock.instant().plus(RENEW_BEFORE).isAfter(expiry)) {
      return "the previous one expires " + expiry;
    }
    if (!SubjectNames.of(server).equals(SubjectNames.normalise(hosts))) {
      return "the host names changed from " + SubjectNames.of(server);
    }
    return null;
  }

  private void issueServer() throws IOException, GeneralSecurityException, OperatorCreationException {
    KeyPair pair = newKeyPair();
    Instant now = clock.instant();
    JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
    X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(ca, serial(), Date.from(now.minusSeconds(60)),
        Date.from(now.plus(SERVER_LIFETIME)), new X500Name("CN=" + SubjectNames.cnSafe(hosts.get(0))),
        pair.getPublic())
        .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
        .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
        .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
        .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(
            hosts.stream().map(SubjectNames::generalName).toArray(GeneralName[]::new)))
        .addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(ca))
        .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(pair.getPublic()));
    server = sign(b, caKey);
    serverKey = pair.getPrivate();
    write(serverKeyFile(), Pem.encode(serverKey), OWNER_ONLY);
    write(serverCertFile(), Pem.encode(server) + Pem.encode(ca), PUBLIC);
  }

  private KeyPair newKeyPair() throws GeneralSecurityException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"), random);
    return g.generateKeyPair();
  }

  private BigInteger serial() {
    return new BigInteger(127, random).add(BigInteger.ONE);
  }

  private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey key)
      throws OperatorCreationException, GeneralSecurityException {
    X509CertificateHolder holder = b.build(new JcaContentSignerBuilder(SIGNATURE).build(key));
    return new JcaX509CertificateConverter().getCertificate(holder);
  }

  /** Writes a file whole under its final permissions: a temporary file that already has them, then a rename. */
  static void write(Path file, String text, Set<PosixFilePermission> permissions) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.deleteIfExists(tmp);
    Files.createFile(tmp, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
    Files.writeString(tmp, text);
    Files.setPosixFilePermissions(tmp, permissions);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** PEM reading and writing through Bouncy Castle's parser. */
  static final class Pem {
    private Pem() {}

    static String encode(Object o) throws IOException {
      StringWriter out = new StringWriter();
      try (JcaPEMWriter w = new JcaPEMWriter(out)) {
        if (o instanceof PrivateKey key) {
          // PKCS#8 ("BEGIN PRIVATE KEY"), the form mosquitto, OpenSSL and the JDK all read.
          w.writeObject(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(key, null));
        } else {
          w.writeObject(o);
        }
      }
      return out.toString();
    }

    static List<X509Certificate> readCertificates(Path file) throws IOException {
      List<X509Certificate> certs = new ArrayList<>();
      try (Reader r = Files.newBufferedReader(file); PEMParser p = new PEMParser(r)) {
        for (Object o = p.readObject(); o != null; o = p.readObject()) {
          if (o instanceof X509CertificateHolder h) {
            certs.add(new JcaX509CertificateConverter().getCertificate(h));
          }
        }
      } catch (GeneralSecurityException e) {
        throw new IOException(file + " holds a certificate that cannot be read: " + e.getMessage(), e);
      }
      if (certs.isEmpty()) {
        throw new IOException(file + " holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
      }
      return certs;
    }

    static PrivateKey readPrivateKey(Path file) throws IOException {
      try (Reader r = Files.newBufferedReader(file); PEMParser p = new PEMParser(r)) {
        Object o = p.readObject();
        JcaPEMKeyConverter c = new JcaPEMKeyConverter();
        if (o instanceof PEMKeyPair pair) {
          return c.getPrivateKey(pair.getPrivateKeyInfo());
        }
        if (o instanceof org.bouncycastle.asn1.pkcs.PrivateKeyInfo info) {
          return c.getPrivateKey(info);
        }
        throw new IOException(file + " holds no unencrypted PEM private key, found "
            + (o == null ? "nothing" : o.getClass().getSimpleName()));
      }
    }
  }
}
