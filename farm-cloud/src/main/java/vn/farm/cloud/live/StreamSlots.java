package vn.farm.cloud.live;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts the live streams each session holds open, so that one session (a script, or a page reopened in a loop)
 * cannot hold an unbounded number of connections and subscribers. Thread-safe; memory only, one entry per session
 * with a stream open.
 */
@ApplicationScoped
public class StreamSlots {
  private final ConcurrentHashMap<String, Integer> open = new ConcurrentHashMap<>();

  /** Takes a slot for {@code session}; returns false, taking nothing, when it holds {@code max} already. */
  public boolean take(String session, int max) {
    boolean[] taken = {false};
    open.compute(session, (k, n) -> {
      int held = n == null ? 0 : n;
      if (held >= max) {
        return n;
      }
      taken[0] = true;
      return held + 1;
    });
    return taken[0];
  }

  /** Gives back a slot that {@link #take} gave {@code session}. */
  public void release(String session) {
    open.computeIfPresent(session, (k, n) -> n <= 1 ? null : n - 1);
  }

  /** Returns how many streams {@code session} holds open. */
  public int openOf(String session) {
    return open.getOrDefault(session, 0);
  }
}
