package vn.farm.edge.outbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.farm.contract.Event;
import vn.farm.contract.Receipt;
import vn.farm.contract.Severity;

/**
 * The disk outbox of {@code docs/outbox.md}: every telemetry and event record is appended and fsynced here before it is
 * sent, and leaves only when a receipt says the cloud database holds it. Segments of checksummed records; a torn tail
 * is cut on open; the acknowledged point is replaced atomically; within its disk budget it thins the oldest readings
 * before it drops anything; records the cloud refuses for good go to the {@link DeadLetters}. Thread-safe: appends
 * (sampling), sends (the drain) and receipts (the MQTT thread) meet under one lock, and none of them holds it across
 * network I/O.
 *
 * <p>This class is the façade that takes the lock and reports; the jobs are its parts, each called only under this
 * lock: the {@link SegmentLog} (append, roll, read back), the {@link DiskBudget} (thin, then drop), the {@link
 * SendCursor} (what is handed to the sender and not yet acknowledged) and the {@link AckedPoint} (what the cloud
 * confirmed, persisted). It stays a little over 300 lines because a rejection reads records back, writes the dead
 * letters and settles the cursor in one step under the lock, and that order belongs in one place.
 */
public final class Outbox implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Outbox.class);

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
  private final Listener listener;
  private final DeadLetters deadLetters;
  private final List<Notice> notices = new ArrayList<>();
  private final SegmentLog segments;
  private final SendCursor cursor;
  private final AckedPoint acked;
  private final DiskBudget budget;
  private boolean closed;

  private Outbox(Path dir, Limits limits, Listener listener, LongSupplier monoMs, Recovery.Result found)
      throws IOException {
    this.dir = dir;
    this.listener = listener;
    this.deadLetters = new DeadLetters(dir.resolveSibling(DeadLetters.FOLDER));
    this.notices.addAll(found.notices());
    this.segments = new SegmentLog(dir, limits, monoMs, found);
    this.cursor = new SendCursor(found.index());
    this.acked = new AckedPoint(dir, found.acked());
    this.budget = new DiskBudget(limits.budgetBytes(), segments, cursor, acked, notices);
    log.info("outbox {}: {} segments, {} bytes, {} records to send, acknowledged up to seq {}", dir,
        segments.count(), segments.bytes(), cursor.size(), found.acked());
  }

  /**
   * Opens the outbox in {@code dir}, creating it when missing: reads the acknowledged point, deletes acknowledged
   * segments, cuts a torn or corrupt tail (reported as an {@code outbox.truncated} notice) and indexes what is
   * left to send. {@code monoMs} is the monotonic clock that ages segments.
   */
  public static Outbox open(Path dir, Limits limits, Listener listener, LongSupplier monoMs) {
    Outbox outbox;
    try {
      Files.createDirectories(dir);
      outbox = new Outbox(dir, limits, listener, monoMs, Recovery.run(dir, monoMs.getAsLong()));
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
        segments.append(records, cursor::add);
        budget.keep();
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
    int confirmed = cursor.confirm(stored);
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
          for (int i = cursor.ceiling(r.from()); i < cursor.size() && cursor.seq(i) <= r.to(); i++) {
            if (!cursor.awaitingReceipt(i)) {
              continue;
            }
            OutboxRecord record = segments.read(segments.segmentOf(cursor.seq(i)), cursor.offset(i));
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
          notices.add(new Notice(Event.OUTBOX_ERROR, "seqs " + r.from() + ".." + r.to() + " the cloud refused cannot "
              + "be moved to the dead letters (" + e.getMessage() + ") and are kept"));
          continue;
        }
        for (int i : rows) {
          cursor.settle(i);
        }
        moved += rows.size();
        if (!rows.isEmpty() && !onlyNotices) {
          notices.add(new Notice(Event.OUTBOX_REJECTED, "the cloud will never store seqs " + r.from() + ".." + r.to()
              + " (" + r.reason() + (r.detail() == null ? "" : ": " + r.detail()) + "): " + rows.size()
              + " records moved to " + deadLetters.dir().resolve(DeadLetters.CURRENT) + " and not sent again"));
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
    acked.moveTo(cursor.popConfirmed());
  }

  /**
   * Makes the acknowledged point durable and deletes closed segments that hold nothing unacknowledged. Call it
   * now and then (the drain does, about once a second), not on every receipt: a point that lags only means a few
   * records are sent again after a crash, and the cloud stores them once.
   */
  public void flush() {
    synchronized (this) {
      if (!acked.dirty() || closed) {
        return;
      }
      try {
        acked.save();
        segments.deleteAcknowledged(acked.get());
      } catch (IOException e) {
        notices.add(new Notice(Event.OUTBOX_ERROR, "cannot record the acknowledged point: " + e.getMessage()));
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
    for (int i = cursor.next(); i >= 0; i = cursor.next()) {
      long seq = cursor.seq(i);
      Segment segment = segments.segmentOf(seq);
      try {
        return segments.read(segment, cursor.offset(i));
      } catch (IOException e) {
        log.error("outbox {}: record {} in {} cannot be read ({}); skipped", dir, seq, segment, e.getMessage());
        notices.add(new Notice(Event.OUTBOX_CORRUPT, "record " + seq + " in " + segment.path.getFileName()
            + " cannot be read (" + e.getMessage() + ") and is skipped"));
        cursor.settle(i);
      }
    }
    return null;
  }

  /**
   * Marks {@code seq} as sent, for a live record the drain sends from memory ahead of the backlog. Returns false
   * when there is no need to send it: already sent since the last rewind, or confirmed. A record the outbox does not
   * hold (the disk refused it) is to be sent.
   */
  public synchronized boolean sent(long seq) {
    return cursor.sent(seq, acked.get());
  }

  /** Forgets what was sent, so every unconfirmed record goes out again (after a reconnect or a receipt timeout). */
  public synchronized void rewind() {
    cursor.rewind();
  }

  /** Returns how many records the cloud has not yet confirmed. */
  public synchronized int depth() {
    return cursor.depth();
  }

  /** Returns the wall time (epoch ms) of the oldest unconfirmed record, or -1 when there is none. */
  public synchronized long oldestWallMs() {
    return cursor.oldestWallMs();
  }

  /**
   * Returns the seq of the oldest unconfirmed record when it has been sent since the last rewind, or -1 (none, or
   * not sent yet). A sent oldest record that stays unconfirmed means its receipt, or the record itself, was lost.
   */
  public synchronized long oldestSentUnconfirmed() {
    return cursor.oldestSentUnconfirmed();
  }

  /** Returns the highest seq below which every record is confirmed. */
  public synchronized long acked() {
    return acked.get();
  }

  /** Returns the bytes of all segments on disk. */
  public synchronized long bytes() {
    return segments.bytes();
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
      segments.close();
    }
  }

  private void tell() {
    List<Notice> pending;
    synchronized (this) {
      if (notices.isEmpty()) {
        return;
      }
      pending = new ArrayList<>(notices);
      notices.clear();
    }
    for (Notice n : pending) {
      log.warn("outbox {}: {}", dir, n.message());
      listener.notice(n.type(), n.severity(), n.message());
    }
  }
}
