package vn.farm.edge.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.UUID;

/**
 * Numbers the starts of the agent: {@code {dataDir}/boot} holds the number of the last start, replaced atomically
 * before a start is used, so boot ids increase across restarts and power cuts. The id is that number and eight
 * random hex digits ({@code 17-3f2b9c1e}): ordered by its number, and still unique if the data folder is lost and
 * the count starts again.
 */
public final class BootCounter {
  static final String FILE = "boot";

  private BootCounter() {}

  /** Counts a new start in {@code dataDir} and returns its boot id. */
  public static String next(Path dataDir) {
    Path file = dataDir.resolve(FILE);
    long last;
    try {
      last = Long.parseLong(Files.readString(file, StandardCharsets.US_ASCII).trim());
    } catch (NoSuchFileException e) {
      last = 0;
    } catch (IOException | NumberFormatException e) {
      // Unreadable: start far above any count it may have held, so ids still increase.
      last = System.currentTimeMillis() / 1000;
    }
    long boot = last + 1;
    try {
      Files.createDirectories(dataDir);
      AtomicFile.write(file, (boot + "\n").getBytes(StandardCharsets.US_ASCII));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot count this start in " + file + ": " + e.getMessage(), e);
    }
    return boot + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** Returns the start number of {@code bootId}, or -1 when it has none (an id of an older agent). */
  public static long number(String bootId) {
    int dash = bootId.indexOf('-');
    try {
      return dash > 0 ? Long.parseLong(bootId.substring(0, dash)) : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
