package vn.farm.edge.outbox;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import vn.farm.contract.Event;

/**
 * Keeps the outbox within its disk budget ({@code docs/outbox.md}, "Budget when the disk fills"): above 90 % of it,
 * thins the oldest closed segment of the lowest level (see {@link Thinning}), and only when every closed segment
 * holds events only and the outbox is still over budget drops the oldest segment, saying what the cloud never got.
 * Not thread-safe: called only under the {@link Outbox}'s lock.
 */
final class DiskBudget {
  private final long budgetBytes;
  private final SegmentLog log;
  private final SendCursor cursor;
  private final AckedPoint acked;
  private final List<Notice> notices;

  /** Keeps {@code log} within {@code budgetBytes}; what it thins or drops is added to {@code notices}. */
  DiskBudget(long budgetBytes, SegmentLog log, SendCursor cursor, AckedPoint acked, List<Notice> notices) {
    this.budgetBytes = budgetBytes;
    this.log = log;
    this.cursor = cursor;
    this.acked = acked;
    this.notices = notices;
  }

  /** Thins, then drops, until the outbox is back within its budget or nothing more can go. */
  void keep() throws IOException {
    long high = budgetBytes * 9 / 10;
    while (log.bytes() > high) {
      Segment current = log.current();
      Segment target = null;
      for (Segment s : log.segments()) {
        if (s != current && s.level < Segment.EVENTS_ONLY && (target == null || s.level < target.level)) {
          target = s;
        }
      }
      if (target != null) {
        Thinning.thin(this, target);
        continue;
      }
      if (log.bytes() <= budgetBytes) {
        return;
      }
      Segment oldest = log.oldest();
      if (oldest == current) {
        return;
      }
      drop(oldest);
    }
  }

  /** Returns the acknowledged point: thinning leaves out what is at or below it. */
  long acked() {
    return acked.get();
  }

  /** Takes note that {@code s}'s file was replaced by a thinned copy holding {@code kept}; called by {@link Thinning}. */
  void replaced(Segment s, int level, Map<Long, Integer> kept, long bytes, int removed) {
    log.replaced(s, level, bytes);
    cursor.retain(seq -> seq < s.firstSeq || seq > s.lastSeq || kept.containsKey(seq),
        (seq, old) -> seq < s.firstSeq || seq > s.lastSeq ? old : kept.get(seq));
    if (removed == 0) {
      return;
    }
    String what = switch (level) {
      case 1 -> "one reading a minute";
      case 2 -> "one reading in ten minutes";
      default -> "events only";
    };
    notices.add(new Notice(Event.OUTBOX_THINNED, "the outbox is near its budget of " + budgetBytes
        + " bytes: seqs " + s.firstSeq + ".." + s.lastSeq + " thinned to " + what + " (" + removed
        + " telemetry records removed, events kept)"));
  }

  private void drop(Segment s) throws IOException {
    int lost = cursor.unconfirmedBetween(s.firstSeq, s.lastSeq);
    cursor.retain(seq -> seq < s.firstSeq || seq > s.lastSeq, (seq, old) -> old);
    log.delete(s);
    notices.add(new Notice(Event.OUTBOX_DROPPED, "the outbox is over its budget of " + budgetBytes
        + " bytes with everything thinned: dropped seqs " + s.firstSeq + ".." + s.lastSeq + " (" + lost
        + " records the cloud never confirmed)"));
  }
}
