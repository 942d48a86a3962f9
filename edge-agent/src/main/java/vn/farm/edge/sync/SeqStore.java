package vn.farm.edge.sync;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import vn.farm.edge.store.AtomicFile;

/**
 * Hands out the device's {@code seq} numbers (shared by telemetry and events), strictly increasing across restarts,
 * crashes and power loss, without a disk write per message.
 *
 * <p>On-disk format: the file {@code {dataDir}/seq} holds one line, the decimal <em>ceiling</em>: a number no seq
 * handed out so far has reached. Before handing out {@code n} when {@code n >= ceiling}, the store reserves a block
 * by writing {@code n + BLOCK} as the new ceiling: into {@code seq.tmp}, fsync, atomic rename over {@code seq},
 * fsync of the folder. So every seq handed out is below the ceiling on disk. On start the store continues at the
 * stored ceiling, which is above anything used before, whatever happened. A crash therefore skips at most
 * {@code BLOCK} numbers; a clean {@link #close()} writes the exact next number so a normal restart skips none.
 * Receivers must expect gaps, never reordering. A missing file means a new device, which starts at 1; an unreadable
 * file is an error, never silently restarted from 1, because the cloud would take new data for duplicates.
 *
 * <p>Thread-safe.
 */
public final class SeqStore implements AutoCloseable {
  /** How many numbers one disk write reserves. */
  public static final long BLOCK = 1000;
  static final String FILE = "seq";

  private final Path file;
  private long next;
  private long ceiling;
  private boolean closed;

  private SeqStore(Path dataDir, long start) {
    this.file = dataDir.resolve(FILE);
    this.next = start;
    this.ceiling = start;
  }

  /** Opens the store in {@code dataDir}, creating the folder when needed. */
  public static SeqStore open(Path dataDir) {
    try {
      Files.createDirectories(dataDir);
      return new SeqStore(dataDir, readCeiling(dataDir.resolve(FILE)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the seq store in " + dataDir + ": " + e.getMessage(), e);
    }
  }

  /** Returns the next seq, reserving a new block on disk first when the current one is used up. */
  public synchronized long next() {
    if (closed) {
      throw new IllegalStateException("seq store " + file + " is closed");
    }
    if (next >= ceiling) {
      write(next + BLOCK);
      ceiling = next + BLOCK;
    }
    return next++;
  }

  /** Returns the seq the next call to {@link #next()} will return. */
  public synchronized long peek() {
    return next;
  }

  /** Records the exact next number, so the next start continues without a gap. */
  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      write(next);
    }
  }

  private static long readCeiling(Path file) throws IOException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.US_ASCII).trim();
    } catch (NoSuchFileException e) {
      return 1;
    }
    try {
      long value = Long.parseLong(text);
      if (value < 1) {
        throw new NumberFormatException("below 1");
      }
      return value;
    } catch (NumberFormatException e) {
      throw new IOException(file + " holds '" + text + "', not a sequence ceiling. Restore it from a backup, or "
          + "write a number above the highest seq the cloud has stored for this device", e);
    }
  }

  private void write(long newCeiling) {
    try {
      AtomicFile.write(file, (newCeiling + "\n").getBytes(StandardCharsets.US_ASCII));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot reserve sequence numbers in " + file + ": " + e.getMessage(), e);
    }
  }
}
