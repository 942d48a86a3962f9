package vn.farm.edge.safety;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.farm.contract.ActuatorState;
import vn.farm.contract.Event;
import vn.farm.contract.Severity;
import vn.farm.edge.actuation.Outputs;
import vn.farm.edge.actuation.RelayOutput;
import vn.farm.edge.sensing.Sample;
import vn.farm.edge.time.Scheduler;
import vn.farm.profile.BoardProfile.OutputSpec;

/**
 * The one way to a relay. Every switch a rule, schedule, command or override wants goes through
 * {@link #request}, which refuses what would break a limit and says why; on its own lane the layer also switches
 * outputs off when a run reaches its maximum or the daily budget runs out, watches the control loop, and compares
 * every relay's read-back with what it was told. The limits:
 * <ul>
 *   <li>maximum on-time per run: switched off with cause {@code safety:max_on} when reached;
 *   <li>minimum off-time: a start sooner than that after the last run is refused;
 *   <li>daily budget in minutes, and in litres for an output with a flow rate: refused when used up, switched off
 *       with {@code safety:daily_budget} when a run uses it up; days are local days of the configured zone;
 *   <li>interlocks: an output is not switched on while another of its group is on;
 *   <li>a stuck relay (read-back differs from the commanded state): a critical {@code safety.relay_stuck} event
 *       within one tick, and no new start of that output until it reads back as commanded;
 *   <li>the watchdog: when the control loop has not called {@link #heartbeat()} for the policy's watchdog time,
 *       every output goes to its safe state ({@code safety:watchdog}) until it does.
 * </ul>
 * Turning an output off is never refused. The counters behind the minimum off-time and the daily budget persist in
 * a {@link SafetyLedger}, so a restart resets neither. The layer also judges, for automatic control only, whether
 * the governing input of each output can be trusted ({@link #automationBlock}); a person's command stays possible
 * within the hard limits, since a person can see the crop. Thread-safe: every method holds the layer's lock, and
 * the lane must be a different lane from the control loop's so that a stalled control loop cannot stall safety.
 *
 * <p>This class is the façade and ranks the limits; each limit has a part of its own, called only under this lock:
 * {@link DailyBudget}, {@link RunLimiter}, {@link Watchdog}, {@link RelayReadBack} and {@link InputTrust}. It stays
 * over 300 lines on purpose: switching an output (on, off, a trip, its supply relay, the run it ends) consults all of
 * them and the ledger in one fixed order, under one lock, and splitting the switching itself would spread that order
 * over two classes.
 */
public final class SafetyLayer implements AutoCloseable {
  /** How often a running output's counters are saved at most: a power cut loses at most this much on-time. */
  public static final Duration SAVE_EVERY = Duration.ofSeconds(60);
  private static final Logger log = LoggerFactory.getLogger(SafetyLayer.class);

  /** What the layer tells the agent. Called with the layer's lock held: do not call back into the layer. */
  public interface Listener {
    /** Reports a trip, a refusal worth telling, a stuck relay or a recovery, as an event of the contract. */
    void event(String type, Severity severity, String message);

    /** The same, with what it is about as fields; a listener that has no use for them hears the message. */
    default void event(String type, Severity severity, String message, Event.About about) {
      event(type, severity, message);
    }

    /** Called after any output changed. */
    void outputsChanged();

    /** Called when the layer switched {@code output} off on its own (max on-time, budget, watchdog). */
    void tripped(String output, String reason);

    /**
     * Called when a run of {@code output} ended, however it ended, or on start for a run a restart cut short
     * (then {@code endedAt} is the latest it can have ended); {@code litres} is null for an output without a flow
     * rate. {@code message} says it for people.
     */
    void ran(String output, Instant startedAt, Instant endedAt, Double litres, String message);
  }

  private final Outputs outputs;
  private final List<String> ids;
  private final SupplyRelays supplies;
  private final Clock clock;
  private final Scheduler lane;
  private final Listener listener;
  private final SafetyLedger ledger;
  private final DailyBudget budget;
  private final RunLimiter runs;
  private final Watchdog watchdog;
  private final RelayReadBack readBack;
  private final InputTrust inputs;
  private SafetyPolicy policy;
  private Instant lastSave = Instant.MIN;
  private boolean closed;

