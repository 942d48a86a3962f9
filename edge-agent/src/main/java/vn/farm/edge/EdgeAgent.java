package vn.farm.edge;

import com.pi4j.context.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
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
import vn.farm.contract.ContractViolation;
import vn.farm.contract.DeviceId;
import vn.farm.contract.Event;
import vn.farm.contract.Message;
import vn.farm.contract.MessageCodec;
import vn.farm.contract.Receipt;
import vn.farm.contract.Severity;
import vn.farm.contract.State;
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
 */
public final class EdgeAgent implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EdgeAgent.class);

  private final DeviceId deviceId;
  private final String bootId;
  private final TimeSource time;
  private final Context pi4j;
  private final boolean ownsContext;
  private final SeqStore seq;
  private final Outputs outputs;
  private final List<Input> inputs;
  private final Scheduler sampler;
  private final Scheduler control;
  private final Scheduler safetyLane;
  private final Scheduler reconnects;
  private final Uplink link;
  /**
   * The way out for telemetry and events: the outbox and its drain (or the bare link without a broker), with every
   * event also handed to the builder's event listener.
   */
  private final Publisher outgoing;
  private final Outbox outbox;
  private final Drain drain;
  private final ClockWatch clockWatch;
  /** Outbox notices raised while the agent was still starting, sent once it can. */
  private final List<String[]> earlyNotices = new ArrayList<>();
  private volatile boolean started;
  private final SafetyLayer safety;
  private final Controller controller;
  private final ConfigStore configs;
  private final Consumer<Event> eventListener;
  private final MessageCodec codec = MessageCodec.withFieldChecks();
  private volatile boolean closed;

  private EdgeAgent(Builder b) {
    this.deviceId = DeviceId.of(b.config.deviceId());
    this.bootId = BootCounter.next(b.config.dataDir());
    this.time = b.time;
    this.pi4j = b.pi4j;
    this.ownsContext = b.ownsContext;
    this.eventListener = b.eventListener;
    BoardProfile board = Profiles.board(b.config.board());
    this.seq = SeqStore.open(b.config.dataDir());
    this.sampler = time.newScheduler("edge-sampling-" + deviceId);
    this.control = time.newScheduler("edge-control-" + deviceId);
    this.safetyLane = time.newScheduler("edge-safety-" + deviceId);
    this.reconnects = b.config.offline() ? null : TimeSource.real().newScheduler("edge-mqtt-" + deviceId);
    Outputs claimed = null;
    SafetyLayer guard = null;
    Outbox opened = null;
    Drain draining = null;
    try {
      claimed = Outputs.fromBoard(board, pi4j, time.clock());
      this.outputs = claimed;
      this.inputs = Inputs.fromBoard(board, pi4j, b.config.w1Root(), b.sleeper != null ? b.sleeper : time.sleeper());
      this.link = b.config.offline() ? Uplink.none() : new MqttLink(deviceId, b.config.brokerUrl(),
          b.config.username(), b.config.password(), new Status(false, now(), bootId), codec, reconnects,
          new LinkListener());
      this.clockWatch = new ClockWatch(time, b.config.clockSyncedFile());
      if (b.config.offline()) {
        this.outbox = null;
        this.drain = null;
        this.outgoing = new Outgoing(link);
      } else {
        long budget = b.config.outbox().budgetMiB() << 20;
        opened = Outbox.open(b.config.dataDir().resolve("outbox"),
            new Outbox.Limits(budget, Math.min(4L << 20, budget / 4), 3_600_000L), this::outboxNotice,
            clockWatch::monoMs);
        this.outbox = opened;
        draining = new Drain(opened, link, b.config.outbox().drainPerSecond(), "edge-drain-" + deviceId,
            (depth, oldest) -> {
              if (started) {
                publishState();
              }
            });
        this.drain = draining;
        this.outgoing = new Outgoing(new OutboxPublisher(outbox, drain, link, clockWatch, codec,
            jump -> event("clock.jumped", Severity.WARNING, "the wall clock jumped by " + jump + " ms against the "
                + "monotonic clock; readings around it are marked unsynced")));
      }
      this.configs = new ConfigStore(b.config.dataDir(), new ControlConfigReader(board), this::event);
      ControlConfig initial = configs.initial(b.config.control());
      guard = new SafetyLayer(claimed, board.outputs(), initial.safety(), b.config.dataDir(), initial.site().zone(),
          time.clock(), safetyLane, new SafetyListener());
      this.safety = guard;
      this.controller = new Controller(initial, guard, board.outputs(), time.clock(), control, new ControlListener());
      link.start();
      SampleListener listener = b.sampleListener;
      Outputs read = claimed;
      SafetyLayer observed = guard;
      Consumer<Sample> samples = sample -> {
        observed.observe(sample);
        try {
          control.execute(() -> controller.onSample(sample));
        } catch (RejectedExecutionException e) {
          log.debug("agent {} is stopping; sample not handed to control", deviceId);
        }
        if (listener != null) {
          listener.sampled(sample, read.snapshot());
        }
      };
      safety.start(b.config.samplePeriod());
      sampler.scheduleAtFixedRate(new SamplingLoop(deviceId, bootId, inputs, seq, outgoing, time.clock(), samples),
          Duration.ZERO, b.config.samplePeriod());
      started = true;
      List<String[]> early;
      synchronized (earlyNotices) {
        early = List.copyOf(earlyNotices);
        earlyNotices.clear();
      }
      early.forEach(n -> event(n[0], Severity.valueOf(n[1]), n[2]));
    } catch (RuntimeException e) {
      if (guard != null) {
        guard.shutdown("startup failed");
      }
      if (claimed != null) {
        claimed.release();
      }
      sampler.close();
      control.close();
      safetyLane.close();
      if (reconnects != null) {
        reconnects.close();
      }
      if (draining != null) {
        draining.close();
      }
      if (opened != null) {
        opened.close();
      }
      seq.close();
      throw e;
    }
    log.info("edge agent {} started (boot {}, board {}, sampling every {} s, control configuration version {}, {}, "
        + "{})", deviceId, bootId, board.id(), b.config.samplePeriodS(), controller.config().version(),
        b.config.offline() ? "no broker" : "broker " + b.config.brokerUrl(), time);
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
    control.execute(() -> handle(command));
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
    control.execute(() -> onConfig(json));
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
    sampler.close();
    controller.close();
    control.close();
    safety.shutdown("shutdown");
    safetyLane.close();
    publishState();
    if (drain != null) {
      drain.close();
      outbox.close();
    }
    link.close(new Status(false, now(), bootId), Duration.ofSeconds(2));
    if (reconnects != null) {
      reconnects.close();
    }
    seq.close();
    if (ownsContext) {
      try {
        pi4j.shutdown();
      } catch (RuntimeException e) {
        log.warn("Pi4J shutdown: {}", e.getMessage());
      }
    } else {
      inputs.forEach(Input::close);
      outputs.release();
    }
    log.info("edge agent {} stopped (next seq {})", deviceId, seq.peek());
  }

  private void publishState() {
    int depth = outbox == null ? 0 : outbox.depth();
    long oldest = outbox == null ? -1 : outbox.oldestWallMs();
    link.publish(new State(deviceId.value(), now(), controller.config().version(), heldStates(), depth,
        oldest < 0 ? null : Instant.ofEpochMilli(oldest)));
  }

  /** Returns each output's state, with the end of the command or override holding it when one does. */
  private Map<String, ActuatorState> heldStates() {
    Map<String, ActuatorState> states = new java.util.LinkedHashMap<>(outputs.snapshot());
    controller.holds().forEach((output, hold) -> states.computeIfPresent(output,
        (id, s) -> s.cause().equals(hold.cause()) ? s.heldUntil(hold.until()) : s));
    return states;
  }

  /** Returns the seq the next telemetry or event will get; every seq below it is taken. */
  public long nextSeq() {
    return seq.peek();
  }

  /** Returns how many outbox records the cloud has not yet confirmed (0 without a broker). */
  public int outboxDepth() {
    return outbox == null ? 0 : outbox.depth();
  }

  private void event(String type, Severity severity, String message) {
    event(type, severity, message, null, null);
  }

  private void event(String type, Severity severity, String message, Event.Run run, Event.About about) {
    String text = message.length() > 2000 ? message.substring(0, 1997) + "..." : message;
    synchronized (seq) {
      outgoing.publish(new Event(deviceId.value(), seq.next(), type, severity, now(), text, run, about));
    }
  }

  private void outboxNotice(String type, Severity severity, String message) {
    if (!started) {
      synchronized (earlyNotices) {
        if (!started) {
          earlyNotices.add(new String[] {type, severity.name(), message});
          return;
        }
      }
    }
    event(type, severity, message);
  }

  /** Hands events to the builder's listener on their way to {@code target}. */
  private final class Outgoing implements Publisher {
    private final Publisher target;

    Outgoing(Publisher target) {
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
      if (eventListener != null && message instanceof Event e) {
        eventListener.accept(e);
      }
    }
  }

  private void onConfig(byte[] json) {
    try {
      ControlConfig next = configs.offer(json, controller.config().version());
      if (next != null) {
        controller.apply(next);
        event("config.applied", Severity.INFO, "control configuration version " + next.version() + " applied ("
            + next.rules().size() + " rules)");
        publishState();
      }
    } catch (RuntimeException e) {
      log.error("config message could not be handled", e);
    }
  }

  private Instant now() {
    return time.now().truncatedTo(ChronoUnit.MILLIS);
  }

  private void onCommand(byte[] payload) {
    Command command;
    try {
      command = codec.decode(Command.class, payload);
    } catch (ContractViolation e) {
      log.warn("ignoring a malformed command for {}: {}", deviceId, e.getMessage());
      return;
    }
    handle(command);
  }

  private void handle(Command command) {
    try {
      controller.handle(command);
    } catch (RuntimeException e) {
      log.error("command {} could not be handled", command.commandId(), e);
    }
  }

  private final class LinkListener implements MqttLink.Listener {
    @Override
    public void connected(boolean reconnect) {
      link.publish(new Status(true, now(), bootId));
      publishState();
      if (drain != null) {
        drain.linkChanged();
      }
    }

    @Override
    public void command(byte[] payload) {
      try {
        control.execute(() -> onCommand(payload));
      } catch (RejectedExecutionException e) {
        log.info("agent {} is stopping; command not handled", deviceId);
      }
    }

    @Override
    public void receipt(byte[] payload) {
      if (drain == null) {
        return;
      }
      try {
        drain.receipt(codec.decode(Receipt.class, payload));
      } catch (ContractViolation e) {
        log.warn("ignoring a malformed receipt for {}: {}", deviceId, e.getMessage());
      }
    }

    @Override
    public void disconnected() {
      if (drain != null) {
        drain.linkChanged();
      }
    }

    @Override
    public void config(byte[] payload) {
      try {
        control.execute(() -> onConfig(payload));
      } catch (RejectedExecutionException e) {
        log.info("agent {} is stopping; config not handled", deviceId);
      }
    }
  }

  private final class SafetyListener implements SafetyLayer.Listener {
    @Override
    public void event(String type, Severity severity, String message) {
      EdgeAgent.this.event(type, severity, message);
    }

    @Override
    public void event(String type, Severity severity, String message, Event.About about) {
      EdgeAgent.this.event(type, severity, message, null, about);
    }

    @Override
    public void ran(String output, Instant startedAt, Instant endedAt, Double litres, String message) {
      double seconds = Math.max(0, Duration.between(startedAt, endedAt).toMillis()) / 1000.0;
      EdgeAgent.this.event(Event.OUTPUT_RUN, Severity.INFO, message, new Event.Run(output, startedAt, seconds,
          litres == null ? null : Math.round(litres * 1000) / 1000.0), null);
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
      EdgeAgent.this.event(type, severity, message);
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
