package vn.farm.edge.sensing;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.farm.agronomy.Psychrometrics;
import vn.farm.contract.DeviceId;
import vn.farm.contract.Event;
import vn.farm.contract.Message;
import vn.farm.contract.Quantity;
import vn.farm.contract.Reading;
import vn.farm.contract.Severity;
import vn.farm.contract.Telemetry;
import vn.farm.edge.sync.Publisher;
import vn.farm.edge.sync.SeqStore;

/**
 * One tick reads every input and publishes one {@link Telemetry} with all readings that succeeded, plus the
 * derived VPD of every input that measured both air temperature and humidity (under that input's id). An input
 * that starts failing is reported once as a {@code sensor.fault} event (warning) and once as
 * {@code sensor.recovered} (info) when it reads again. A value outside the physical range of its quantity in the
 * contract counts as an {@code OUT_OF_RANGE} failure of its input, so one bad value never spoils the message.
 * Telemetry and events draw their {@code seq} from the same {@link SeqStore}, all at the end of the tick and while
 * holding the store's lock, so that every emitter's messages reach the publisher in seq order; the tick's messages
 * are published together (one write to the outbox). After publishing, the tick hands a
 * {@link Sample} of what it read to its listener. A tick never throws: a failing input never stops the others, and
 * an unexpected error is logged and the next tick runs as usual. When no input can be read at all, that is logged
 * once as a warning, not on every tick. Run it on one thread at a fixed rate.
 */
public final class SamplingLoop implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(SamplingLoop.class);
  private static final int MAX_MESSAGE = 2000;

  private final DeviceId deviceId;
  private final String bootId;
  private final List<Input> inputs;
  private final SeqStore seq;
  private final Publisher publisher;
  private final Clock clock;
  private final Consumer<Sample> listener;
  private final Map<String, SensorFailure> failing = new HashMap<>();
  /** Events of the tick under way, numbered and published with its telemetry. */
  private final List<Draft> drafts = new ArrayList<>(0);
  private boolean nothingRead;

  public SamplingLoop(DeviceId deviceId, String bootId, List<Input> inputs, SeqStore seq, Publisher publisher,
      Clock clock) {
    this(deviceId, bootId, inputs, seq, publisher, clock, sample -> {});
  }

  /** Creates a loop that also hands every tick's {@link Sample} to {@code listener}, on the sampling thread. */
  public SamplingLoop(DeviceId deviceId, String bootId, List<Input> inputs, SeqStore seq, Publisher publisher,
      Clock clock, Consumer<Sample> listener) {
    this.deviceId = deviceId;
    this.bootId = bootId;
    this.inputs = List.copyOf(inputs);
    this.seq = seq;
    this.publisher = publisher;
    this.clock = clock;
    this.listener = listener;
  }

  @Override
  public void run() {
    try {
      tick();
    } catch (Throwable t) {
      log.error("sampling tick failed; the next tick runs as scheduled", t);
    }
  }

  /** Reads all inputs once and publishes the results. */
  void tick() {
    Instant started = now();
    List<Reading> readings = new ArrayList<>(2 * inputs.size());
    List<String> failed = new ArrayList<>(0);
    for (Input input : inputs) {
      Map<Quantity, Double> values;
      try {
        values = input.read();
        checkPhysicalRange(input, values);
      } catch (SensorFailure e) {
        fault(input, e);
        failed.add(input.id());
        continue;
      } catch (RuntimeException e) {
        log.error("driver error on {}", input.describe(), e);
        fault(input, new SensorFailure(SensorFailure.Kind.BUS_ERROR, input.describe() + ": driver error: " + e, e));
        failed.add(input.id());
        continue;
      }
      if (!failing.isEmpty()) {
        recovered(input);
      }
      Instant at = now();
      for (Map.Entry<Quantity, Double> value : values.entrySet()) {
        readings.add(Reading.of(input.id(), value.getKey(), value.getValue(), at));
      }
      Double t = values.get(Quantity.AIR_TEMPERATURE);
      Double rh = values.get(Quantity.AIR_HUMIDITY);
      if (t != null && rh != null) {
        readings.add(Reading.of(input.id(), Quantity.VPD, Psychrometrics.vapourPressureDeficit(t, rh), at));
      }
    }
    List<Reading> published = List.of();
    boolean send = !readings.isEmpty();
    if (readings.isEmpty()) {
      if (!nothingRead) {
        log.warn("no input of {} could be read; no telemetry is sent until one reads again", deviceId);
      }
      nothingRead = true;
    } else {
      if (nothingRead) {
        log.info("inputs of {} read again", deviceId);
      }
      nothingRead = false;
      published = List.copyOf(readings);
    }
    if (send || !drafts.isEmpty()) {
      synchronized (seq) {
        List<Message> messages = new ArrayList<>(drafts.size() + 1);
        for (Draft d : drafts) {
          messages.add(new Event(deviceId.value(), seq.next(), d.type, d.severity, d.at, d.message, null, d.about));
        }
        if (send) {
          messages.add(new Telemetry(deviceId.value(), bootId, seq.next(), published));
        }
        publisher.publishAll(messages);
      }
      drafts.clear();
    }
    listener.accept(new Sample(started, published, failed));
  }

  /** Keeps values the contract would reject (and with them the whole message) out of the telemetry. */
  private static void checkPhysicalRange(Input input, Map<Quantity, Double> values) throws SensorFailure {
    for (Map.Entry<Quantity, Double> e : values.entrySet()) {
      Quantity q = e.getKey();
      double v = e.getValue();
      if (!Double.isFinite(v) || v < q.min() || v > q.max()) {
        throw new SensorFailure(SensorFailure.Kind.OUT_OF_RANGE, input.describe() + ": " + q.wireName() + " " + v
            + " " + q.unit() + " is outside the physical range " + q.min() + ".." + q.max() + " " + q.unit());
      }
    }
  }

  private void fault(Input input, SensorFailure e) {
    if (failing.containsKey(input.id())) {
      if (log.isDebugEnabled()) {
        log.debug("{} still failing: {}", input.id(), e.toString());
      }
      return;
    }
    failing.put(input.id(), e);
    log.warn("input {} failed: {}", input.id(), e.toString());
    event(Event.SENSOR_FAULT, Severity.WARNING,
        "input " + input.id() + " (" + input.describe() + ") failed: " + e.kind() + ": " + e.getMessage(),
        Event.About.input(input.id(), e.kind().name()));
  }

  private void recovered(Input input) {
    SensorFailure was = failing.remove(input.id());
    if (was != null) {
      log.info("input {} reads again", input.id());
      event(Event.SENSOR_RECOVERED, Severity.INFO,
          "input " + input.id() + " (" + input.describe() + ") reads again after " + was.kind(),
          Event.About.input(input.id(), was.kind().name()));
    }
  }

  private void event(String type, Severity severity, String message, Event.About about) {
    String text = message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE - 3) + "..." : message;
    drafts.add(new Draft(type, severity, now(), text, about));
  }

  private record Draft(String type, Severity severity, Instant at, String message, Event.About about) {}

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}