  /**
   * Opens the ledger in {@code dataDir} and takes charge of {@code outputs}, which must all be off. {@code lane}
   * runs the layer's timers and ticks in the agent's time; {@code zone} decides where a day of the budget begins.
   */
  public SafetyLayer(Outputs outputs, List<OutputSpec> specs, SafetyPolicy policy, Path dataDir, ZoneId zone,
      Clock clock, Scheduler lane, Listener listener) {
    this.outputs = outputs;
    this.ids = specs.stream().map(OutputSpec::id).toList();
    this.policy = policy;
    this.clock = clock;
    this.lane = lane;
    this.listener = listener;
    Instant now = clock.instant();
    this.ledger = SafetyLedger.open(dataDir, ids, now, zone, SAVE_EVERY);
    this.budget = new DailyBudget(ledger, specs, zone);
    this.supplies = new SupplyRelays(outputs, specs, id -> ledger.of(id).on);
    this.runs = new RunLimiter(lane);
    this.watchdog = new Watchdog(now, listener);
    this.readBack = new RelayReadBack(outputs, supplies, listener);
    this.inputs = new InputTrust(clock, listener);
    if (ledger.problem() != null) {
      listener.event(Event.SAFETY_LEDGER_LOST, Severity.WARNING, ledger.problem());
    }
    for (SafetyLedger.CutRun cut : ledger.cutRuns()) {
      ran(cut.output(), cut.startedAt(), cut.endedAt(), "cut short by a restart; it ended by "
          + SafetyText.localTime(cut.endedAt(), zone) + " at the latest");
    }
  }

  /**
   * Starts the layer's own checks every {@code period} (normally the sample period, since the control loop passes
   * after every sample). The watchdog then waits at least three periods, whatever the policy says, so a slow
   * sample rate is not taken for a stall.
   */
  public synchronized void start(Duration period) {
    watchdog.period(period);
    lane.scheduleAtFixedRate(this::tickSafely, period, period);
  }

  /** Takes in one tick of the sampling loop, for judging the governing inputs. */
  public synchronized void observe(Sample sample) {
    inputs.observe(sample);
  }

  /** Records that the control loop completed a pass; lifts a watchdog trip. */
  public synchronized void heartbeat() {
    watchdog.heartbeat(clock.instant());
  }

  /**
   * Replaces the limits and the zone whose local days the daily budgets count, as a new configuration sets both; a
   * running output is judged against them at once.
   */
  public synchronized void policy(SafetyPolicy policy, ZoneId zone) {
    this.policy = policy;
    Instant now = clock.instant();
    budget.zone(zone, now);
    for (String id : runs.armed()) {
      runs.disarm(id);
      SafetyLedger.Counters c = ledger.of(id);
      if (c.on) {
        arm(id, c, now);
      }
    }
    enforceRunningLimits(now);
  }

  /** Returns the limits in force for {@code output}, or the defaults of its kind. */
  public synchronized OutputLimits limits(String output) {
    return limitsOf(output);
  }

  /**
   * Returns why automatic control of {@code output} must not trust its governing input now (failing, stale, out
   * of its trusted range), or null when it has none or it can be trusted.
   */
  public synchronized String automationBlock(String output) {
    return inputs.block(limitsOf(output), policy);
  }

  /** Returns true while the watchdog holds the outputs in their safe state. */
  public synchronized boolean watchdogTripped() {
    return watchdog.tripped();
  }

  /** Returns the on-time of {@code output} on the current local day, including a run under way. */
  public synchronized Duration onTimeToday(String output) {
    return budget.onTimeToday(output, clock.instant());
  }

  /** Returns the water {@code output} has delivered on the current local day, litres (0 without a flow rate). */
  public synchronized double litresToday(String output) {
    return budget.litresToday(output, clock.instant());
  }

  /** Returns the state of {@code output} read back from its relay, with the cause of its last switch. */
  public synchronized ActuatorState state(String output) {
    return outputs.get(output).orElseThrow(() -> new IllegalArgumentException("no output '" + output + "'"))
        .state();
  }

  /** Returns true when the layer has last switched {@code output} on (whatever its relay reads back). */
  public synchronized boolean commandedOn(String output) {
    return ledger.of(output).on;
  }

