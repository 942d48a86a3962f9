package vn.farm.contract;

import java.util.List;

/**
 * Tells a device which of its telemetry and event {@code seq}s the cloud database holds durably, as inclusive
 * ranges. A seq stored earlier and delivered again is confirmed again, so a lost receipt is made good by the
 * device's next resend. Not cumulative: the device's backlog and its live messages overtake each other, and seqs
 * have gaps, so only the device knows which of its seqs exist.
 */
public record Receipt(List<SeqRange> stored) {
  public Receipt {
    stored = List.copyOf(stored);
  }

  /** Returns a receipt for the single seq {@code seq}. */
  public static Receipt of(long seq) {
    return new Receipt(List.of(new SeqRange(seq, seq)));
  }

  /** Seqs {@code from} to {@code to}, both included. */
  public record SeqRange(long from, long to) {
    public SeqRange {
      if (from > to) {
        throw new IllegalArgumentException("seq range " + from + ".." + to + " is empty");
      }
    }

    /** Returns true when {@code seq} lies in this range. */
    public boolean contains(long seq) {
      return seq >= from && seq <= to;
    }
  }
}
