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
 * Who may connect to the embedded broker, and to what:
 *
 * <ul>
 *   <li>the cloud's own client ({@code farm.mqtt.username}, default {@value #CLOUD_USER}): every topic. Its
 *       password is {@code farm.mqtt.password}, or one generated at each start that never leaves the process;</li>
 *   <li>{@value #OBSERVER_USER}, when {@code farm.mqtt.observer-password} is set: subscribe to {@code farm/v1/#},
 *       publish nothing;</li>
 *   <li>an enrolled device: user name and client id both its device id, password its secret; only
 *       {@code farm/v1/{deviceId}/#}.</li>
 * </ul>
 *
 * Anyone else is refused.
 */
@ApplicationScoped
public class BrokerLogins {
  public static final String CLOUD_USER = "farm-cloud";
  public static final String OBSERVER_USER = "observer";

  /** What a connection may do. {@code deviceId} is set for devices. */
  public enum Kind { CLOUD, OBSERVER, DEVICE }

  /** A successful login. */
  public record Login(Kind kind, String deviceId) {}

  @Inject FarmConfig config;
  @Inject DeviceCredentials devices;

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
      return same(password, cloudPassword()) ? Optional.of(new Login(Kind.CLOUD, null)) : Optional.empty();
    }
    if (username.equals(OBSERVER_USER)) {
      return config.mqtt().observerPassword().filter(p -> !p.isBlank()).filter(p -> same(password, p))
          .map(p -> new Login(Kind.OBSERVER, null));
    }
    // A device may only be itself: otherwise one device could take over another's session.
    if (!DeviceId.isValid(username) || !username.equals(clientId)) {
      return Optional.empty();
    }
    return devices.verify(username, password) ? Optional.of(new Login(Kind.DEVICE, username)) : Optional.empty();
  }

  private static boolean same(byte[] given, String expected) {
    return MessageDigest.isEqual(given, expected.getBytes(StandardCharsets.UTF_8));
  }
}
