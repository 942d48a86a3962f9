package vn.farm.edge;

import com.pi4j.context.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.farm.contract.Ack;
import vn.farm.contract.ActuatorState;
import vn.farm.contract.Command;
import vn.farm.contract.DeviceId;
import vn.farm.contract.Event;
import vn.farm.contract.MessageCodec;
import vn.farm.contract.Severity;
import vn.farm.contract.Status;
import vn.farm.edge.actuation.Outputs;
import vn.farm.edge.config.AgentConfig;
import vn.farm.edge.config.ControlConfigReader;
import vn.farm.edge.control.ConfigStore;
import vn.farm.edge.control.ControlConfig;
import vn.farm.edge.control.Controller;
import vn.farm.edge.outbox.Outbox;
import vn.farm.edge.safety.SafetyLayer;
import vn.farm.edge.safety.Verdict;
import vn.farm.edge.sensing.Input;
import vn.farm.edge.sensing.Inputs;
import vn.farm.edge.sensing.Sample;
import vn.farm.edge.sensing.SamplingLoop;
import vn.farm.edge.sensing.Sleeper;
import vn.farm.edge.store.BootCounter;
import vn.farm.edge.sync.Drain;
import vn.farm.edge.sync.MqttLink;
import vn.farm.edge.sync.OutboxPublisher;
import vn.farm.edge.sync.Publisher;
import vn.farm.edge.sync.SeqStore;
import vn.farm.edge.sync.Uplink;
import vn.farm.edge.time.ClockWatch;
import vn.farm.edge.time.Scheduler;
import vn.farm.edge.time.TimeSource;
import vn.farm.profile.BoardProfile;
import vn.farm.profile.Profiles;

/**
 * The greenhouse controller: drives the board described by the configured profile through a Pi4J context, samples
 * every input at a fixed rate and publishes telemetry and events, runs its outputs by local rules, remote commands
 * and manual overrides through the {@link Controller}, always behind the independent {@link SafetyLayer}, takes new
 * rule and limit configurations from the cloud's retained {@code config}, and keeps the retained status and state
 * on the broker current. Starting never waits for the broker: the agent samples and
 * switches with or without a connection, and with {@code brokerUrl: none} it runs with no cloud at all.
 * {@link #close()} switches every output off, publishes the offline status and disconnects. Thread-safe.
 *
 * <p>Time comes from one {@link TimeSource}: timestamps, the sampling rate, schedules, command expiry and safety
 * timers (real time on a Pi; accelerated or virtual time in the simulator). Sampling, control and safety run on
 * three lanes of it, so a slow sensor never delays a command and a stalled control loop never stalls the safety
 * layer's watchdog. Only the MQTT reconnect backoff always runs in real time, on its own
 * thread, because it paces attempts against a real network.
 *
 * <p>This class wires the agent: it builds the parts in order, starts them, and stops them in the reverse order,
 * also when a start fails half-way ({@link Closer}). What arrives from the broker is routed by {@link Inbound};
 * events are numbered and sent by {@link AgentEvents}; the retained state is kept by {@link AgentState}. It runs
 * past the project's ~300 lines because it is also the agent's public face (the builder, and the methods Main, the
 * simulator and tests call, each handing over to a part) and holds the two small listeners that carry what the
 * safety layer and the controller report to where it goes: wiring all of it, no logic of its own.
 */
