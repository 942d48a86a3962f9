package vn.farm.edge;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import vn.farm.contract.DeviceId;
import vn.farm.contract.Event;
import vn.farm.contract.Message;
import vn.farm.contract.Severity;
import vn.farm.edge.sync.Publisher;
import vn.farm.edge.sync.SeqStore;

/**
 * Turns what the agent's parts report into events of the contract, so that every event gets the next seq of the
 * device's one sequence and a message short enough for the wire, whichever part raised it. The outbox reports its
 * recovery before there is an outbox to carry the report: such notices are kept and sent once the agent has
 * started. Thread-safe.
 */
final class AgentEvents {
  /** The longest event message sent; a longer one is cut to this, ending in "...". */
  static final int MAX_MESSAGE = 2000;

  /** A notice raised while the agent was still starting, to be sent once it can. */
  record Notice(String type, Severity severity, String message) {}

  private final DeviceId deviceId;
  private final SeqStore seq;
  private final Supplier<Instant> now;
  private final Consumer<Event> listener;
  private final List<Notice> early = new ArrayList<>();
  private volatile Publisher outgoing;
  private volatile boolean started;

  /**
   * Events of {@code deviceId}, numbered from {@code seq}, stamped with {@code now}, each also told to
   * {@code listener} (may be null).
   */
  AgentEvents(DeviceId deviceId, SeqStore seq, Supplier<Instant> now, Consumer<Event> listener) {
    this.deviceId = deviceId;
    this.seq = seq;
    this.now = now;
    this.listener = listener;
  }

  /**
   * Returns the way out for telemetry and events, {@code target}, wrapped so that every event on it is also told to
   * the listener; events raised from now on take it. Call once, before the first {@link #event}.
   */
  Publisher sendTo(Publisher target) {
    Publisher out = new Told(target);
    this.outgoing = out;
    return out;
  }

  /** Publishes an event. */
  void event(String type, Severity severity, String message) {
    event(type, severity, message, null, null);
  }

  /** Publishes an event with the run or the subject it is about (either may be null). */
  void event(String type, Severity severity, String message, Event.Run run, Event.About about) {
    String text = message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE - 3) + "..." : message;
    synchronized (seq) {
      outgoing.publish(new Event(deviceId.value(), seq.next(), type, severity, now.get(), text, run, about));
    }
  }

  /** Publishes an {@link Event#OUTPUT_RUN} event for a run of {@code output}; {@code litres} may be null. */
  void ran(String output, Instant startedAt, Instant endedAt, Double litres, String message) {
    double seconds = Math.max(0, Duration.between(startedAt, endedAt).toMillis()) / 1000.0;
    event(Event.OUTPUT_RUN, Severity.INFO, message, new Event.Run(output, startedAt, seconds,
        litres == null ? null : Math.round(litres * 1000) / 1000.0), null);
  }

  /** Publishes a notice of the outbox, or keeps it until {@link #started()} while the agent is starting. */
  void notice(String type, Severity severity, String message) {
    if (!started) {
      synchronized (early) {
        if (!started) {
          early.add(new Notice(type, severity, message));
          return;
        }
      }
    }
    event(type, severity, message);
  }

  /** Marks the agent started and publishes the notices kept until now, oldest first. */
  void started() {
    List<Notice> kept;
    synchronized (early) {
      started = true;
      kept = List.copyOf(early);
      early.clear();
    }
    kept.forEach(n -> event(n.type(), n.severity(), n.message()));
  }

  /** Hands events to the listener on their way to the target. */
  private final class Told implements Publisher {
    private final Publisher target;

    Told(Publisher target) {
      this.target = target;
    }

    @Override
    public boolean publish(Message message) {
      tell(message);
      return target.publish(message);
    }

    @Override
    public boolean publishAll(List<? extends Message> messages) {
      messages.forEach(this::tell);
      return target.publishAll(messages);
    }

    private void tell(Object message) {
      if (listener != null && message instanceof Event e) {
        listener.accept(e);
      }
    }
  }
}
