package vn.farm.sim.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A temporary folder for simulated agents' state that is thrown away after the run: in memory ({@code /dev/shm})
 * where the system offers it, so the agents' forced writes (seq store, safety ledger) cost nothing instead of a disk
 * flush each. Stateless.
 */
public final class ScratchFolder {
  private static final Logger log = LoggerFactory.getLogger(ScratchFolder.class);
  private static final Path RAM_FOLDER = Path.of("/dev/shm");

  private ScratchFolder() {}

  /** Creates a new folder named from {@code prefix}, in memory where possible. */
  public static Path create(String prefix) {
    try {
      if (Files.isDirectory(RAM_FOLDER) && Files.isWritable(RAM_FOLDER)) {
        return Files.createTempDirectory(RAM_FOLDER, prefix);
      }
      return Files.createTempDirectory(prefix);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary folder for the simulated agents' state", e);
    }
  }

  /** Removes {@code root} and everything below it, as far as it can. */
  public static void delete(Path root) {
    try (Stream<Path> files = Files.walk(root)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      log.debug("cannot remove {}: {}", root, e.getMessage());
    }
  }
}
