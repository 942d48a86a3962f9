package vn.farm.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A fresh install without {@code FARM_ADMIN_PASSWORD}: the generated password goes to a file, never to the log. */
@QuarkusTest
@WithTestResource(value = FarmCloudTestResource.class, initArgs = @ResourceArg(
    name = FarmCloudTestResource.GENERATED_ADMIN, value = "true"))
class FirstAdminTest {
  @Test
  void aGeneratedPasswordIsWrittenToAnOwnerOnlyFileThatTheLogNamesWithoutThePassword() throws Exception {
    Path dataDir = FarmCloudTestResource.currentDataDir;
    Path file = dataDir.resolve("admin-password.txt");
    String password = Files.readString(file).strip();
    assertThat(password).hasSize(16);
    assertThat(Files.getPosixFilePermissions(file))
        .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    Api.login("admin", password);

    Path log = dataDir.resolve(FarmCloudTestResource.LOG_FILE);
    await().atMost(Duration.ofSeconds(10)).until(() -> Files.readString(log).contains("first administrator"));
    assertThat(Files.readString(log)).contains("Made the first administrator 'admin' with a generated password, "
        + "written to " + file.toAbsolutePath()).doesNotContain(password);
  }
}
