package vn.farm.contract;

import java.util.List;

/**
 * Tells a device which of its telemetry and event {@code seq}s the cloud database holds durably, as inclusive
 * ranges, and which it will never store ({@code rejected}, null when there are none). A seq stored earlier and
 * delivered again is confirmed again, so a lost receipt is made good by the device's next resend. Not cumulative:
 * the device's backlog and its live messages overtake each other, and seqs have gaps, so only the device knows which
 * of its seqs exist.
 */
public record Receipt(List<SeqRange> stored, List<Rejection> rejected) implements Message {
  public Receipt {
    stored = List.copyOf(stored);
    rejected = rejected == null || rejected.isEmpty() ? null : List.copyOf(rejected);
  }

  /** A receipt of stored seqs only. */
  public Receipt(List<SeqRange> stored) {
    this(stored, null);
  }

  /** Returns a receipt for the single seq {@code seq}. */
  public static Receipt of(long seq) {
    return new Receipt(List.of(new SeqRange(seq, seq)));
  }

  /** Returns the rejected ranges, empty when there are none. */
  public List<Rejection> rejections() {
    return rejected == null ? List.of() : rejected;
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

  /**
   * Seqs {@code from} to {@code to} that the cloud will never store, for {@code reason} (an id: {@value #CONTRACT}
   * or {@value #UNSTORABLE} today; a device treats one it does not know the same way), with {@code detail} for
   * people (at most 500 characters, or null). The device stops sending them.
   */
  public record Rejection(long from, long to, String reason, String detail) {
    /** The message breaks the contract (docs/protocol.md): its JSON, a field, or its device. */
    public static final String CONTRACT = "contract";
    /** The message keeps the contract, but the database refused what it holds. */
    public static final String UNSTORABLE = "unstorable";

    public Rejection {
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
