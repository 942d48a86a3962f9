package vn.farm.edge.outbox;

import java.util.List;
import java.util.function.LongPredicate;
import vn.farm.contract.Receipt;

/**
 * Knows where sending stands: which records have been handed to the sender since the last rewind, which were ever
 * handed over (only those can be confirmed or refused by a receipt), which the cloud has confirmed but the
 * acknowledged point has not yet passed, and where the backlog is read from next. Holds the {@link SeqIndex} of
 * the records not yet acknowledged. Not thread-safe: called only under the {@link Outbox}'s lock.
 */
final class SendCursor {
  private final SeqIndex index;
  private int sendFrom;

  /** Starts at the oldest record of {@code index}, with nothing sent. */
  SendCursor(SeqIndex index) {
    this.index = index;
  }

  /** Takes in a record just appended, starting at {@code offset} in its segment. */
  void add(long seq, long wallMs, long offset) {
    index.add(seq, wallMs, (int) offset);
  }

  /** Marks the sent records in {@code stored} confirmed; returns how many were not confirmed before. */
  int confirm(List<Receipt.SeqRange> stored) {
    int confirmed = 0;
    for (Receipt.SeqRange range : stored) {
      for (int i = index.ceiling(range.from()); i < index.size() && index.seq(i) <= range.to(); i++) {
        if (index.is(i, SeqIndex.SENT_EVER) && !index.is(i, SeqIndex.CONFIRMED)) {
          index.mark(i, SeqIndex.CONFIRMED);
          confirmed++;
        }
      }
    }
    return confirmed;
  }

  /** Returns the first row at or above {@code seq} (rows count from the oldest record held; size() when none). */
  int ceiling(long seq) {
    return index.ceiling(seq);
  }

  /** Returns how many records are held. */
  int size() {
    return index.size();
  }

  /** Returns the seq of row {@code i}. */
  long seq(int i) {
    return index.seq(i);
  }

  /** Returns where row {@code i} starts in its segment. */
  int offset(int i) {
    return index.offset(i);
  }

  /** Returns true when row {@code i} was handed to the sender at least once and is not confirmed. */
  boolean awaitingReceipt(int i) {
    return index.is(i, SeqIndex.SENT_EVER) && !index.is(i, SeqIndex.CONFIRMED);
  }

  /** Marks row {@code i} as done with: confirmed, or moved to the dead letters, or unreadable. */
  void settle(int i) {
    index.mark(i, SeqIndex.CONFIRMED);
  }

  /**
   * Removes the unbroken run of confirmed records at the front and returns the seq of the last one removed, or -1
   * when none was: the acknowledged point may move up to it.
   */
  long popConfirmed() {
    int before = index.size();
    long last = index.popConfirmed();
    sendFrom = Math.max(0, sendFrom - (before - index.size()));
    return last;
  }

  /**
   * Returns the row of the oldest record neither confirmed nor sent since the last rewind, marking it sent, or -1
   * when there is none.
   */
  int next() {
    while (sendFrom < index.size()) {
      int i = sendFrom++;
      if (index.is(i, (byte) (SeqIndex.CONFIRMED | SeqIndex.SENT))) {
        continue;
      }
      index.mark(i, (byte) (SeqIndex.SENT | SeqIndex.SENT_EVER));
      return i;
    }
    return -1;
  }

  /**
   * Marks {@code seq} sent, for a live record sent ahead of the backlog. Returns false when it need not be sent:
   * sent since the last rewind, or confirmed. A record not held is to be sent when it is above {@code acked}.
   */
  boolean sent(long seq, long acked) {
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

  /** Forgets what was sent since the agent last rewound, so every unconfirmed record goes out again. */
  void rewind() {
    index.clearSent();
    sendFrom = 0;
  }

  /** Returns how many records are not confirmed. */
  int depth() {
    return index.unconfirmed();
  }

  /** Returns the wall time (epoch ms) of the oldest unconfirmed record, or -1 when there is none. */
  long oldestWallMs() {
    for (int i = 0; i < index.size(); i++) {
      if (!index.is(i, SeqIndex.CONFIRMED)) {
        return index.wall(i);
      }
    }
    return -1;
  }

  /** Returns the seq of the oldest record when it is sent since the last rewind and unconfirmed, or -1. */
  long oldestSentUnconfirmed() {
    return index.size() > 0 && index.is(0, SeqIndex.SENT) && !index.is(0, SeqIndex.CONFIRMED) ? index.seq(0) : -1;
  }

  /** Returns how many records with seqs from {@code first} to {@code last} are not confirmed. */
  int unconfirmedBetween(long first, long last) {
    int count = 0;
    for (int i = index.ceiling(first); i < index.size() && index.seq(i) <= last; i++) {
      if (!index.is(i, SeqIndex.CONFIRMED)) {
        count++;
      }
    }
    return count;
  }

  /**
   * Keeps only the records {@code keep} accepts, moving their offsets with {@code relocation}, and reads the
   * backlog from the front again, since rows have moved.
   */
  void retain(LongPredicate keep, SeqIndex.Relocation relocation) {
    index.retain(keep, relocation);
    sendFrom = 0;
  }
}
