package vn.farm.cloud.ingest;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;

/**
 * Messages waiting to be written, kept per device and taken from the devices in turn, one each, so that a batch
 * holds some of every waiting device's messages however many one device has queued. Unbounded: what is let in is
 * bounded by {@link Admission}. Thread-safe.
 */
final class FairQueue<T> {
  private final Map<String, ArrayDeque<T>> byDevice = new HashMap<>();
  /** Devices with messages waiting, in the order they are next taken from. */
  private final ArrayDeque<String> turn = new ArrayDeque<>();
  private int size;

  /** Adds {@code item} of {@code device} behind its device's earlier ones. */
  synchronized void add(String device, T item) {
    ArrayDeque<T> queue = byDevice.computeIfAbsent(device, d -> new ArrayDeque<>());
    if (queue.isEmpty()) {
      turn.add(device);
    }
    queue.add(item);
    size++;
    notifyAll();
  }

  /** Waits at most {@code nanos} for a message to be there; returns whether one is. */
  synchronized boolean await(long nanos) throws InterruptedException {
    long end = System.nanoTime() + nanos;
    while (size == 0) {
      long left = end - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return true;
  }

  /**
   * Moves messages to {@code out}, one from each device in turn, until it holds {@code max} or no device's next
   * message fits in what is left of {@code maxWeight}; returns their total weight. The first message always goes,
   * however heavy. A device whose next message does not fit is passed over, and the lighter messages of the devices
   * behind it fill the rest: a quiet greenhouse's one reading is not held back a batch by a flood of the largest
   * messages ahead of it. Those passed over come first next time, in their order, so a heavy message waits one batch
   * at most.
   */
  synchronized long drainTo(List<T> out, int max, long maxWeight, ToLongFunction<T> weight) {
    long taken = 0;
    ArrayDeque<String> passedOver = new ArrayDeque<>();
    while (out.size() < max && !turn.isEmpty()) {
      String device = turn.poll();
      ArrayDeque<T> queue = byDevice.get(device);
      T item = queue.peek();
      long w = weight.applyAsLong(item);
      if (taken > 0 && taken + w > maxWeight) {
        passedOver.add(device);
        continue;
      }
      queue.poll();
      out.add(item);
      size--;
      taken += w;
      if (queue.isEmpty()) {
        byDevice.remove(device);
      } else {
        turn.add(device);
      }
    }
    while (!passedOver.isEmpty()) {
      turn.addFirst(passedOver.pollLast());
    }
    return taken;
  }

  synchronized int size() {
    return size;
  }
}
