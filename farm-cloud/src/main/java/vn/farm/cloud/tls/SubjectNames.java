package vn.farm.cloud.tls;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.bouncycastle.asn1.x509.GeneralName;

/** Turns configured host names and addresses into a certificate's subject alternative names, and back for comparing. */
final class SubjectNames {
  private SubjectNames() {}

  /** An address literal becomes an IP entry, anything else a DNS name. */
  static GeneralName generalName(String host) {
    return isAddress(host) ? new GeneralName(GeneralName.iPAddress, host) : new GeneralName(GeneralName.dNSName, host);
  }

  /** The names a certificate carries, in the form {@link #normalise} gives. */
  static Set<String> of(X509Certificate cert) {
    Set<String> names = new TreeSet<>();
    try {
      Collection<List<?>> sans = cert.getSubjectAlternativeNames();
      if (sans != null) {
        for (List<?> san : sans) {
          names.add(normalise((String) san.get(1)));
        }
      }
    } catch (CertificateParsingException e) {
      throw new IllegalStateException("Subject alternative names of " + cert.getSubjectX500Principal()
          + " cannot be read: " + e.getMessage(), e);
    }
    return names;
  }

  static Set<String> normalise(List<String> hosts) {
    Set<String> names = new TreeSet<>();
    hosts.forEach(h -> names.add(normalise(h)));
    return names;
  }

  private static String normalise(String host) {
    if (isAddress(host)) {
      try {
        // An address literal is parsed, never looked up.
        return InetAddress.getByName(host).getHostAddress();
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException("farm.tls.hosts: '" + host + "' is not an address", e);
      }
    }
    return host.toLowerCase(Locale.ROOT);
  }

  static boolean isAddress(String host) {
    return host.contains(":") || host.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
  }

  /** A host name fit for a distinguished name's CN: the characters that have meaning there are replaced. */
  static String cnSafe(String host) {
    return host.replaceAll("[,+=\"\\\\<>;#]", "_");
  }
}
