package vn.farm.cloud.broker;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import vn.farm.cloud.FarmConfig;
import vn.farm.cloud.people.Passwords;
import vn.farm.contract.DeviceId;

/**
 * Who may connect to the embedded broker, with which client id ({@link FarmAuthExtension} says to what topics):
 *
 * <ul>
 *   <li>the cloud's own client ({@code farm.mqtt.username}, default {@value #CLOUD_USER}), with the client id
 *       {@code farm.mqtt.client-id} (or it followed by {@code :} and a suffix, for tools of the cloud's). Its
 *       password is {@code farm.mqtt.password}, or one generated at each start that never leaves the process;</li>
 *   <li>{@value #OBSERVER_USER}, when {@code farm.mqtt.observer-password} is set, with any client id that is not the
 *       cloud's nor that of a device the cloud knows;</li>
 *   <li>an enrolled device: user name and client id both its device id, password its secret.</li>
 * </ul>
 *
 * A login is bound to its client ids, so that none can take over another's session (a second connection with a
 * client id ends the first one's). Anyone else is refused.
 */
@ApplicationScoped
public class BrokerLogins {
  public static final String CLOUD_USER = "farm-cloud";
  public static final String OBSERVER_USER = "observer";

  /** What a connection may do. {@code deviceId} is set for devices. */
  public enum Kind { CLOUD, OBSERVER, DEVICE }

  /** A successful login. */
  public record Login(Kind kind, String deviceId) {}

  @Inject
  FarmConfig config;
  @Inject
  DeviceCredentials devices;

  private final String generatedCloudPassword = Passwords.random(32);

  /** Returns the user name the cloud's own client connects with. */
  public String cloudUser() {
    return config.mqtt().username().filter(u -> !u.isBlank()).orElse(CLOUD_USER);
  }

  /** Returns the password the cloud's own client connects with. */
  public String cloudPassword() {
    return config.mqtt().password().filter(p -> !p.isBlank()).orElse(generatedCloudPassword);
  }

  /** Decides a CONNECT; empty means refuse. */
  public Optional<Login> check(String clientId, String username, byte[] password) {
    if (username == null || password == null) {
      return Optional.empty();
    }
    if (username.equals(cloudUser())) {
      return isCloudClientId(clientId) && same(password, cloudPassword()) ? Optional.of(new Login(Kind.CLOUD, null))
          : Optional.empty();
    }
    if (isCloudClientId(clientId)) {
      return Optional.empty();
    }
    if (username.equals(OBSERVER_USER)) {
      return config.mqtt().observerPassword().filter(p -> !p.isBlank()).filter(p -> same(password, p))
          .filter(p -> !DeviceId.isValid(clientId) || !devices.isKnown(clientId))
          .map(p -> new Login(Kind.OBSERVER, null));
    }
    // A device may only be itself: otherwise one device could take over another's session.
    if (!DeviceId.isValid(username) || !username.equals(clientId) || isReserved(username)) {
      return Optional.empty();
    }
    return devices.verify(username, password) ? Optional.of(new Login(Kind.DEVICE, username)) : Optional.empty();
  }

  /**
   * Returns whether {@code deviceId} is a login name of the broker's other than a controller's (the cloud's, the
   * observer's, the cloud's client id): never enrolled, and refused by ingest, since a broker that applies its
   * per-device topic patterns to every user (Mosquitto's) lets those logins publish there.
   */
  public boolean isReserved(String deviceId) {
    return deviceId.equals(OBSERVER_USER) || deviceId.equals(cloudUser()) || deviceId.equals(config.mqtt().clientId());
  }

  /** Returns whether {@code clientId} is the cloud's own session's, or one of its tools'. */
  public boolean isCloudClientId(String clientId) {
    String own = config.mqtt().clientId();
    return clientId.equals(own) || clientId.startsWith(own + ":");
  }

  private static boolean same(byte[] given, String expected) {
    return MessageDigest.isEqual(given, expected.getBytes(StandardCharsets.UTF_8));
  }
}
