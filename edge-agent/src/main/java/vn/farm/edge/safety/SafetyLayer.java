package vn.farm.edge.safety;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.farm.contract.ActuatorState;
import vn.farm.contract.Event;
import vn.farm.contract.Severity;
import vn.farm.edge.actuation.Outputs;
import vn.farm.edge.actuation.RelayOutput;
import vn.farm.edge.sensing.LatestReadings;
import vn.farm.edge.sensing.Sample;
import vn.farm.edge.time.Cancellable;
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
 */
public final class SafetyLayer implements AutoCloseable {
  /** How often a running output's counters are saved at most: a power cut loses at most this much on-time. */
  public static final Duration SAVE_EVERY = Duration.ofSeconds(60);
  private static final Logger log = LoggerFactory.getLogger(SafetyLayer.class);
  private static final DateTimeFormatter HH_MM_SS = DateTimeFormatter.ofPattern("HH:mm:ss");

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
  private final Map<String, Double> flowLitresPerMin = new HashMap<>();
  private final Clock clock;
  private volatile ZoneId zone;
  private final Scheduler lane;
  private final Listener listener;
  private final SafetyLedger ledger;
  private final LatestReadings readings = new LatestReadings();
  private final Map<String, Cancellable> tripTimers = new HashMap<>();
  private final Set<String> stuck = new HashSet<>();
  private final Map<String, String> inputProblems = new HashMap<>();
  private SafetyPolicy policy;
  private Instant lastHeartbeat;
  private Duration minWatchdog = Duration.ZERO;
  private boolean watchdogTripped;
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
    this.zone = zone;
    this.clock = clock;
    this.lane = lane;
    this.listener = listener;
    for (OutputSpec spec : specs) {
      if (spec.flowLitresPerMin() != null) {
        flowLitresPerMin.put(spec.id(), spec.flowLitresPerMin());
      }
    }
    Instant now = clock.instant();
    this.ledger = SafetyLedger.open(dataDir, ids, now, zone, SAVE_EVERY);
    this.supplies = new SupplyRelays(outputs, specs, id -> ledger.of(id).on);
    this.lastHeartbeat = now;
    if (ledger.problem() != null) {
      listener.event("safety.ledger_lost", Severity.WARNING, ledger.problem());
    }
    for (SafetyLedger.CutRun cut : ledger.cutRuns()) {
      ran(cut.output(), cut.startedAt(), cut.endedAt(), "cut short by a restart; it ended by "
          + localTime(cut.endedAt()) + " at the latest");
    }
  }

  /**
   * Starts the layer's own checks every {@code period} (normally the sample period, since the control loop passes
   * after every sample). The watchdog then waits at least three periods, whatever the policy says, so a slow
   * sample rate is not taken for a stall.
   */
  public synchronized void start(Duration period) {
    this.minWatchdog = period.multipliedBy(3);
    lane.scheduleAtFixedRate(this::tickSafely, period, period);
  }

  /** Takes in one tick of the sampling loop, for judging the governing inputs. */
  public synchronized void observe(Sample sample) {
    readings.update(sample);
  }

  /** Records that the control loop completed a pass; lifts a watchdog trip. */
  public synchronized void heartbeat() {
    lastHeartbeat = clock.instant();
    if (watchdogTripped) {
      watchdogTripped = false;
      listener.event(Event.SAFETY_WATCHDOG_RECOVERED, Severity.INFO, "control loop running again; outputs return to "
          + "normal control");
    }
  }

  /**
   * Replaces the limits and the zone whose local days the daily budgets count, as a new configuration sets both; a
   * running output is judged against them at once.
   */
  public synchronized void policy(SafetyPolicy policy, ZoneId zone) {
    this.policy = policy;
    Instant now = clock.instant();
    if (!zone.equals(this.zone)) {
      ledger.zone(zone, now);
      this.zone = zone;
    }
    for (Map.Entry<String, Cancellable> t : Map.copyOf(tripTimers).entrySet()) {
      t.getValue().cancel();
      tripTimers.remove(t.getKey());
      SafetyLedger.Counters c = ledger.of(t.getKey());
      if (c.on) {
        arm(t.getKey(), c, now);
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
    OutputLimits limits = limitsOf(output);
    Governor g = limits.governedBy();
    if (g == null) {
      return null;
    }
    List<String> problems = new java.util.ArrayList<>(g.inputs().size());
    for (String input : g.inputs()) {
      String problem = readings.unusable(input, g.quantity(), clock.instant(), policy.staleAfter(),
          policy.frozenAfter(g.quantity()), g.min(), g.max());
      if (problem == null) {
        return null;
      }
      problems.add(problem);
    }
    return String.join("; ", problems);
  }

  /** Returns true while the watchdog holds the outputs in their safe state. */
  public synchronized boolean watchdogTripped() {
    return watchdogTripped;
  }

  /** Returns the on-time of {@code output} on the current local day, including a run under way. */
  public synchronized Duration onTimeToday(String output) {
    Instant now = clock.instant();
    ledger.roll(now);
    return Duration.ofMillis(ledger.onMillisToday(ledger.of(output), now));
  }

  /** Returns the water {@code output} has delivered on the current local day, litres (0 without a flow rate). */
  public synchronized double litresToday(String output) {
    Double flow = flowLitresPerMin.get(output);
    return flow == null ? 0 : onTimeToday(output).toMillis() / 60_000.0 * flow;
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
    ledger.roll(now);
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
    String supplyRefusal = closeSupply(output, now);
    if (supplyRefusal != null) {
      return Verdict.refused(supplyRefusal, relay.state());
    }
    ActuatorState state = relay.set(true, cause);
    if (!state.on()) {
      markStuck(output, false, now);
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
    tripTimers.values().forEach(Cancellable::cancel);
    tripTimers.clear();
    save(now);
  }

  @Override
  public void close() {
    shutdown("shutdown");
  }

  private String refusalToStart(String output, SafetyLedger.Counters c, Instant now) {
    OutputLimits limits = limitsOf(output);
    if (watchdogTripped && !limits.safeStateOn()) {
      return "the watchdog holds " + output + " in its safe state (off) until the control loop runs again";
    }
    if (stuck.contains(output)) {
      return "the relay of " + output + " does not follow the controller (stuck); repair it first";
    }
    if (c.lastOffAt != null) {
      Instant allowedAt = c.lastOffAt.plus(limits.minOff());
      if (now.isBefore(allowedAt)) {
        return output + " must stay off until " + localTime(allowedAt) + " (minimum off-time "
            + limits.minOff().toSeconds() + " s after its last run)";
      }
    }
    long usedMs = ledger.onMillisToday(c, now);
    if (limits.dailyMaxMinutes() != null && usedMs >= limits.dailyMaxMinutes() * 60_000) {
      return String.format(Locale.ROOT, "%s has used its daily limit of %s min today (%.1f min); it may run again "
          + "tomorrow", output, number(limits.dailyMaxMinutes()), usedMs / 60_000.0);
    }
    Double flow = flowLitresPerMin.get(output);
    if (limits.dailyMaxLitres() != null && flow != null && usedMs / 60_000.0 * flow >= limits.dailyMaxLitres()) {
      return String.format(Locale.ROOT, "%s has delivered its daily limit of %s L today (%.0f L); it may run again "
          + "tomorrow", output, number(limits.dailyMaxLitres()), usedMs / 60_000.0 * flow);
    }
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
  private String closeSupply(String output, Instant now) {
    String supply = supplies.of(output);
    if (supply == null) {
      return null;
    }
    if (stuck.contains(supply) && !outputs.get(supply).orElseThrow().isOn()) {
      return "the supply relay " + supply + " of " + output + " does not follow the controller (stuck); repair it "
          + "first";
    }
    if (!supplies.close(output)) {
      markStuck(supply, false, now);
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
      Cancellable timer = tripTimers.remove(relay.id());
      if (timer != null) {
        timer.cancel();
      }
      save(now);
      listener.outputsChanged();
    }
    supplies.openIfIdle(relay.id(), cause);
    if (state.on()) {
      markStuck(relay.id(), true, now);
      return Verdict.refused("output " + relay.id() + " reads back on after switching off: the relay may be stuck"
          + (supplies.cutOff(relay.id()) ? "; its supply relay " + supplies.of(relay.id()) + " is open, so it is "
          + "stopped" : "; cut its supply by hand"), state);
    }
    return Verdict.allowed(state);
  }

  private void ran(String output, Instant startedAt, Instant endedAt, String how) {
    double minutes = Math.max(0, Duration.between(startedAt, endedAt).toMillis()) / 60_000.0;
    Double flow = flowLitresPerMin.get(output);
    Double litres = flow == null ? null : minutes * flow;
    listener.ran(output, startedAt, endedAt, litres, output + " ran " + number(minutes * 60) + " s from "
        + localTime(startedAt) + (litres == null ? "" : ", " + number(litres) + " L") + " (" + how + ")");
  }

  /** Schedules the switch-off at the end of the longest run the limits allow from now. */
  private void arm(String output, SafetyLedger.Counters c, Instant now) {
    Duration left = runLeft(output, c, now);
    if (left == null) {
      return;
    }
    try {
      tripTimers.put(output, lane.schedule(() -> checkRun(output), left.isNegative() ? Duration.ZERO : left));
    } catch (RejectedExecutionException e) {
      log.debug("safety lane closed; {} not armed", output);
    }
  }

  /** Returns how much longer the current run of {@code output} may last, or null when nothing limits it. */
  private Duration runLeft(String output, SafetyLedger.Counters c, Instant now) {
    OutputLimits limits = limitsOf(output);
    Duration left = limits.maxOn().minus(Duration.between(c.runStartedAt, now));
    long usedMs = ledger.onMillisToday(c, now);
    if (limits.dailyMaxMinutes() != null) {
      left = min(left, Duration.ofMillis(Math.round(limits.dailyMaxMinutes() * 60_000 - usedMs)));
    }
    Double flow = flowLitresPerMin.get(output);
    if (limits.dailyMaxLitres() != null && flow != null && flow > 0) {
      left = min(left, Duration.ofMillis(Math.round(limits.dailyMaxLitres() / flow * 60_000 - usedMs)));
    }
    // A run that crosses midnight gets a fresh budget at midnight: check again then.
    Instant midnight = ledger.of(output).day.plusDays(1).atStartOfDay(zone).toInstant();
    return min(left, Duration.between(now, midnight));
  }

  private synchronized void checkRun(String output) {
    tripTimers.remove(output);
    if (!closed) {
      Instant now = clock.instant();
      ledger.roll(now);
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
    Duration run = Duration.between(c.runStartedAt, now);
    long usedMs = ledger.onMillisToday(c, now);
    Double flow = flowLitresPerMin.get(output);
    String type = null;
    String why = null;
    Event.About about = null;
    if (run.compareTo(limits.maxOn()) >= 0) {
      type = "max_on";
      why = output + " switched off after its maximum run of " + limits.maxOn().toSeconds() + " s";
      about = new Event.About(null, output, type, (double) limits.maxOn().toSeconds(), run.toMillis() / 1000.0);
    } else if (limits.dailyMaxMinutes() != null && usedMs >= limits.dailyMaxMinutes() * 60_000) {
      type = "daily_budget";
      why = output + " switched off: its daily limit of " + number(limits.dailyMaxMinutes()) + " min is used";
      about = new Event.About(null, output, type, limits.dailyMaxMinutes(), usedMs / 60_000.0);
    } else if (limits.dailyMaxLitres() != null && flow != null && usedMs / 60_000.0 * flow >= limits.dailyMaxLitres()) {
      type = "daily_budget";
      why = output + " switched off: its daily limit of " + number(limits.dailyMaxLitres()) + " L is used";
      about = new Event.About(null, output, type, limits.dailyMaxLitres(), usedMs / 60_000.0 * flow);
    }
    if (type == null) {
      if (!tripTimers.containsKey(output)) {
        arm(output, c, now);
      }
      return;
    }
    trip(output, type, why, about);
  }

  private void trip(String output, String type, String why, Event.About about) {
    RelayOutput relay = outputs.get(output).orElseThrow();
    String was = relay.state().cause();
    Verdict v = switchOff(relay, ledger.of(output), "safety:" + type, clock.instant());
    String message = why + " (it was on for " + was + ")" + (v.allowed() ? "" : "; " + v.reason());
    log.warn("{}", message);
    listener.event("safety." + type, Severity.WARNING, message, about);
    listener.tripped(output, why);
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
    ledger.roll(now);
    enforceRunningLimits(now);
    Duration watchdog = policy.watchdog().compareTo(minWatchdog) >= 0 ? policy.watchdog() : minWatchdog;
    if (!watchdogTripped && Duration.between(lastHeartbeat, now).compareTo(watchdog) > 0) {
      watchdogTripped = true;
      String message = "control loop silent since " + lastHeartbeat.truncatedTo(ChronoUnit.SECONDS) + " (limit "
          + watchdog.toSeconds() + " s): every output goes to its safe state";
      log.error("{}", message);
      listener.event(Event.SAFETY_WATCHDOG, Severity.CRITICAL, message);
      for (String id : ids) {
        boolean safeOn = limitsOf(id).safeStateOn();
        if (ledger.of(id).on != safeOn) {
          if (safeOn) {
            request(id, true, "safety:watchdog");
          } else {
            trip(id, "watchdog", id + " switched to its safe state (off) by the watchdog",
                Event.About.output(id, "watchdog"));
          }
        }
      }
    }
    checkReadBack(now);
    checkGoverningInputs(now);
    boolean running = ids.stream().anyMatch(id -> ledger.of(id).on);
    if (running && Duration.between(lastSave, now).compareTo(SAVE_EVERY) >= 0) {
      save(now);
    }
  }

  private void checkReadBack(Instant now) {
    for (String id : ids) {
      RelayOutput relay = outputs.get(id).orElseThrow();
      boolean commanded = supplies.isSupply(id) ? supplies.wanted(id) : ledger.of(id).on;
      boolean read = relay.isOn();
      if (read != commanded) {
        markStuck(id, read, now);
        relay.set(commanded, relay.state().cause());
      } else if (stuck.remove(id)) {
        listener.event(Event.SAFETY_RELAY_RECOVERED, Severity.INFO, "the relay of " + id + " follows the controller "
            + "again (reads back " + (read ? "on" : "off") + ")", Event.About.output(id, "relay_stuck"));
      }
    }
  }

  private void markStuck(String output, boolean readsOn, Instant now) {
    if (stuck.add(output)) {
      String whatNow = !readsOn ? ": check the relay board and its wiring"
          : supplies.cutOff(output) ? ": its contacts may be welded; its supply relay " + supplies.of(output) + " is "
              + "open, so it is stopped, but it cannot run again until the relay is replaced"
          : ": its contacts may be welded and it keeps running; cut its supply by hand and replace the relay";
      String message = "the relay of " + output + " reads back " + (readsOn ? "ON" : "OFF") + " but was switched "
          + (readsOn ? "off" : "on") + whatNow;
      log.error("{}", message);
      listener.event(Event.SAFETY_RELAY_STUCK, Severity.CRITICAL, message, Event.About.output(output, "relay_stuck"));
    }
  }

  private void checkGoverningInputs(Instant now) {
    for (String id : ids) {
      String problem = automationBlock(id);
      String before = problem == null ? inputProblems.remove(id) : inputProblems.put(id, problem);
      if (problem != null && before == null) {
        listener.event(Event.SAFETY_INPUT_UNUSABLE, Severity.WARNING, "automatic control of " + id + " falls back to "
            + "its safe state (" + (limitsOf(id).safeStateOn() ? "on" : "off") + "): " + problem,
            Event.About.output(id, "input_unusable"));
      } else if (problem == null && before != null) {
        listener.event(Event.SAFETY_INPUT_USABLE, Severity.INFO, "automatic control of " + id + " resumes: its input "
            + "reads again", Event.About.output(id, "input_unusable"));
      }
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

  private String localTime(Instant at) {
    return HH_MM_SS.format(LocalTime.ofInstant(at, zone));
  }

  private static String number(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
