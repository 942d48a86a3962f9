package vn.farm.edge;

import com.pi4j.context.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
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
import vn.farm.edge.sensing.SamplingLoop;
import vn.farm.edge.sensing.Sleeper;
import vn.farm.edge.sync.MqttLink;
import vn.farm.edge.sync.SeqStore;
import vn.farm.profile.BoardProfile;
import vn.farm.profile.Profiles;

/**
 * The greenhouse controller: drives the board described by the configured profile through a Pi4J context, samples
 * every input at a fixed rate and publishes telemetry and events, applies remote commands to the outputs, and keeps
 * the retained status and state on the broker current. Starting never waits for the broker: the agent samples and
 * switches with or without a connection. {@link #close()} switches every output off, publishes the offline status
 * and disconnects. Thread-safe.
 */
public final class EdgeAgent implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EdgeAgent.class);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

  private final DeviceId deviceId;
  private final String bootId;
  private final Clock clock;
  private final Context pi4j;
  private final boolean ownsContext;
  private final SeqStore seq;
  private final Outputs outputs;
  private final List<Input> inputs;
  private final MqttLink link;
  private final CommandHandler commands;
  private final MessageCodec codec = new MessageCodec();
  private final ScheduledExecutorService sampler;
  private final ScheduledExecutorService control;
  private volatile boolean closed;

  private EdgeAgent(Builder b) {
    this.deviceId = DeviceId.of(b.config.deviceId());
    this.bootId = UUID.randomUUID().toString();
    this.clock = b.clock;
    this.pi4j = b.pi4j;
    this.ownsContext = b.ownsContext;
    BoardProfile board = Profiles.board(b.config.board());
    this.seq = SeqStore.open(b.config.dataDir());
    this.sampler = singleThread("edge-sampling-" + deviceId);
    this.control = singleThread("edge-control-" + deviceId);
    Outputs claimed = null;
    try {
      claimed = Outputs.fromBoard(board, pi4j, clock);
      this.outputs = claimed;
      this.inputs = Inputs.fromBoard(board, pi4j, b.config.w1Root(), b.sleeper);
      this.link = new MqttLink(deviceId, b.config.brokerUrl(), b.config.username(), b.config.password(),
          new Status(false, now(), bootId), codec, control, new LinkListener());
      this.commands = new CommandHandler(outputs, clock, control, link::publish, this::publishState);
      link.start();
      sampler.scheduleAtFixedRate(new SamplingLoop(deviceId, bootId, inputs, seq, link, clock), 0,
          b.config.samplePeriod().toNanos(), TimeUnit.NANOSECONDS);
    } catch (RuntimeException e) {
      if (claimed != null) {
        claimed.release();
      }
      sampler.shutdownNow();
      control.shutdownNow();
      seq.close();
      throw e;
    }
    log.info("edge agent {} started (boot {}, board {}, sampling every {} s)", deviceId, bootId, board.id(),
        b.config.samplePeriodS());
  }

  /** Starts an agent on {@code pi4j} that does not own the context and sleeps for real while chips convert. */
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

  /** Returns true while connected to the broker. */
  public boolean isConnected() {
    return link.isConnected();
  }

  /** Returns the read-back state of every output. */
  public Map<String, ActuatorState> outputs() {
    return outputs.snapshot();
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
    stop(sampler);
    commands.cancelAll();
    stop(control);
    outputs.allOff("shutdown");
    publishState();
    link.close(new Status(false, now(), bootId), Duration.ofSeconds(2));
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
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  private void onCommand(byte[] payload) {
    Command command;
    try {
      command = codec.decode(Command.class, payload);
    } catch (ContractViolation e) {
      log.warn("ignoring a malformed command for {}: {}", deviceId, e.getMessage());
      return;
    }
    try {
      commands.handle(command);
    } catch (RuntimeException e) {
      log.error("command {} could not be handled", command.commandId(), e);
    }
  }

  private static void stop(ScheduledExecutorService executor) {
    executor.shutdown();
    try {
      if (!executor.awaitTermination(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  private static ScheduledExecutorService singleThread(String name) {
    ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    });
    // On stop, pending timers (a connect retry, a timed switch-off) are dropped rather than waited for.
    executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    executor.setRemoveOnCancelPolicy(true);
    return executor;
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
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.SYSTEM;
    private boolean ownsContext;

    private Builder(AgentConfig config, Context pi4j) {
      this.config = config;
      this.pi4j = pi4j;
    }

    /** Sets the clock for timestamps and command expiry (default: system UTC). */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** Sets how drivers wait for conversions (default: really sleep). */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = sleeper;
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
