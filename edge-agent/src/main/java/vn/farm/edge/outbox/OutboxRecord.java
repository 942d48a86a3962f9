package vn.farm.edge.outbox;

/**
 * One message in the outbox: the exact bytes to publish and what the outbox needs to know about them without
 * decoding them. {@code kind} is {@link #TELEMETRY} or {@link #EVENT}; {@code flags} holds {@link #UNSYNCED} and
 * {@link #THINNED}; {@code monoMs} is the agent's monotonic clock since its boot; {@code wallMs} the wall clock
 * (epoch milliseconds) when the record was made.
 */
public record OutboxRecord(long seq, int kind, int flags, long monoMs, long wallMs, byte[] payload) {
  public static final int TELEMETRY = 1;
  public static final int EVENT = 2;
  /** The wall clock was not synchronised when the record was made. */
  public static final int UNSYNCED = 1;
  /** Kept by thinning: records around it were removed to save space. */
  public static final int THINNED = 2;

  public OutboxRecord {
    if (kind != TELEMETRY && kind != EVENT) {
      throw new IllegalArgumentException("record kind " + kind + " is neither telemetry (1) nor event (2)");
    }
    if (seq < 0) {
      throw new IllegalArgumentException("seq " + seq + " is negative");
    }
  }

  /** Returns true for an event, which thinning never removes. */
  public boolean isEvent() {
    return kind == EVENT;
  }

  /** Returns this record with {@code flag} set. */
  OutboxRecord with(int flag) {
    return new OutboxRecord(seq, kind, flags | flag, monoMs, wallMs, payload);
  }
}
