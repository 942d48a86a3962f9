package vn.farm.cloud.people;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import org.jboss.logging.Logger;
import vn.farm.cloud.FarmConfig;
import vn.farm.cloud.people.UserStore.NewUser;

/**
 * Makes the first administrator, {@value #USERNAME}, when nobody can log in yet: with {@code FARM_ADMIN_PASSWORD}
 * when it is set, or else with a generated password written, readable by the owner only, to
 * {@value #PASSWORD_FILE} in the data folder. The log names that file but never holds the password: logs are
 * copied to places (a journal, a support ticket, a log collector) that an administrator's password must not reach.
 */
@ApplicationScoped
public class FirstAdmin {
  public static final String USERNAME = "admin";
  /** The file, in the data folder, that a generated password is written to. */
  public static final String PASSWORD_FILE = "admin-password.txt";
  private static final Logger LOG = Logger.getLogger(FirstAdmin.class);

  @Inject
  UserStore users;
  @Inject
  AuditLog audit;
  @Inject
  FarmConfig config;
  @Inject
  Clock clock;

  void onStart(@Observes StartupEvent event) {
    if (!users.isEmpty()) {
      return;
    }
    String password = config.auth().adminPassword().orElse(null);
    Path file = null;
    if (password == null) {
      password = Passwords.random(16);
      // Written before the account exists: if it cannot be, the start fails and the next start tries again,
      // rather than leaving an administrator whose password nobody knows.
      file = writeOwnerOnly(config.dataDir().resolve(PASSWORD_FILE), password + "\n");
    } else if (Passwords.problem(password) != null) {
      throw new IllegalStateException("FARM_ADMIN_PASSWORD " + Passwords.problem(password));
    }
    users.create(new NewUser(USERNAME, null, "Quản trị hệ thống", Passwords.hash(password), Role.ADMIN, null,
        null, null), clock.instant());
    audit.record("system", "user.create", "user " + USERNAME, "first administrator", "done", null);
    if (file != null) {
      LOG.warnf("Made the first administrator '%s' with a generated password, written to %s (readable by its "
          + "owner only). Log in, change it, and delete the file.", USERNAME, file.toAbsolutePath());
    } else {
      LOG.infof("Made the first administrator '%s' with the password from FARM_ADMIN_PASSWORD", USERNAME);
    }
  }

  /**
   * Writes {@code text} to a new {@code file} that only its owner may read, replacing one left by an earlier start,
   * and returns the file. On a file system without POSIX permissions the folder's own permissions protect it.
   */
  static Path writeOwnerOnly(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.deleteIfExists(file);
      boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
      // Created with its permissions, so that it is never readable by others, even for a moment.
      FileAttribute<?>[] attributes = posix
          ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
          : new FileAttribute<?>[0];
      Files.createFile(file, attributes);
      Files.writeString(file, text);
      return file;
    } catch (IOException e) {
      throw new IllegalStateException("Cannot write the first administrator's generated password to " + file
          + ": " + e.getMessage() + ". Make the data folder (FARM_DATA_DIR) writable, or set FARM_ADMIN_PASSWORD",
          e);
    }
  }
}
