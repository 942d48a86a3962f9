package vn.farm.edge.time;

import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells whether the board's wall clock can be trusted, for a board without a real-time clock. It cannot while the
 * system has not synchronised it (when a flag file is configured: systemd-timesyncd creates
 * {@code /run/systemd/timesync/synchronized} on its first synchronisation), and it cannot for the moment it jumps:
 * a wall clock that moves more than {@link #JUMP_MS} against the monotonic clock between two looks. Also gives
 * the monotonic milliseconds since the agent started, which the cloud uses to place readings of an untrusted
 * clock. Thread-safe.
 */
public final class ClockWatch {
  private static final Logger log = LoggerFactory.getLogger(ClockWatch.class);
  /** A wall clock step larger than this against the monotonic clock is a jump. */
  public static final long JUMP_MS = 2_000;

  /** What one look at the clock found. */
  public record Look(long monoMs, long wallMs, boolean unsynced, long jumpMs) {}

  private final TimeSource time;
  private final Path syncedFlag;
  private final long startNanos;
  private long lastOffsetMs = Long.MIN_VALUE;
  private boolean wasSynced = true;

  /** Watches {@code time}; {@code syncedFlag} is the file whose presence means synchronised, or null to trust. */
  public ClockWatch(TimeSource time, Path syncedFlag) {
    this.time = time;
    this.syncedFlag = syncedFlag;
    this.startNanos = time.monotonicNanos();
  }

  /** Returns the monotonic milliseconds since this watch was made. */
  public long monoMs() {
    return (time.monotonicNanos() - startNanos) / 1_000_000;
  }

  /** Looks at the clock now: the monotonic and wall times, and whether the wall time is to be trusted. */
  public synchronized Look look() {
    long mono = monoMs();
    long wall = time.now().toEpochMilli();
    long offset = wall - mono;
    long jump = lastOffsetMs == Long.MIN_VALUE ? 0 : offset - lastOffsetMs;
    lastOffsetMs = offset;
    boolean synced = syncedFlag == null || Files.exists(syncedFlag);
    if (synced != wasSynced) {
      log.info("wall clock {}", synced ? "synchronised" : "not synchronised (" + syncedFlag + " absent)");
      wasSynced = synced;
    }
    boolean jumped = Math.abs(jump) > JUMP_MS;
    if (jumped) {
      log.warn("wall clock jumped by {} ms against the monotonic clock", jump);
    }
    return new Look(mono, wall, !synced || jumped, jumped ? jump : 0);
  }
}