public final class EdgeAgent implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EdgeAgent.class);

  private final DeviceId deviceId;
  private final String bootId;
  private final TimeSource time;
  private final SeqStore seq;
  private final Outputs outputs;
  private final Uplink link;
  private final Outbox outbox;
  private final Scheduler control;
  private final SafetyLayer safety;
  private final Controller controller;
  private final AgentEvents events;
  private final Inbound inbound;
  private final AgentState state;
  /** Everything built, to be stopped in the reverse order: what must stop first is built last. */
  private final Closer parts = new Closer();
  private volatile boolean started;
  private volatile boolean closed;

  private EdgeAgent(Builder b) {
    AgentConfig config = b.config;
    this.deviceId = DeviceId.of(config.deviceId());
    this.bootId = BootCounter.next(config.dataDir());
    this.time = b.time;
    BoardProfile board = Profiles.board(config.board());
    MessageCodec codec = MessageCodec.withFieldChecks();
    try {
      if (b.ownsContext) {
        parts.add("Pi4J context", b.pi4j::shutdown);
      }
      // Pins and bus devices are given back to a context the agent does not own, so another agent can start on
      // the same board.
      Outputs claimed = Outputs.fromBoard(board, b.pi4j, time.clock());
      this.outputs = claimed;
      if (!b.ownsContext) {
        parts.add("outputs", claimed::release);
      }
      List<Input> inputs = Inputs.fromBoard(board, b.pi4j, config.w1Root(),
          b.sleeper != null ? b.sleeper : time.sleeper());
      if (!b.ownsContext) {
        parts.add("inputs", () -> inputs.forEach(Input::close));
      }
      this.seq = parts.add(SeqStore.open(config.dataDir()));
      this.events = new AgentEvents(deviceId, seq, this::now, b.eventListener);
      this.inbound = new Inbound(deviceId, codec);
      Scheduler reconnects = config.offline() ? null
          : parts.add(TimeSource.real().newScheduler("edge-mqtt-" + deviceId));
      this.link = config.offline() ? Uplink.none() : new MqttLink(deviceId, config.brokerUrl(), config.username(),
          config.password(), config.caFile(), new Status(false, now(), bootId), codec, reconnects, inbound);
      parts.add("link", () -> link.close(new Status(false, now(), bootId), Duration.ofSeconds(2)));
      ClockWatch clockWatch = new ClockWatch(time, config.clockSyncedFile());
      Drain drain = null;
      Publisher outgoing;
      if (config.offline()) {
        this.outbox = null;
        outgoing = events.sendTo(link);
      } else {
        long budget = config.outbox().budgetMiB() << 20;
        this.outbox = parts.add(Outbox.open(config.dataDir().resolve("outbox"),
            new Outbox.Limits(budget, Math.min(4L << 20, budget / 4), 3_600_000L), events::notice,
            clockWatch::monoMs));
        drain = parts.add(new Drain(outbox, link, config.outbox().drainPerSecond(), "edge-drain-" + deviceId,
            (depth, oldest) -> {
              if (started) {
                publishState();
              }
            }));
        outgoing = events.sendTo(new OutboxPublisher(outbox, drain, link, clockWatch, codec,
            jump -> events.event(Event.CLOCK_JUMPED, Severity.WARNING, "the wall clock jumped by " + jump + " ms "
                + "against the monotonic clock; readings around it are marked unsynced")));
      }
      parts.add("final state", () -> {
        if (started) {
          publishState();
        }
      });
      ConfigStore configs = new ConfigStore(config.dataDir(), new ControlConfigReader(board), events::event);
      ControlConfig initial = configs.initial(config.control());
      Scheduler safetyLane = parts.add(time.newScheduler("edge-safety-" + deviceId));
      this.safety = new SafetyLayer(claimed, board.outputs(), initial.safety(), config.dataDir(),
          initial.site().zone(), time.clock(), safetyLane, new SafetyListener());
      parts.add("safety layer", () -> safety.shutdown(started ? "shutdown" : "startup failed"));
      this.control = parts.add(time.newScheduler("edge-control-" + deviceId));
      this.controller = new Controller(initial, safety, board.outputs(), time.clock(), control,
          new ControlListener());
      parts.add("controller", controller::close);
      Scheduler sampler = parts.add(time.newScheduler("edge-sampling-" + deviceId));
      this.state = new AgentState(deviceId, bootId, link, claimed, controller, outbox, this::now);
      inbound.deliverTo(control, controller, configs, drain, state, events);
      link.start();
      safety.start(config.samplePeriod());
      sampler.scheduleAtFixedRate(new SamplingLoop(deviceId, bootId, inputs, seq, outgoing, time.clock(),
          sampleHandler(b.sampleListener)), Duration.ZERO, config.samplePeriod());
      started = true;
      events.started();
    } catch (RuntimeException e) {
      throw parts.closeAfter(e);
    }
    log.info("edge agent {} started (boot {}, board {}, sampling every {} s, control configuration version {}, {}, "
        + "{})", deviceId, bootId, board.id(), config.samplePeriodS(), controller.config().version(),
        config.offline() ? "no broker" : "broker " + config.brokerUrl(), time);
  }

  /**
   * Returns what each sample goes to: the safety layer at once, the controller on the control lane, then the
   * builder's listener (may be null).
   */
  private Consumer<Sample> sampleHandler(SampleListener listener) {
    return sample -> {
      safety.observe(sample);
      try {
        control.execute(() -> controller.onSample(sample));
      } catch (RejectedExecutionException e) {
        log.debug("agent {} is stopping; sample not handed to control", deviceId);
      }
      if (listener != null) {
        listener.sampled(sample, outputs.snapshot());
      }
    };
  }

  /** Starts an agent on {@code pi4j} in real time with {@code clock}; it does not own the context. */
  public static EdgeAgent start(AgentConfig config, Context pi4j, Clock clock) {
    return builder(config, pi4j).clock(clock).start();
  }

  /** Returns a builder for an agent with {@code config} on the board reached through {@code pi4j}. */
  public static Builder builder(AgentConfig config, Context pi4j) {
    return new Builder(config, pi4j);
  }

  /** Returns this controller's device id. */
  public DeviceId deviceId() {
    return deviceId;
  }

  /** Returns the id of this start of the agent, carried in telemetry and status. */
  public String bootId() {
    return bootId;
  }

  /** Returns true while connected to the broker; always false without one. */
  public boolean isConnected() {
    return link.isConnected();
  }

  /** Returns the read-back state of every output. */
  public Map<String, ActuatorState> outputs() {
    return outputs.snapshot();
  }

  /**
   * Handles {@code command} on the control lane as if it had arrived from the cloud: the same checks (duplicate,
   * expiry against this agent's time, unknown output, manual override, safety limits) and the same ack, which is
   * sent when connected. For local tools and simulations. Throws {@link RejectedExecutionException} once the agent
   * is closed.
   */
  public void submit(Command command) {
    inbound.submit(command);
  }

  /**
   * Sets a manual override by a person at the greenhouse, on the control lane: {@code output} held on or off for
   * {@code duration} (1 s to 24 h) whatever the rules and remote commands want, within the safety limits. The
   * future completes with the safety layer's verdict once the control lane has run it.
   */
  public CompletableFuture<Verdict> override(String output, boolean on, Duration duration, String by) {
    CompletableFuture<Verdict> result = new CompletableFuture<>();
    control.execute(() -> result.complete(controller.override(output, on, duration, by)));
    return result;
  }

  /** Ends a manual override of {@code output}, on the control lane. */
  public void clearOverride(String output, String by) {
    control.execute(() -> controller.clearOverride(output, by));
  }

  /**
   * Offers the JSON of a {@code config} message, on the control lane, as if it had arrived from the cloud: applied
   * when newer than the running version and valid, otherwise refused with a {@code config.refused} event.
   */
  public void offerConfig(byte[] json) {
    inbound.offerConfig(json);
  }

  /** Returns the version of the control configuration in force. */
  public long configVersion() {
    return controller.config().version();
  }

  /** Returns the control configuration in force. */
  public ControlConfig controlConfig() {
    return controller.config();
  }

  /** Returns the safety layer, for inspection by local tools and tests. */
  public SafetyLayer safety() {
    return safety;
  }

  /**
   * Stops sampling, switches every output off, publishes the offline status and disconnects. Then shuts the Pi4J
   * context down when the agent owns it, or else gives its pins and bus devices back to the context, so another
   * agent can start on the same board. Idempotent.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    parts.close();
    log.info("edge agent {} stopped (next seq {})", deviceId, seq.peek());
  }

  private void publishState() {
    state.publish();
  }

  /** Returns the seq the next telemetry or event will get; every seq below it is taken. */
  public long nextSeq() {
    return seq.peek();
  }

  /** Returns how many outbox records the cloud has not yet confirmed (0 without a broker). */
  public int outboxDepth() {
    return outbox == null ? 0 : outbox.depth();
  }

  private Instant now() {
    return time.now().truncatedTo(ChronoUnit.MILLIS);
  }

  private final class SafetyListener implements SafetyLayer.Listener {
    @Override
    public void event(String type, Severity severity, String message) {
      events.event(type, severity, message);
    }

    @Override
    public void event(String type, Severity severity, String message, Event.About about) {
      events.event(type, severity, message, null, about);
    }

    @Override
    public void ran(String output, Instant startedAt, Instant endedAt, Double litres, String message) {
      events.ran(output, startedAt, endedAt, litres, message);
    }

    @Override
    public void outputsChanged() {
      publishState();
    }

    @Override
    public void tripped(String output, String reason) {
      try {
        control.execute(() -> controller.tripped(output));
      } catch (RejectedExecutionException e) {
        log.debug("agent {} is stopping; trip of {} not handed to control", deviceId, output);
      }
    }
  }

  private final class ControlListener implements Controller.Listener {
    @Override
    public void event(String type, Severity severity, String message) {
      events.event(type, severity, message);
    }

    @Override
    public void ack(Ack ack) {
      link.publish(ack);
    }

    @Override
    public void stateChanged() {
      publishState();
    }
  }

  /** Options for starting an agent; only the configuration and the Pi4J context are required. */
  public static final class Builder {
    private final AgentConfig config;
    private final Context pi4j;
    private TimeSource time = TimeSource.real();
    private Sleeper sleeper;
    private SampleListener sampleListener;
    private Consumer<Event> eventListener;
    private boolean ownsContext;

    private Builder(AgentConfig config, Context pi4j) {
      this.config = config;
      this.pi4j = pi4j;
    }

    /** Runs the agent in real time with {@code clock} for timestamps and command expiry (default: system UTC). */
    public Builder clock(Clock clock) {
      this.time = TimeSource.real(clock);
      return this;
    }

    /** Runs the agent on {@code time}: real, accelerated or virtual (default: real time, system UTC clock). */
    public Builder time(TimeSource time) {
      this.time = Objects.requireNonNull(time, "time");
      return this;
    }

    /** Sets how drivers wait for conversions (default: the time source's sleeper; on real time, really sleep). */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = sleeper;
      return this;
    }

    /** Hands every tick of the sampling loop to {@code listener} (default: none). */
    public Builder onSample(SampleListener listener) {
      this.sampleListener = listener;
      return this;
    }

    /** Hands every event the agent raises to {@code listener} as well as publishing it (default: none). */
    public Builder onEvent(Consumer<Event> listener) {
      this.eventListener = listener;
      return this;
    }

    /** Makes {@link EdgeAgent#close()} shut the Pi4J context down too (default: false). */
    public Builder ownsContext(boolean ownsContext) {
      this.ownsContext = ownsContext;
      return this;
    }

    /** Claims the outputs (all off), starts sampling and connecting, and returns the running agent. */
    public EdgeAgent start() {
      return new EdgeAgent(this);
    }
  }
}
