package vn.farm.edge.time;

/** A scheduled task that can be called off. */
@FunctionalInterface
public interface Cancellable {
  /**
   * Stops the task from running again; a run already under way finishes. Returns false when the task had already
   * run (one-shot), been cancelled, or its scheduler was closed. Thread-safe.
   */
  boolean cancel();
}
