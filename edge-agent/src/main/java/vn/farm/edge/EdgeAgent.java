package vn.farm.edge;

import com.pi4j.context.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.farm.contract.ActuatorState;
import vn.farm.contract.Command;
import vn.farm.contract.ContractViolation;
import vn.farm.contract.DeviceId;
import vn.farm.contract.MessageCodec;
import vn.farm.contract.State;
import vn.farm.contract.Status;
import vn.farm.edge.actuation.CommandHandler;
import vn.farm.edge.actuation.Outputs;
import vn.farm.edge.config.AgentConfig;
import vn.farm.edge.sensing.Input;
import vn.farm.edge.sensing.Inputs;
import vn.farm.edge.sensing.Sample;
import vn.farm.edge.sensing.SamplingLoop;
import vn.farm.edge.sensing.Sleeper;
import vn.farm.edge.sync.MqttLink;
import vn.farm.edge.sync.SeqStore;
import vn.farm.edge.sync.Uplink;
import vn.farm.edge.time.Scheduler;
import vn.farm.edge.time.TimeSource;
import vn.farm.profile.BoardProfile;
import vn.farm.profile.Profiles;

/**
 * The greenhouse controller: drives the board described by the configured profile through a Pi4J context, samples
 * every input at a fixed rate and publishes telemetry and events, applies remote commands to the outputs, and keeps
 * the retained status and state on the broker current. Starting never waits for the broker: the agent samples and
 * switches with or without a connection, and with {@code brokerUrl: none} it runs with no cloud at all.
 * {@link #close()} switches every output off, publishes the offline status and disconnects. Thread-safe.
 *
 * <p>Time comes from one {@link TimeSource}: timestamps, the sampling rate, command expiry and timed switch-offs
 * (real time on a Pi; accelerated or virtual time in the simulator). Sampling and control run on two lanes of it,
 * so a slow sensor never delays a command. Only the MQTT reconnect backoff always runs in real time, on its own
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
  private final Scheduler reconnects;
  private final Uplink link;
  private final CommandHandler commands;
  private final MessageCodec codec = new MessageCodec();
  private volatile boolean closed;

  private EdgeAgent(Builder b) {
    this.deviceId = DeviceId.of(b.config.deviceId());
    this.bootId = UUID.randomUUID().toString();
    this.time = b.time;
    this.pi4j = b.pi4j;
    this.ownsContext = b.ownsContext;
    BoardProfile board = Profiles.board(b.config.board());
    this.seq = SeqStore.open(b.config.dataDir());
    this.sampler = time.newScheduler("edge-sampling-" + deviceId);
    this.control = time.newScheduler("edge-control-" + deviceId);
    this.reconnects = b.config.offline() ? null : TimeSource.real().newScheduler("edge-mqtt-" + deviceId);
    Outputs claimed = null;
    try {
      claimed = Outputs.fromBoard(board, pi4j, time.clock());
      this.outputs = claimed;
      this.inputs = Inputs.fromBoard(board, pi4j, b.config.w1Root(), b.sleeper != null ? b.sleeper : time.sleeper());
      this.link = b.config.offline() ? Uplink.none() : new MqttLink(deviceId, b.config.brokerUrl(),
          b.config.username(), b.config.password(), new Status(false, now(), bootId), codec, reconnects,
          new LinkListener());
      this.commands = new CommandHandler(outputs, time.clock(), control, link::publish, this::publishState);
      link.start();
      SampleListener listener = b.sampleListener;
      Outputs read = claimed;
      Consumer<Sample> samples = listener == null ? sample -> { } : sample -> listener.sampled(sample, read.snapshot());
      sampler.scheduleAtFixedRate(new SamplingLoop(deviceId, bootId, inputs, seq, link, time.clock(), samples),
          Duration.ZERO, b.config.samplePeriod());
    } catch (RuntimeException e) {
      if (claimed != null) {
        claimed.release();
      }
      sampler.close();
      control.close();
      if (reconnects != null) {
        reconnects.close();
      }
      seq.close();
      throw e;
    }
    log.info("edge agent {} started (boot {}, board {}, sampling every {} s, {}, {})", deviceId, bootId, board.id(),
        b.config.samplePeriodS(), b.config.offline() ? "no broker" : "broker " + b.config.brokerUrl(), time);
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
   * expiry against this agent's time, unknown output) and the same ack, which is sent when connected. For local
   * tools and simulations. Throws {@link RejectedExecutionException} once the agent is closed.
   */
  public void submit(Command command) {
    control.execute(() -> handle(command));
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
    commands.cancelAll();
    control.close();
    outputs.allOff("shutdown");
    publishState();
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
    link.publish(new State(deviceId.value(), now(), 0, outputs.snapshot(), 0));
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
      commands.handle(command);
    } catch (RuntimeException e) {
      log.error("command {} could not be handled", command.commandId(), e);
    }
  }

  private final class LinkListener implements MqttLink.Listener {
    @Override
    public void connected(boolean reconnect) {
      link.publish(new Status(true, now(), bootId));
      publishState();
    }

    @Override
    public void command(byte[] payload) {
      try {
        control.execute(() -> onCommand(payload));
      } catch (RejectedExecutionException e) {
        log.info("agent {} is stopping; command not handled", deviceId);
      }
    }
  }

  /** Options for starting an agent; only the configuration and the Pi4J context are required. */
  public static final class Builder {
    private final AgentConfig config;
    private final Context pi4j;
    private TimeSource time = TimeSource.real();
    private Sleeper sleeper;
    private SampleListener sampleListener;
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
