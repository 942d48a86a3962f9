package vn.farm.edge.outbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.farm.contract.Receipt;
import vn.farm.contract.Severity;
import vn.farm.edge.store.AtomicFile;

/**
 * The disk outbox of {@code docs/outbox.md}: every telemetry and event record is appended and fsynced here before it is
 * sent, and leaves only when a receipt says the cloud database holds it. Segments of checksummed records; a torn tail
 * is cut on open; the acknowledged point is replaced atomically; within its disk budget it thins the oldest readings
 * before it drops anything; records the cloud refuses for good go to the {@link DeadLetters}. Thread-safe: appends
 * (sampling), sends (the drain) and receipts (the MQTT thread) meet under one lock, and none of them holds it across
 * network I/O.
 */
public final class Outbox implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Outbox.class);
  static final String ACKED = "acked";

  /** Sizes the outbox keeps to. */
  public record Limits(long budgetBytes, long segmentBytes, long segmentMs) {
    /** 256 MiB, about 30 days of 10 s samples of the reference board; 4 MiB or one hour a segment. */
    public static final Limits DEFAULT = new Limits(256L << 20, 4L << 20, 3_600_000L);

    public Limits {
      if (segmentBytes < 1024 || budgetBytes < 4 * segmentBytes) {
        throw new IllegalArgumentException("outbox budget " + budgetBytes + " B must hold at least four segments of "
            + segmentBytes + " B (at least 1 KiB each)");
      }
    }
  }

  /** Hears what the outbox did on its own: a cut tail, thinning, a drop. Called without the outbox's lock. */
  public interface Listener {
    void notice(String type, Severity severity, String message);
  }

  private final Path dir;
  private final Limits limits;
  private final Listener listener;
  private final LongSupplier monoMs;
  private final DeadLetters deadLetters;
  private TreeMap<Long, Segment> segments = new TreeMap<>();
  private SeqIndex index = new SeqIndex();
  private final List<String[]> notices = new ArrayList<>();
  private FileChannel appending;
  private FileChannel reading;
  private Segment readingSegment;
  private Segment current;
  private long acked;
  private boolean ackedDirty;
  private long totalBytes;
  private int sendFrom;
  private boolean closed;

  private Outbox(Path dir, Limits limits, Listener listener, LongSupplier monoMs) {
    this.dir = dir;
    this.limits = limits;
    this.listener = listener;
    this.monoMs = monoMs;
    this.deadLetters = new DeadLetters(dir.resolveSibling(DeadLetters.FOLDER));
  }

  /**
   * Opens the outbox in {@code dir}, creating it when missing: reads the acknowledged point, deletes acknowledged
   * segments, cuts a torn or corrupt tail (reported as an {@code outbox.truncated} notice) and indexes what is
   * left to send. {@code monoMs} is the monotonic clock that ages segments.
   */
  public static Outbox open(Path dir, Limits limits, Listener listener, LongSupplier monoMs) {
    Outbox outbox = new Outbox(dir, limits, listener, monoMs);
    try {
      Files.createDirectories(dir);
      outbox.recover();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the outbox in " + dir + ": " + e.getMessage(), e);
    }
    outbox.tell();
    return outbox;
  }

  /**
   * Appends {@code records} (seqs increasing, above everything appended before) with one write and one fsync, then
   * keeps the budget. When this returns the records survive a power cut.
   */
  public void append(List<OutboxRecord> records) {
    if (records.isEmpty()) {
      return;
    }
    synchronized (this) {
      if (closed) {
        throw new IllegalStateException("outbox " + dir + " is closed");
      }
      try {
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
          index.add(r.seq(), r.wallMs(), (int) offset);
          offset += SegmentFile.size(r);
        }
        totalBytes += offset - current.bytes;
        current.bytes = offset;
        current.lastSeq = records.get(records.size() - 1).seq();
        keepBudget();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot append to the outbox in " + dir + ": " + e.getMessage(), e);
      }
    }
    tell();
  }

  /**
   * Marks the seqs a receipt names as stored in the cloud; returns how many records that confirmed. Only records
   * sent since the agent started are confirmed: a receipt naming seqs never sent (forged, or meant for an outbox
   * that was lost) moves nothing, and the records it names go out and are confirmed in their turn.
   */
  public synchronized int confirm(List<Receipt.SeqRange> stored) {
    int confirmed = 0;
    for (Receipt.SeqRange range : stored) {
      for (int i = index.ceiling(range.from()); i < index.size() && index.seq(i) <= range.to(); i++) {
        if (index.is(i, SeqIndex.SENT_EVER) && !index.is(i, SeqIndex.CONFIRMED)) {
          index.mark(i, SeqIndex.CONFIRMED);
          confirmed++;
        }
      }
    }
    moveAckedPoint();
    return confirmed;
  }

  /**
   * Moves the sent records that a receipt says the cloud will never store into the dead letters, fsynced there before
   * they leave the outbox, so they are never sent again; returns how many moved. A record that cannot be read or
   * written there stays in the outbox and is sent again. Reported as an {@code outbox.rejected} notice, except when
   * every record moved was itself such a notice (no notice about notices, whatever a cloud answers).
   */
  public int reject(List<Receipt.Rejection> rejections) {
    int moved = 0;
    synchronized (this) {
      if (closed) {
        return 0;
      }
      for (Receipt.Rejection r : rejections) {
        List<Integer> rows = new ArrayList<>();
        List<DeadLetters.Letter> letters = new ArrayList<>();
        boolean onlyNotices = true;
        long now = System.currentTimeMillis();
        try {
          for (int i = index.ceiling(r.from()); i < index.size() && index.seq(i) <= r.to(); i++) {
            if (!index.is(i, SeqIndex.SENT_EVER) || index.is(i, SeqIndex.CONFIRMED)) {
              continue;
            }
            OutboxRecord record = SegmentFile.readAt(channelFor(segments.floorEntry(index.seq(i)).getValue()),
                index.offset(i));
            String payload = new String(record.payload(), StandardCharsets.UTF_8);
            onlyNotices &= record.isEvent() && payload.contains(REJECTED_NOTICE);
            letters.add(new DeadLetters.Letter(java.time.Instant.ofEpochMilli(now), record.seq(),
                record.isEvent() ? "event" : "telemetry", r.reason(), r.detail(), payload));
            rows.add(i);
          }
          deadLetters.write(letters);
        } catch (IOException e) {
          log.error("outbox {}: seqs {}..{} the cloud refused cannot be moved to the dead letters ({}); they stay",
              dir, r.from(), r.to(), e.getMessage());
          notices.add(new String[] {"outbox.error", "seqs " + r.from() + ".." + r.to() + " the cloud refused cannot "
              + "be moved to the dead letters (" + e.getMessage() + ") and are kept"});
          continue;
        }
        for (int i : rows) {
          index.mark(i, SeqIndex.CONFIRMED);
        }
        moved += rows.size();
        if (!rows.isEmpty() && !onlyNotices) {
          notices.add(new String[] {"outbox.rejected", "the cloud will never store seqs " + r.from() + ".." + r.to()
              + " (" + r.reason() + (r.detail() == null ? "" : ": " + r.detail()) + "): " + rows.size()
              + " records moved to " + deadLetters.dir().resolve(DeadLetters.CURRENT) + " and not sent again"});
        }
      }
      moveAckedPoint();
    }
    tell();
    return moved;
  }

  /** The type of the notice that reports rejected records, as it appears in an event's JSON. */
  private static final String REJECTED_NOTICE = "\"type\":\"outbox.rejected\"";

  /** Returns where the records the cloud refused are kept. */
  public DeadLetters deadLetters() {
    return deadLetters;
  }

  /** Moves the acknowledged point over the confirmed records at the front. Holds the lock. */
  private void moveAckedPoint() {
    int before = index.size();
    long last = index.popConfirmed();
    if (last > acked) {
      acked = last;
      ackedDirty = true;
    }
    sendFrom = Math.max(0, sendFrom - (before - index.size()));
  }

  /**
   * Makes the acknowledged point durable and deletes closed segments that hold nothing unacknowledged. Call it
   * now and then (the drain does, about once a second), not on every receipt: a point that lags only means a few
   * records are sent again after a crash, and the cloud stores them once.
   */
  public void flush() {
    synchronized (this) {
      if (!ackedDirty || closed) {
        return;
      }
      try {
        AtomicFile.write(dir.resolve(ACKED), (acked + "\n").getBytes(StandardCharsets.US_ASCII));
        ackedDirty = false;
        for (Segment s : new ArrayList<>(segments.values())) {
          if (s != current && s.lastSeq <= acked) {
            delete(s);
          }
        }
      } catch (IOException e) {
        notices.add(new String[] {"outbox.error", "cannot record the acknowledged point: " + e.getMessage()});
        log.error("outbox {}: cannot record the acknowledged point", dir, e);
      }
    }
    tell();
  }

  /**
   * Returns the oldest record that is neither confirmed nor sent since the last {@link #rewind()}, marking it
   * sent, or null when there is none. Reads it from disk; a record that fails its checksum there is reported and
   * skipped.
   */
  public synchronized OutboxRecord nextToSend() {
    while (sendFrom < index.size()) {
      int i = sendFrom++;
      if (index.is(i, (byte) (SeqIndex.CONFIRMED | SeqIndex.SENT))) {
        continue;
      }
      index.mark(i, (byte) (SeqIndex.SENT | SeqIndex.SENT_EVER));
      long seq = index.seq(i);
      Segment segment = segments.floorEntry(seq).getValue();
      try {
        return SegmentFile.readAt(channelFor(segment), index.offset(i));
      } catch (IOException e) {
        log.error("outbox {}: record {} in {} cannot be read ({}); skipped", dir, seq, segment, e.getMessage());
        notices.add(new String[] {"outbox.corrupt", "record " + seq + " in " + segment.path.getFileName()
            + " cannot be read (" + e.getMessage() + ") and is skipped"});
        index.mark(i, SeqIndex.CONFIRMED);
      }
    }
    return null;
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

  /**
   * Marks {@code seq} as sent, for a live record the drain sends from memory ahead of the backlog. Returns false
   * when there is no need to send it: already sent since the last rewind, or confirmed. A record the outbox does not
   * hold (the disk refused it) is to be sent.
   */
  public synchronized boolean sent(long seq) {
    int i = index.find(seq);
    if (i < 0) {
      return seq > acked;
    }
    if (index.is(i, (byte) (SeqIndex.SENT | SeqIndex.CONFIRMED))) {
      return false;
    }
    index.mark(i, (byte) (SeqIndex.SENT | SeqIndex.SENT_EVER));
    return true;
  }

  /** Forgets what was sent, so every unconfirmed record goes out again (after a reconnect or a receipt timeout). */
  public synchronized void rewind() {
    index.clearSent();
    sendFrom = 0;
  }

  /** Returns how many records the cloud has not yet confirmed. */
  public synchronized int depth() {
    return index.unconfirmed();
  }

  /** Returns the wall time (epoch ms) of the oldest unconfirmed record, or -1 when there is none. */
  public synchronized long oldestWallMs() {
    for (int i = 0; i < index.size(); i++) {
      if (!index.is(i, SeqIndex.CONFIRMED)) {
        return index.wall(i);
      }
    }
    return -1;
  }

  /**
   * Returns the seq of the oldest unconfirmed record when it has been sent since the last rewind, or -1 (none, or
   * not sent yet). A sent oldest record that stays unconfirmed means its receipt, or the record itself, was lost.
   */
  public synchronized long oldestSentUnconfirmed() {
    return index.size() > 0 && index.is(0, SeqIndex.SENT) && !index.is(0, SeqIndex.CONFIRMED) ? index.seq(0) : -1;
  }

  /** Returns the highest seq below which every record is confirmed. */
  public synchronized long acked() {
    return acked;
  }

  /** Returns the bytes of all segments on disk. */
  public synchronized long bytes() {
    return totalBytes;
  }

  /** Flushes the acknowledged point and closes the segment being appended to. Idempotent. */
  @Override
  public void close() {
    flush();
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      closeReading();
      closeAppending();
    }
  }

  private void recover() throws IOException {
    Recovery.Result found = Recovery.run(dir, monoMs.getAsLong());
    acked = found.acked();
    segments = found.segments();
    index = found.index();
    totalBytes = found.totalBytes();
    notices.addAll(found.notices());
    if (found.newest() != null) {
      current = found.newest();
      appending = FileChannel.open(current.path, StandardOpenOption.READ, StandardOpenOption.WRITE);
      appending.position(current.bytes);
    }
    log.info("outbox {}: {} segments, {} bytes, {} records to send, acknowledged up to seq {}", dir,
        segments.size(), totalBytes, index.size(), acked);
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

  private void keepBudget() throws IOException {
    long high = limits.budgetBytes() * 9 / 10;
    while (totalBytes > high) {
      Segment target = null;
      for (Segment s : segments.values()) {
        if (s != current && s.level < Segment.EVENTS_ONLY && (target == null || s.level < target.level)) {
          target = s;
        }
      }
      if (target != null) {
        Thinning.thin(this, target);
        continue;
      }
      if (totalBytes <= limits.budgetBytes()) {
        return;
      }
      Segment oldest = segments.firstEntry().getValue();
      if (oldest == current) {
        return;
      }
      drop(oldest);
    }
  }

  private void drop(Segment s) throws IOException {
    int lost = 0;
    for (int i = index.ceiling(s.firstSeq); i < index.size() && index.seq(i) <= s.lastSeq; i++) {
      if (!index.is(i, SeqIndex.CONFIRMED)) {
        lost++;
      }
    }
    index.retain(seq -> seq < s.firstSeq || seq > s.lastSeq, (seq, old) -> old);
    sendFrom = 0;
    delete(s);
    notices.add(new String[] {"outbox.dropped", "the outbox is over its budget of " + limits.budgetBytes()
        + " bytes with everything thinned: dropped seqs " + s.firstSeq + ".." + s.lastSeq + " (" + lost
        + " records the cloud never confirmed)"});
  }

  /** Replaces {@code s}'s file by a thinned copy holding {@code kept}; called by {@link Thinning}. */
  void replaced(Segment s, int level, Map<Long, Integer> kept, long bytes, int removed) throws IOException {
    closeReading();
    syncFolder();
    totalBytes += bytes - s.bytes;
    s.bytes = bytes;
    s.level = level;
    index.retain(seq -> seq < s.firstSeq || seq > s.lastSeq || kept.containsKey(seq),
        (seq, old) -> seq < s.firstSeq || seq > s.lastSeq ? old : kept.get(seq));
    sendFrom = 0;
    if (removed == 0) {
      return;
    }
    String what = switch (level) {
      case 1 -> "one reading a minute";
      case 2 -> "one reading in ten minutes";
      default -> "events only";
    };
    notices.add(new String[] {"outbox.thinned", "the outbox is near its budget of " + limits.budgetBytes()
        + " bytes: seqs " + s.firstSeq + ".." + s.lastSeq + " thinned to " + what + " (" + removed
        + " telemetry records removed, events kept)"});
  }


  private void delete(Segment s) throws IOException {
    closeReading();
    segments.remove(s.firstSeq);
    totalBytes -= s.bytes;
    Files.deleteIfExists(s.path);
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

  private void tell() {
    List<String[]> pending;
    synchronized (this) {
      if (notices.isEmpty()) {
        return;
      }
      pending = new ArrayList<>(notices);
      notices.clear();
    }
    for (String[] n : pending) {
      Severity severity = switch (n[0]) {
        case "outbox.dropped", "outbox.error" -> Severity.CRITICAL;
        default -> Severity.WARNING;
      };
      log.warn("outbox {}: {}", dir, n[1]);
      listener.notice(n[0], severity, n[1]);
    }
  }
}
