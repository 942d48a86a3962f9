package vn.farm.edge.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.farm.edge.sensing.Sleeper;

/**
 * Simulated time that moves only when told to: a deterministic, single-threaded event queue. Nothing runs until a
 * caller calls {@link #advanceTo(Instant)} or {@link #runFor(Duration)}; that call runs every task due up to the
 * target on the caller's own thread, in order of due time, and tasks due at the same instant in the order they
 * were scheduled (a periodic task counts as scheduled again right after each run). While a task runs,
 * {@link #now()} is exactly its due time, so a fixed-rate task left behind by a long jump catches up run by run,
 * each at its own instant. After the call, {@code now()} is the target.
 *
 * <p>Virtual time never moves inside a task: its {@link #sleeper()} returns at once, so a driver's conversion wait
 * takes no simulated time (the simulator's register models answer immediately). Scheduling from other threads is
 * allowed (the task waits for the next advance); advancing from two threads at once, or from inside a task, is
 * refused. A task that throws is logged and, when periodic, not run again. Thread-safe.
 */
public final class VirtualTime implements TimeSource {
  private static final Logger log = LoggerFactory.getLogger(VirtualTime.class);

  private final Instant origin;
  private final Clock clock = new TimeSourceClock(this);
  private final PriorityQueue<Task> queue = new PriorityQueue<>();
  private long sequence;
  private long nowNanos;
  private volatile Instant now;
  private Thread advancing;

  /** Starts virtual time at {@code start}; it stays there until advanced. */
  public VirtualTime(Instant start) {
    this.origin = Objects.requireNonNull(start, "start");
    this.now = start;
  }

  @Override
  public Instant now() {
    return now;
  }

  @Override
  public Clock clock() {
    return clock;
  }

  /** Returns a sleeper that returns at once and leaves virtual time where it is. */
  @Override
  public Sleeper sleeper() {
    return Sleeper.NONE;
  }

  @Override
  public Scheduler newScheduler(String name) {
    return new Lane(name);
  }

  /**
   * Runs every task due at or before {@code target}, in time order, on this thread, then leaves {@link #now()} at
   * {@code target}. Throws when {@code target} is before now, or when called from a task or while another thread
   * is advancing.
   */
  public void advanceTo(Instant target) {
    long targetNanos = Duration.between(origin, target).toNanos();
    synchronized (this) {
      if (advancing != null) {
        throw new IllegalStateException("virtual time is already being advanced by thread '" + advancing.getName()
            + "'; a task must not advance time itself");
      }
      if (targetNanos < nowNanos) {
        throw new IllegalArgumentException("cannot advance virtual time backwards, from " + now + " to " + target);
      }
      advancing = Thread.currentThread();
    }
    try {
      Task task;
      while ((task = nextDue(targetNanos)) != null) {
        task.run();
      }
      synchronized (this) {
        setNow(targetNanos);
      }
    } finally {
      synchronized (this) {
        advancing = null;
      }
    }
  }

  /** Advances virtual time by {@code duration}; see {@link #advanceTo(Instant)}. */
  public void runFor(Duration duration) {
    advanceTo(now.plus(duration));
  }

  /** Returns how many tasks wait to run, counting each periodic task once. */
  public synchronized int pendingTasks() {
    return (int) queue.stream().filter(Task::live).count();
  }

  private synchronized Task nextDue(long targetNanos) {
    Task head;
    while ((head = queue.peek()) != null && head.due <= targetNanos) {
      queue.poll();
      if (head.live()) {
        setNow(head.due);
        return head;
      }
    }
    return null;
  }

  private void setNow(long nanos) {
    if (nanos != nowNanos) {
      nowNanos = nanos;
      now = origin.plusNanos(nanos);
    }
  }

  private synchronized Task enqueue(Lane lane, Runnable body, Duration delay, long periodNanos) {
    if (lane.closed) {
      throw new RejectedExecutionException("scheduler '" + lane.name + "' is closed");
    }
    Task task = new Task(lane, body, nowNanos + Math.max(0, delay.toNanos()), periodNanos);
    task.sequence = ++sequence;
    queue.add(task);
    return task;
  }

  private synchronized void requeue(Task task) {
    if (task.live()) {
      task.due += task.period;
      task.sequence = ++sequence;
      queue.add(task);
    }
  }

  private synchronized boolean cancel(Task task) {
    boolean wasLive = task.live() && !(task.period == 0 && task.ran);
    task.cancelled = true;
    return wasLive;
  }

  private synchronized void close(Lane lane) {
    lane.closed = true;
    queue.removeIf(t -> t.lane == lane);
  }

  @Override
  public String toString() {
    return "VirtualTime[" + now + "]";
  }

  private final class Lane implements Scheduler {
    private final String name;
    private volatile boolean closed;

    Lane(String name) {
      this.name = name;
    }

    @Override
    public Cancellable schedule(Runnable task, Duration delay) {
      return enqueue(this, task, delay, 0);
    }

    @Override
    public Cancellable scheduleAtFixedRate(Runnable task, Duration initialDelay, Duration period) {
      if (period.isZero() || period.isNegative()) {
        throw new IllegalArgumentException("period must be positive, not " + period);
      }
      return enqueue(this, task, initialDelay, period.toNanos());
    }

    @Override
    public void close() {
      VirtualTime.this.close(this);
    }

    @Override
    public String toString() {
      return "VirtualTime.Scheduler[" + name + "]";
    }
  }

  private final class Task implements Cancellable, Comparable<Task> {
    private final Lane lane;
    private final Runnable body;
    private final long period;
    private long due;
    private long sequence;
    private volatile boolean cancelled;
    private volatile boolean ran;

    Task(Lane lane, Runnable body, long due, long period) {
      this.lane = lane;
      this.body = body;
      this.due = due;
      this.period = period;
    }

    boolean live() {
      return !cancelled && !lane.closed;
    }

    void run() {
      ran = true;
      try {
        body.run();
      } catch (RuntimeException e) {
        log.error("task {} on {} failed at {}{}", body, lane, now, period > 0 ? "; it will not run again" : "", e);
        cancelled = true;
        return;
      }
      if (period > 0) {
        requeue(this);
      }
    }

    @Override
    public boolean cancel() {
      return VirtualTime.this.cancel(this);
    }

    @Override
    public int compareTo(Task other) {
      int byDue = Long.compare(due, other.due);
      return byDue != 0 ? byDue : Long.compare(sequence, other.sequence);
    }
  }
}
