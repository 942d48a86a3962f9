package vn.farm.edge.outbox;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbox's segment files as one log: appends a batch of records to the newest segment with one write and one
 * fsync, rolls to a new segment when the newest is full or old, reads a record back from where the index says it
 * starts, and deletes or takes over replaced segments, keeping the bytes on disk counted. The byte layout is
 * {@link SegmentFile}'s. Not thread-safe: called only under the {@link Outbox}'s lock.
 */
final class SegmentLog {
  /** Logs under the outbox's name, where operators look for what it did. */
  private static final Logger log = LoggerFactory.getLogger(Outbox.class);

  private final Path dir;
  private final Outbox.Limits limits;
  private final LongSupplier monoMs;
  private final TreeMap<Long, Segment> segments;
  private FileChannel appending;
  private FileChannel reading;
  private Segment readingSegment;
  private Segment current;
  private long totalBytes;

  /** Takes over the segments {@code found} on open; appending continues in the newest of them. */
  SegmentLog(Path dir, Outbox.Limits limits, LongSupplier monoMs, Recovery.Result found) throws IOException {
    this.dir = dir;
    this.limits = limits;
    this.monoMs = monoMs;
    this.segments = found.segments();
    this.totalBytes = found.totalBytes();
    if (found.newest() != null) {
      current = found.newest();
      appending = FileChannel.open(current.path, StandardOpenOption.READ, StandardOpenOption.WRITE);
      appending.position(current.bytes);
    }
  }

  /**
   * Appends {@code records} with one write and one fsync, rolling to a new segment first when the newest is full or
   * older than the limits allow, and tells {@code indexed} where each record starts. A failed write is cut back from
   * the file before the exception leaves, so the segment stays well formed.
   */
  void append(List<OutboxRecord> records, SegmentFile.HeadVisitor indexed) throws IOException {
    ByteBuffer bytes = SegmentFile.encode(records);
    if (current == null || current.bytes + bytes.remaining() > limits.segmentBytes()
        || monoMs.getAsLong() - current.openedMono >= limits.segmentMs()) {
      roll(records.get(0).seq());
    }
    long offset = current.bytes;
    try {
      while (bytes.hasRemaining()) {
        appending.write(bytes);
      }
      appending.force(false);
    } catch (IOException e) {
      undoPartialWrite();
      throw e;
    }
    for (OutboxRecord r : records) {
      indexed.record(r.seq(), r.wallMs(), offset);
      offset += SegmentFile.size(r);
    }
    totalBytes += offset - current.bytes;
    current.bytes = offset;
    current.lastSeq = records.get(records.size() - 1).seq();
  }

  /** Returns the segment that holds {@code seq}. */
  Segment segmentOf(long seq) {
    return segments.floorEntry(seq).getValue();
  }

  /** Reads the record that starts at {@code offset} in {@code segment}, checking its checksum. */
  OutboxRecord read(Segment segment, int offset) throws IOException {
    return SegmentFile.readAt(channelFor(segment), offset);
  }

  /** Returns the segments, oldest first, as a copy. */
  List<Segment> segments() {
    return new ArrayList<>(segments.values());
  }

  /** Returns the oldest segment. */
  Segment oldest() {
    return segments.firstEntry().getValue();
  }

  /** Returns the segment being appended to, or null before the next append starts one. */
  Segment current() {
    return current;
  }

  /** Returns how many segments there are. */
  int count() {
    return segments.size();
  }

  /** Returns the bytes of all segments on disk. */
  long bytes() {
    return totalBytes;
  }

  /** Deletes every closed segment whose records are all at or below {@code acked}. */
  void deleteAcknowledged(long acked) throws IOException {
    for (Segment s : new ArrayList<>(segments.values())) {
      if (s != current && s.lastSeq <= acked) {
        delete(s);
      }
    }
  }

  /** Deletes {@code s} and its file. */
  void delete(Segment s) throws IOException {
    closeReading();
    segments.remove(s.firstSeq);
    totalBytes -= s.bytes;
    Files.deleteIfExists(s.path);
    syncFolder();
  }

  /** Takes note that {@code s}'s file was replaced by a copy of {@code bytes} thinned to {@code level}. */
  void replaced(Segment s, int level, long bytes) {
    closeReading();
    syncFolder();
    totalBytes += bytes - s.bytes;
    s.bytes = bytes;
    s.level = level;
  }

  /** Closes the files it has open; the segment being appended to is fsynced first. */
  void close() {
    closeReading();
    closeAppending();
  }

  private FileChannel channelFor(Segment segment) throws IOException {
    if (segment == current) {
      return appending;
    }
    if (readingSegment != segment) {
      closeReading();
      reading = FileChannel.open(segment.path, StandardOpenOption.READ);
      readingSegment = segment;
    }
    return reading;
  }

  private void closeReading() {
    if (reading != null) {
      try {
        reading.close();
      } catch (IOException e) {
        log.debug("outbox {}: closing a reader: {}", dir, e.getMessage());
      }
      reading = null;
      readingSegment = null;
    }
  }

  /** After a failed write (a full disk), cuts what part of it reached the file, or starts a new segment next. */
  private void undoPartialWrite() {
    try {
      appending.truncate(current.bytes);
      appending.position(current.bytes);
    } catch (IOException e) {
      log.error("outbox {}: cannot cut a failed write from {}; the next record starts a new segment", dir, current);
      closeAppending();
      current = null;
    }
  }

  private void roll(long firstSeq) throws IOException {
    closeAppending();
    current = null;
    Path file = dir.resolve(Segment.name(firstSeq));
    Segment failed = segments.remove(firstSeq);
    if (failed != null) {
      // A segment left without records by a write that failed: seqs only grow, so nothing else has this name.
      totalBytes -= failed.bytes;
    }
    Files.deleteIfExists(file);
    appending = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
        StandardOpenOption.WRITE);
    try {
      ByteBuffer header = SegmentFile.header(Segment.RAW);
      while (header.hasRemaining()) {
        appending.write(header);
      }
    } catch (IOException e) {
      closeAppending();
      Files.deleteIfExists(file);
      throw e;
    }
    current = new Segment(file, firstSeq, firstSeq - 1, SegmentFile.HEADER, monoMs.getAsLong());
    segments.put(firstSeq, current);
    totalBytes += SegmentFile.HEADER;
    syncFolder();
  }

  private void closeAppending() {
    if (appending != null) {
      try {
        appending.force(true);
        appending.close();
      } catch (IOException e) {
        log.warn("outbox {}: closing {}: {}", dir, current, e.getMessage());
      }
      appending = null;
    }
  }

  private void syncFolder() {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // Folders cannot be opened for syncing on every platform; on Linux this makes creations and deletions durable.
    }
  }
}
