package vn.farm.edge.outbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import vn.farm.contract.Event;
import vn.farm.edge.store.AtomicFile;

/**
 * The acknowledged point ({@code docs/outbox.md}, "Acknowledgement"): the highest seq below which the cloud has
 * confirmed every record, kept in {@value #FILE} as decimal text and a newline, replaced atomically. It moves in
 * memory on every receipt and reaches the disk only when the outbox flushes, since a point that lags costs a few
 * records sent twice and nothing lost. Not thread-safe: called only under the {@link Outbox}'s lock.
 */
final class AckedPoint {
  static final String FILE = "acked";

  private final Path file;
  private long acked;
  private boolean dirty;

  /** Starts at {@code acked}, as read from {@code dir}. */
  AckedPoint(Path dir, long acked) {
    this.file = dir.resolve(FILE);
    this.acked = acked;
  }

  /**
   * Returns the point saved in {@code dir}: 0 when there is none, and 0 with an {@code outbox.error} notice added to
   * {@code notices} when it is not a number, because sending everything again is safe and losing is not.
   */
  static long read(Path dir, List<Notice> notices) throws IOException {
    try {
      String text = Files.readString(dir.resolve(FILE), StandardCharsets.US_ASCII).trim();
      return Long.parseLong(text);
    } catch (NoSuchFileException e) {
      return 0;
    } catch (NumberFormatException e) {
      // Replaced atomically, so this is damage from outside; sending everything again is safe, losing is not.
      notices.add(new Notice(Event.OUTBOX_ERROR, "the acknowledged point in " + dir.resolve(FILE)
          + " is not a number; every record on disk will be sent again"));
      return 0;
    }
  }

  /** Returns the highest seq below which every record is confirmed. */
  long get() {
    return acked;
  }

  /** Moves the point up to {@code last}; a lower seq (or -1, nothing) leaves it where it is. */
  void moveTo(long last) {
    if (last > acked) {
      acked = last;
      dirty = true;
    }
  }

  /** Returns true when the point has moved since it was last saved. */
  boolean dirty() {
    return dirty;
  }

  /** Replaces the saved point atomically (temporary file, fsync, rename, fsync of the folder). */
  void save() throws IOException {
    AtomicFile.write(file, (acked + "\n").getBytes(StandardCharsets.US_ASCII));
    dirty = false;
  }
}
