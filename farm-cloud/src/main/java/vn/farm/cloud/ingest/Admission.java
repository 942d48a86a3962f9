package vn.farm.cloud.ingest;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;

/**
 * Shares ingest among devices: how much of one device's telemetry and events may be inside it at once (being
 * decoded, waiting to be written, being written), and of every device's together. A message always enters; when its
 * device, or ingest as a whole, has no room left, what lets its sender go on (the broker's acknowledgement, which
 * opens the device's window for another publish) waits until messages leave, and room is then handed out to the
 * waiting devices in turn, one message each. So a device that floods ingest, with messages that are slow to store or
 * not storable at all, holds back itself only; the others keep their share. Thread-safe; the resumptions run outside
 * its lock.
 */
final class Admission {
  /** A message inside ingest: who sent it, what it weighs, and whether it holds room yet. */
  static final class Ticket {
    private final String device;
    private final long bytes;
    private Runnable resume;
    private boolean granted;

    private Ticket(String device, long bytes) {
      this.device = device;
      this.bytes = bytes;
    }
  }

  private static final class Lane {
    int granted;
    long grantedBytes;
    final ArrayDeque<Ticket> waiting = new ArrayDeque<>();
  }

  /** Messages a device may always have inside, however many others share ingest. */
  static final int LEAST_SHARE = 64;

  private final int deviceMessages;
  private final long deviceBytes;
  private final int totalMessages;
  private final long totalBytes;
  private final Map<String, Lane> lanes = new HashMap<>();
  /** Lanes with a message waiting for room, in the order they get it. */
  private final ArrayDeque<Lane> waitingLanes = new ArrayDeque<>();
  private int granted;
  private long grantedBytes;
  private long deferred;

  /**
   * Lets one device hold at most {@code deviceMessages} messages and {@code deviceBytes} bytes inside, and all
   * devices {@code totalMessages} and {@code totalBytes}; a single message always fits where nothing else is held.
   */
  Admission(int deviceMessages, long deviceBytes, int totalMessages, long totalBytes) {
    this.deviceMessages = deviceMessages;
    this.deviceBytes = deviceBytes;
    this.totalMessages = totalMessages;
    this.totalBytes = totalBytes;
  }

  /**
   * Lets a message of {@code device} in. When there is no room for it, {@code holdBack} is asked, at once and on
   * this thread, for what lets its sender go on, which runs once there is room; when there is, it is never asked.
   */
  Ticket enter(String device, long bytes, Supplier<Runnable> holdBack) {
    Ticket t = new Ticket(device, bytes);
    synchronized (this) {
      Lane lane = lanes.computeIfAbsent(device, d -> new Lane());
      if (lane.waiting.isEmpty() && fits(lane, t)) {
        grant(lane, t);
      } else {
        t.resume = holdBack.get();
        if (lane.waiting.isEmpty()) {
          waitingLanes.add(lane);
        }
        lane.waiting.add(t);
        deferred++;
      }
    }
    return t;
  }

  /** Lets a message of {@code device} in, waiting on this thread until there is room for it. */
  Ticket enterAndWait(String device, long bytes) throws InterruptedException {
    CountDownLatch room = new CountDownLatch(1);
    Ticket t = enter(device, bytes, () -> room::countDown);
    if (!t.granted) {
      room.await();
    }
    return t;
  }

  /** Lets {@code t}'s message out, stored or refused, and hands its room on. */
  void leave(Ticket t) {
    List<Runnable> resumed = new ArrayList<>();
    synchronized (this) {
      Lane lane = lanes.get(t.device);
      if (t.granted) {
        lane.granted--;
        lane.grantedBytes -= t.bytes;
        granted--;
        grantedBytes -= t.bytes;
      } else {
        // Done before its turn came: nothing of it is inside any more, so its sender may go on.
        lane.waiting.remove(t);
        if (lane.waiting.isEmpty()) {
          waitingLanes.remove(lane);
        }
        resumed.add(t.resume);
      }
      boolean handed = true;
      while (handed && !waitingLanes.isEmpty()) {
        handed = false;
        for (int i = waitingLanes.size(); i > 0; i--) {
          Lane next = waitingLanes.poll();
          Ticket first = next.waiting.peek();
          if (fits(next, first)) {
            next.waiting.poll();
            grant(next, first);
            resumed.add(first.resume);
            handed = true;
          }
          if (!next.waiting.isEmpty()) {
            waitingLanes.add(next);
          }
        }
      }
      if (lane.granted == 0 && lane.waiting.isEmpty()) {
        lanes.remove(t.device);
      }
    }
    resumed.forEach(Runnable::run);
  }

  /** Returns how many messages have had to wait for room so far: the times a sender was held back. */
  synchronized long deferred() {
    return deferred;
  }

  /**
   * Whether {@code t} fits: within its device's share, which is the whole of {@code deviceMessages} while the
   * device is alone and an equal part of the total once others have messages inside too (never fewer than
   * {@link #LEAST_SHARE}), and within the total.
   */
  private boolean fits(Lane lane, Ticket t) {
    int share = Math.min(deviceMessages, Math.max(LEAST_SHARE, totalMessages / Math.max(1, lanes.size())));
    return lane.granted < share && (lane.granted == 0 || lane.grantedBytes + t.bytes <= deviceBytes)
        && (granted == 0 || granted < totalMessages && grantedBytes + t.bytes <= totalBytes);
  }

  private void grant(Lane lane, Ticket t) {
    t.granted = true;
    lane.granted++;
    lane.grantedBytes += t.bytes;
    granted++;
    grantedBytes += t.bytes;
  }
}
