package vn.farm.edge.outbox;

import java.nio.file.Path;

/** What the outbox knows of one segment file. Guarded by the {@link Outbox}. */
final class Segment {
  static final String PREFIX = "seg-";
  static final String SUFFIX = ".log";
  /** Thinning levels: raw, one reading a minute, one in ten minutes, events only. */
  static final int RAW = 0;
  static final int EVENTS_ONLY = 3;

  final Path path;
  final long firstSeq;
  long lastSeq;
  long bytes;
  int level;
  /** Monotonic milliseconds when the segment was opened for appending. */
  final long openedMono;

  Segment(Path path, long firstSeq, long lastSeq, long bytes, long openedMono) {
    this.path = path;
    this.firstSeq = firstSeq;
    this.lastSeq = lastSeq;
    this.bytes = bytes;
    this.openedMono = openedMono;
  }

  static String name(long firstSeq) {
    return String.format("%s%020d%s", PREFIX, firstSeq, SUFFIX);
  }

  /** Returns the first seq named by {@code fileName}, or -1 when it is not a segment's name. */
  static long firstSeqOf(String fileName) {
    if (!fileName.startsWith(PREFIX) || !fileName.endsWith(SUFFIX)
        || fileName.length() != PREFIX.length() + 20 + SUFFIX.length()) {
      return -1;
    }
    try {
      return Long.parseLong(fileName.substring(PREFIX.length(), PREFIX.length() + 20));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** Minutes of one kept reading at {@code level}: 1 or 10; 0 when no telemetry is kept. */
  static long bucketMs(int level) {
    return switch (level) {
      case 1 -> 60_000L;
      case 2 -> 600_000L;
      default -> 0L;
    };
  }

  @Override
  public String toString() {
    return path.getFileName() + "[" + firstSeq + ".." + lastSeq + ", " + bytes + " B, level " + level + "]";
  }
}
