package vn.farm.cloud.people;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import org.jboss.logging.Logger;
import vn.farm.cloud.FarmConfig;
import vn.farm.cloud.people.UserStore.NewUser;

/**
 * Makes the first administrator, {@value #USERNAME}, when nobody can log in yet: with {@code FARM_ADMIN_PASSWORD}
 * when it is set, or else a generated password that is logged once and written, readable by the owner only, to
 * {@code admin-password.txt} in the data folder.
 */
@ApplicationScoped
public class FirstAdmin {
  public static final String USERNAME = "admin";
  private static final Logger LOG = Logger.getLogger(FirstAdmin.class);

  @Inject UserStore users;
  @Inject AuditLog audit;
  @Inject FarmConfig config;
  @Inject Clock clock;

  void onStart(@Observes StartupEvent event) {
    if (!users.isEmpty()) {
      return;
    }
    String password = config.auth().adminPassword().orElse(null);
    boolean generated = password == null;
    if (generated) {
      password = Passwords.random(16);
    } else if (Passwords.problem(password) != null) {
      throw new IllegalStateException("FARM_ADMIN_PASSWORD " + Passwords.problem(password));
    }
    users.create(new NewUser(USERNAME, null, "Quản trị hệ thống", Passwords.hash(password), Role.ADMIN, null,
        null, null), clock.instant());
    audit.record("system", "user.create", "user " + USERNAME, "first administrator", "done", null);
    if (generated) {
      Path file = config.dataDir().resolve("admin-password.txt");
      try {
        Files.createDirectories(config.dataDir());
        Files.writeString(file, password + "\n");
        try {
          Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
          // not a POSIX file system; the folder's own permissions protect it
        }
      } catch (IOException e) {
        LOG.errorf("Could not write %s: %s", file, e.getMessage());
      }
      LOG.warnf("Made the first administrator '%s' with the password %s (also in %s). Log in and change it.",
          USERNAME, password, file);
    } else {
      LOG.infof("Made the first administrator '%s' with the password from FARM_ADMIN_PASSWORD", USERNAME);
    }
  }
}