  /**
   * Switches {@code output} on or off for {@code cause} unless a limit forbids it, and returns the verdict with
   * the state read back. Asking for the state an output already has only updates its cause.
   */
  public synchronized Verdict request(String output, boolean on, String cause) {
    RelayOutput relay = outputs.get(output).orElse(null);
    if (relay == null) {
      return Verdict.refused("this controller has no output '" + output + "'", null);
    }
    if (closed) {
      return Verdict.refused("the controller is shutting down", relay.state());
    }
    if (supplies.isSupply(output)) {
      String fed = supplies.fedBy(output);
      return Verdict.refused(output + " is the supply relay of " + fed + " and follows it; switch " + fed
          + " instead", relay.state());
    }
    Instant now = clock.instant();
    budget.roll(now);
    SafetyLedger.Counters c = ledger.of(output);
    if (!on) {
      return switchOff(relay, c, cause, now);
    }
    if (c.on) {
      ActuatorState state = relay.state();
      if (!cause.equals(state.cause())) {
        state = relay.set(true, cause);
      }
      return Verdict.allowed(state);
    }
    String refusal = refusalToStart(output, c, now);
    if (refusal != null) {
      return Verdict.refused(refusal, relay.state());
    }
    String supplyRefusal = closeSupply(output);
    if (supplyRefusal != null) {
      return Verdict.refused(supplyRefusal, relay.state());
    }
    ActuatorState state = relay.set(true, cause);
    if (!state.on()) {
      readBack.markStuck(output, false);
      relay.set(false, cause);
      supplies.openIfIdle(output, cause);
      return Verdict.refused("output " + output + " reads back off after switching on: check the relay board",
          relay.state());
    }
    ledger.switchedOn(c, now);
    arm(output, c, now);
    save(now);
    listener.outputsChanged();
    return Verdict.allowed(state);
  }

  /** Switches every output off for {@code cause}, saves the counters and stops the layer's timers. Idempotent. */
  public synchronized void shutdown(String cause) {
    if (closed) {
      return;
    }
    Instant now = clock.instant();
    for (String id : ids) {
      outputs.get(id).ifPresent(relay -> switchOff(relay, ledger.of(id), cause, now));
    }
    closed = true;
    runs.disarmAll();
    save(now);
  }

  @Override
  public void close() {
    shutdown("shutdown");
  }

  /** Returns why {@code output} may not start now, asking the limits in the order they rank, or null. */
  private String refusalToStart(String output, SafetyLedger.Counters c, Instant now) {
    OutputLimits limits = limitsOf(output);
    String refusal = watchdog.refusal(output, limits);
    if (refusal == null) {
      refusal = readBack.refusal(output);
    }
    if (refusal == null) {
      refusal = runs.refusal(output, limits, c, now, budget.zone());
    }
    if (refusal == null) {
      refusal = budget.refusal(output, limits, now);
    }
    return refusal != null ? refusal : interlockRefusal(output);
  }

  private String interlockRefusal(String output) {
    for (Set<String> group : policy.interlocks()) {
      if (group.contains(output)) {
        for (String peer : group) {
          if (!peer.equals(output) && (ledger.of(peer).on || outputs.get(peer).map(RelayOutput::isOn).orElse(false))) {
            return output + " is interlocked with " + peer + ", which is on";
          }
        }
      }
    }
    return null;
  }

  /** Closes the supply relay in series with {@code output}, if it has one; returns why it could not, or null. */
  private String closeSupply(String output) {
    String supply = supplies.of(output);
    if (supply == null) {
      return null;
    }
    if (readBack.stuck(supply) && !outputs.get(supply).orElseThrow().isOn()) {
      return "the supply relay " + supply + " of " + output + " does not follow the controller (stuck); repair it "
          + "first";
    }
    if (!supplies.close(output)) {
      readBack.markStuck(supply, false);
      return "the supply relay " + supply + " of " + output + " reads back off after switching on: check the relay "
          + "board";
    }
    return null;
  }

  private Verdict switchOff(RelayOutput relay, SafetyLedger.Counters c, String cause, Instant now) {
    if (supplies.isSupply(relay.id())) {
      return Verdict.allowed(relay.state());
    }
    boolean wasOn = c.on;
    Instant startedAt = c.runStartedAt;
    String onFor = relay.state().cause();
    ActuatorState state = relay.isOn() || wasOn || !cause.equals(relay.state().cause()) ? relay.set(false, cause)
        : relay.state();
    if (wasOn) {
      ledger.switchedOff(c, now);
      if (startedAt != null) {
        ran(relay.id(), startedAt, now, "on for " + onFor + ", off for " + cause);
      }
      runs.disarm(relay.id());
      save(now);
      listener.outputsChanged();
    }
    supplies.openIfIdle(relay.id(), cause);
    if (state.on()) {
      readBack.markStuck(relay.id(), true);
      return Verdict.refused("output " + relay.id() + " reads back on after switching off: the relay may be stuck"
          + (supplies.cutOff(relay.id()) ? "; its supply relay " + supplies.of(relay.id()) + " is open, so it is "
              + "stopped" : "; cut its supply by hand"), state);
    }
    return Verdict.allowed(state);
  }

