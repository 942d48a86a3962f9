package vn.farm.edge.outbox;

import java.util.Arrays;

/**
 * The outbox's in-memory index of the records not yet acknowledged, in seq order: for each its seq, wall time, byte
 * offset in its segment and three marks: confirmed (a receipt named it), sent (handed to the link since the last
 * rewind) and sent ever (handed to the link at least once since the agent started, which a rewind keeps). Primitive
 * arrays, about 21 bytes a record, so a full 256 MiB outbox costs a few megabytes of heap. Not thread-safe: the {@link
 * Outbox} guards it.
 */
final class SeqIndex {
  static final byte CONFIRMED = 1;
  static final byte SENT = 2;
  /** Only a record sent at least once can be confirmed or rejected: a receipt cannot name what was never sent. */
  static final byte SENT_EVER = 4;

  private long[] seqs = new long[1024];
  private long[] walls = new long[1024];
  private int[] offsets = new int[1024];
  private byte[] marks = new byte[1024];
  private int head;
  private int tail;
  private int confirmedCount;

  int size() {
    return tail - head;
  }

  /** Records not yet confirmed. */
  int unconfirmed() {
    return size() - confirmedCount;
  }

  void add(long seq, long wallMs, int offset) {
    if (tail > head && seqs[tail - 1] >= seq) {
      throw new IllegalStateException("seq " + seq + " does not follow " + seqs[tail - 1]);
    }
    if (tail == seqs.length) {
      grow();
    }
    seqs[tail] = seq;
    walls[tail] = wallMs;
    offsets[tail] = offset;
    marks[tail] = 0;
    tail++;
  }

  /** Index (0 = oldest) of {@code seq}, or a negative number when it is not held. */
  int find(long seq) {
    int i = Arrays.binarySearch(seqs, head, tail, seq);
    return i >= 0 ? i - head : -1;
  }

  /** Index of the first record with a seq at or above {@code seq} (size() when none). */
  int ceiling(long seq) {
    int i = Arrays.binarySearch(seqs, head, tail, seq);
    return (i >= 0 ? i : -i - 1) - head;
  }

  long seq(int i) {
    return seqs[head + i];
  }

  long wall(int i) {
    return walls[head + i];
  }

  int offset(int i) {
    return offsets[head + i];
  }

  boolean is(int i, byte mark) {
    return (marks[head + i] & mark) != 0;
  }

  void mark(int i, byte mark) {
    if (mark == CONFIRMED && !is(i, CONFIRMED)) {
      confirmedCount++;
    }
    marks[head + i] |= mark;
  }

  /** Clears the sent mark of every record, so unconfirmed ones are sent again. */
  void clearSent() {
    for (int i = head; i < tail; i++) {
      marks[i] &= ~SENT;
    }
  }

  /** Removes confirmed records from the front; returns the seq of the last removed, or -1 when none was. */
  long popConfirmed() {
    long last = -1;
    while (head < tail && (marks[head] & CONFIRMED) != 0) {
      last = seqs[head];
      head++;
      confirmedCount--;
    }
    if (head == tail) {
      head = 0;
      tail = 0;
    }
    return last;
  }

  /** Gives a kept record's new offset from its seq and old offset. */
  interface Relocation {
    int offset(long seq, int oldOffset);
  }

  /** Keeps only the records {@code keep} accepts, moving their offsets with {@code relocation}. */
  void retain(java.util.function.LongPredicate keep, Relocation relocation) {
    int w = head;
    for (int r = head; r < tail; r++) {
      if (keep.test(seqs[r])) {
        seqs[w] = seqs[r];
        walls[w] = walls[r];
        offsets[w] = relocation.offset(seqs[r], offsets[r]);
        marks[w] = marks[r];
        w++;
      } else if ((marks[r] & CONFIRMED) != 0) {
        confirmedCount--;
      }
    }
    tail = w;
  }

  private void grow() {
    if (head > 0 && head >= seqs.length / 2) {
      int n = size();
      System.arraycopy(seqs, head, seqs, 0, n);
      System.arraycopy(walls, head, walls, 0, n);
      System.arraycopy(offsets, head, offsets, 0, n);
      System.arraycopy(marks, head, marks, 0, n);
      head = 0;
      tail = n;
      return;
    }
    int capacity = seqs.length * 2;
    seqs = Arrays.copyOf(seqs, capacity);
    walls = Arrays.copyOf(walls, capacity);
    offsets = Arrays.copyOf(offsets, capacity);
    marks = Arrays.copyOf(marks, capacity);
  }
}
