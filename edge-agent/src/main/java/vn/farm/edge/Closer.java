package vn.farm.edge;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops what the agent has built, last built first, so that a start that fails half-way gives back what it took
 * (pins, files, threads, the broker connection) exactly as a normal stop does, without a hand-written clean-up for
 * each way of failing. A part that fails to close does not keep the parts under it from closing: the failure is
 * logged, or added to the start's own failure. Thread-safe.
 */
final class Closer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Closer.class);

  private record Part(String name, AutoCloseable closeable) {}

  private final Deque<Part> parts = new ArrayDeque<>();

  /** Registers {@code part} to be closed before everything registered so far, and returns it. */
  <T extends AutoCloseable> T add(T part) {
    add(part.getClass().getSimpleName(), part);
    return part;
  }

  /** Registers {@code stop}, named {@code name} in a log line if it fails, to run before everything so far. */
  synchronized void add(String name, AutoCloseable stop) {
    parts.push(new Part(name, stop));
  }

  /**
   * Closes every registered part, last registered first, after a start that failed with {@code failure}; each part
   * that fails to close is added to {@code failure} as suppressed. Returns {@code failure}, for {@code throw}.
   */
  synchronized <E extends Throwable> E closeAfter(E failure) {
    for (Part p = parts.poll(); p != null; p = parts.poll()) {
      try {
        p.closeable().close();
      } catch (Exception e) {
        failure.addSuppressed(e);
      }
    }
    return failure;
  }

  /** Closes every registered part, last registered first; logs each that fails to close. Idempotent. */
  @Override
  public synchronized void close() {
    for (Part p = parts.poll(); p != null; p = parts.poll()) {
      try {
        p.closeable().close();
      } catch (Exception e) {
        log.warn("{}: closing failed: {}", p.name(), e.toString(), e);
      }
    }
  }
}
