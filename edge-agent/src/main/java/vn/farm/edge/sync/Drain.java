package vn.farm.edge.sync;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.farm.contract.Channel;
import vn.farm.contract.Receipt;
import vn.farm.edge.outbox.Outbox;
import vn.farm.edge.outbox.OutboxRecord;
import vn.farm.edge.time.Backoff;

/**
 * Sends the outbox to the cloud on a thread of its own, as {@code docs/outbox.md} says: live records first, from
 * memory, then the backlog in seq order from disk, with at most {@link #WINDOW} messages in flight, and an optional
 * cap on backlog messages a second. Receipts confirm records in the outbox; when the link drops, or the oldest
 * unconfirmed record was sent and has stayed unconfirmed for a while (lost on the way, or its receipt lost: a broker
 * that restarted without its sessions, say), every unconfirmed record is sent again (after 60 s, doubling to 15
 * minutes while the same record stays stuck). Live records being confirmed does not count as progress: only the
 * oldest record moving does. Tells its listener, at most every 5 s, when a backlog appears, grows or shrinks by a
 * tenth, or is cleared. Runs in real time, against a real network. Thread-safe.
 */
public final class Drain implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Drain.class);
  /**
   * Most outbox messages in flight: HiveMQ's default receive maximum of 10 less four, which stay free for what the
   * agent publishes on every connect and every command (status, state, acks) and must never find the client's
   * window full. Also small on purpose: on a slow uplink the bytes queued ahead of a live record are at most this
   * many messages. A broker that takes fewer gets fewer (see {@link Uplink#window()}).
   */
  public static final int WINDOW = 6;
  /** Live records held in memory for sending ahead of the backlog; beyond this they wait on disk. */
  static final int LIVE_LIMIT = 256;
  static final long FIRST_RESEND_MS = 60_000;
  static final long MAX_RESEND_MS = 15 * 60_000;
  private static final long FLUSH_MS = 1_000;
  /** How long a clean stop waits for the last records to be confirmed. */
  static final long CLOSING_MS = 3_000;
  private static final long REPORT_MS = 5_000;
  /** Records not yet confirmed from which the outbox counts as holding a backlog worth reporting. */
  static final int BACKLOG = 20;

  /** Hears that the outbox depth or its oldest record changed. Called on the drain's thread. */
  public interface Listener {
    void depthChanged(int depth, long oldestWallMs);
  }

  private final Outbox outbox;
  private final Uplink link;
  private final int perSecond;
  private final Listener listener;
  private final LongSupplier clockMs;
  private final ArrayDeque<OutboxRecord> live = new ArrayDeque<>();
  private final Thread thread;
  private int inFlight;
  private int connection;
  private boolean wasConnected;
  private int linkChanges;
  private int seenLinkChanges;
  private boolean closed;
  private long stuckSeq = -1;
  private long stuckSinceMs;
  /** How long the oldest record may stay unconfirmed before everything unconfirmed is sent again. */
  private final Backoff resend = new Backoff(Duration.ofMillis(FIRST_RESEND_MS), Duration.ofMillis(MAX_RESEND_MS));
  private long lastFlushMs;
  private boolean flushDue;
  private long lastReportMs;
  private int reportedDepth = -1;
  private long secondStartMs;
  private int sentThisSecond;

  /**
   * Creates and starts the drain of {@code outbox} over {@code link}; {@code perSecond} caps backlog messages a
   * second (0 = no cap).
   */
  public Drain(Outbox outbox, Uplink link, int perSecond, String name, Listener listener) {
    this(outbox, link, perSecond, name, listener, () -> System.nanoTime() / 1_000_000);
  }

  Drain(Outbox outbox, Uplink link, int perSecond, String name, Listener listener, LongSupplier clockMs) {
    this.outbox = outbox;
    this.link = link;
    this.perSecond = perSecond;
    this.listener = listener;
    this.clockMs = clockMs;
    this.thread = new Thread(this::run, name);
    thread.setDaemon(true);
    thread.start();
  }

  /** Offers records just appended to the outbox, to be sent ahead of the backlog. */
  public synchronized void offer(List<OutboxRecord> records) {
    for (OutboxRecord r : records) {
      if (live.size() >= LIVE_LIMIT) {
        live.pollFirst();
      }
      live.addLast(r);
    }
    notifyAll();
  }

  /** Applies a receipt from the cloud: confirms what it stored, and moves what it refused to the dead letters. */
  public void receipt(Receipt receipt) {
    outbox.confirm(receipt.stored());
    if (!receipt.rejections().isEmpty()) {
      outbox.reject(receipt.rejections());
    }
    synchronized (this) {
      notifyAll();
    }
  }

  /**
   * Tells the drain the link has changed (connected or lost), so it rewinds and opens a new window, even when the
   * link is back before the drain looked.
   */
  public synchronized void linkChanged() {
    linkChanges++;
    notifyAll();
  }

  /**
   * Gives the drain up to {@link #CLOSING_MS} to send what is left and have it confirmed while the link is up (so
   * a clean stop leaves nothing behind), then stops the thread and makes the acknowledged point durable. Idempotent.
   */
  @Override
  public void close() {
    synchronized (this) {
      long deadline = clockMs.getAsLong() + CLOSING_MS;
      while (!closed && link.isConnected() && outbox.depth() > 0 && clockMs.getAsLong() < deadline) {
        waitQuietly(50);
      }
      closed = true;
      notifyAll();
    }
    try {
      thread.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    outbox.flush();
  }

  private void run() {
    while (true) {
      OutboxRecord next;
      int generation;
      boolean flush;
      synchronized (this) {
        if (closed) {
          return;
        }
        housekeeping();
        flush = flushDue;
        flushDue = false;
        next = null;
        if (link.isConnected() && inFlight < link.window()) {
          next = live.pollFirst();
          while (next != null && !outbox.sent(next.seq())) {
            next = live.pollFirst();
          }
          if (next == null && paceAllows()) {
            next = outbox.nextToSend();
            if (next != null) {
              sentThisSecond++;
            }
          }
        }
        if (next == null) {
          if (!flush) {
            waitQuietly(link.isConnected() ? 250 : 1000);
          }
          generation = -1;
        } else {
          inFlight++;
          generation = connection;
        }
      }
      if (flush) {
        // Outside the lock: flushing may raise an event, which takes the agent's seq lock, and a sampling tick
        // holds that lock while it offers records here.
        outbox.flush();
      }
      if (next == null) {
        continue;
      }
      Channel channel = next.isEvent() ? Channel.EVENTS : Channel.TELEMETRY;
      if (!link.send(channel, next.payload(), () -> delivered(generation))) {
        synchronized (this) {
          inFlight--;
          waitQuietly(20);
        }
      }
    }
  }

  private synchronized void delivered(int generation) {
    if (generation == connection && inFlight > 0) {
      inFlight--;
      notifyAll();
    }
  }

  /** Rewinds on a new connection or a silent cloud, flushes the point and reports the depth. Holds the lock. */
  private void housekeeping() {
    long now = clockMs.getAsLong();
    boolean connected = link.isConnected();
    if (connected != wasConnected || linkChanges != seenLinkChanges) {
      wasConnected = connected;
      seenLinkChanges = linkChanges;
      connection++;
      inFlight = 0;
      live.clear();
      outbox.rewind();
      stuckSeq = -1;
      log.debug("link {}: outbox of {} records is sent from its oldest unconfirmed record", connected ? "up"
          : "down", outbox.depth());
    } else if (connected) {
      long oldest = outbox.oldestSentUnconfirmed();
      if (oldest != stuckSeq) {
        if (stuckSeq >= 0 && (oldest < 0 || oldest > stuckSeq)) {
          resend.reset();
        }
        stuckSeq = oldest;
        stuckSinceMs = now;
      } else if (oldest >= 0 && now - stuckSinceMs >= resend.current().toMillis()) {
        log.info("seq {} was sent {} s ago and is still not confirmed: sending the {} unconfirmed outbox records "
            + "again", oldest, resend.current().toSeconds(), outbox.depth());
        outbox.rewind();
        stuckSeq = -1;
        resend.failed();
      }
    }
    if (now - lastFlushMs >= FLUSH_MS) {
      lastFlushMs = now;
      flushDue = true;
    }
    if (now - lastReportMs >= REPORT_MS) {
      int depth = outbox.depth();
      long oldest = outbox.oldestWallMs();
      // A depth of a few records is the live data in flight; only a backlog, its growth or shrinking by a tenth,
      // or catching up is worth a retained state message.
      boolean backlog = depth >= BACKLOG;
      boolean wasBacklog = reportedDepth >= BACKLOG;
      if (reportedDepth < 0 || backlog != wasBacklog
          || (backlog && Math.abs(depth - reportedDepth) * 10L >= reportedDepth)) {
        lastReportMs = now;
        reportedDepth = depth;
        try {
          listener.depthChanged(depth, oldest);
        } catch (RuntimeException e) {
          log.error("outbox depth listener failed", e);
        }
      }
    }
  }

  private boolean paceAllows() {
    if (perSecond <= 0) {
      return true;
    }
    long now = clockMs.getAsLong();
    if (now - secondStartMs >= 1000) {
      secondStartMs = now;
      sentThisSecond = 0;
    }
    return sentThisSecond < perSecond;
  }

  // Every caller waits in its own loop and checks again what it waits for, so a spurious wake-up only costs a pass.
  @SuppressWarnings("WaitNotInLoop")
  private void waitQuietly(long ms) {
    try {
      wait(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closed = true;
    }
  }
}