  private void ran(String output, Instant startedAt, Instant endedAt, String how) {
    double minutes = Math.max(0, Duration.between(startedAt, endedAt).toMillis()) / 60_000.0;
    Double litres = budget.litres(output, minutes);
    listener.ran(output, startedAt, endedAt, litres, output + " ran " + SafetyText.number(minutes * 60) + " s from "
        + SafetyText.localTime(startedAt, budget.zone()) + (litres == null ? "" : ", " + SafetyText.number(litres)
            + " L") + " (" + how + ")");
  }

  /** Schedules the switch-off at the end of the longest run the limits and the daily budget allow from now. */
  private void arm(String output, SafetyLedger.Counters c, Instant now) {
    OutputLimits limits = limitsOf(output);
    Duration byRun = runs.left(limits, c, now);
    Duration byBudget = budget.left(output, limits, now);
    runs.arm(output, byRun.compareTo(byBudget) <= 0 ? byRun : byBudget, () -> checkRun(output));
  }

  private synchronized void checkRun(String output) {
    runs.fired(output);
    if (!closed) {
      Instant now = clock.instant();
      budget.roll(now);
      enforce(output, now);
    }
  }

  private void enforceRunningLimits(Instant now) {
    for (String id : ids) {
      enforce(id, now);
    }
  }

  /** Switches {@code output} off if its run has reached a limit; re-arms the timer otherwise. */
  private void enforce(String output, Instant now) {
    SafetyLedger.Counters c = ledger.of(output);
    if (!c.on) {
      return;
    }
    OutputLimits limits = limitsOf(output);
    Trip trip = runs.trip(output, limits, c, now);
    if (trip == null) {
      trip = budget.trip(output, limits, now);
    }
    if (trip == null) {
      if (!runs.armed(output)) {
        arm(output, c, now);
      }
      return;
    }
    trip(output, trip);
  }

  private void trip(String output, Trip trip) {
    RelayOutput relay = outputs.get(output).orElseThrow();
    String was = relay.state().cause();
    Verdict v = switchOff(relay, ledger.of(output), trip.cause(), clock.instant());
    String message = trip.why() + " (it was on for " + was + ")" + (v.allowed() ? "" : "; " + v.reason());
    log.warn("{}", message);
    listener.event(trip.event(), Severity.WARNING, message, trip.about());
    listener.tripped(output, trip.why());
  }

  private void tickSafely() {
    try {
      tick();
    } catch (RuntimeException e) {
      log.error("safety tick failed; the next one runs as scheduled", e);
    }
  }

  /** The layer's periodic checks; package-private so tests can run one at an exact time. */
  synchronized void tick() {
    if (closed) {
      return;
    }
    Instant now = clock.instant();
    budget.roll(now);
    enforceRunningLimits(now);
    if (watchdog.check(now, policy.watchdog())) {
      for (String id : ids) {
        boolean safeOn = limitsOf(id).safeStateOn();
        if (ledger.of(id).on != safeOn) {
          if (safeOn) {
            request(id, true, "safety:watchdog");
          } else {
            trip(id, new Trip(Event.SAFETY_WATCHDOG, id + " switched to its safe state (off) by the watchdog",
                Event.About.output(id, "watchdog")));
          }
        }
      }
    }
    readBack.check(ids, id -> ledger.of(id).on);
    inputs.check(ids, this::limitsOf, policy);
    boolean running = ids.stream().anyMatch(id -> ledger.of(id).on);
    if (running && Duration.between(lastSave, now).compareTo(SAVE_EVERY) >= 0) {
      save(now);
    }
  }

  private void save(Instant now) {
    ledger.save(now);
    lastSave = now;
  }

  private OutputLimits limitsOf(String output) {
    OutputLimits limits = policy.outputs().get(output);
    if (limits != null) {
      return limits;
    }
    return outputs.get(output).map(r -> OutputLimits.defaultsFor(r.spec().kind()))
        .orElseThrow(() -> new IllegalArgumentException("no output '" + output + "'"));
  }
}
