package vn.farm.edge.control;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.farm.contract.Ack;
import vn.farm.contract.AckStatus;
import vn.farm.contract.Command;
import vn.farm.contract.Severity;
import vn.farm.edge.safety.SafetyLayer;
import vn.farm.edge.safety.Verdict;
import vn.farm.edge.sensing.LatestReadings;
import vn.farm.edge.sensing.Sample;
import vn.farm.edge.time.Cancellable;
import vn.farm.edge.time.Scheduler;
import vn.farm.profile.BoardProfile.OutputSpec;

/**
 * The control loop: decides what every output should do and asks the {@link SafetyLayer} for it. For each output
 * the first of these that applies wins:
 * <ol>
 *   <li>a manual override by a person at the greenhouse, always with an expiry ({@code override});
 *   <li>a remote command: {@code on} for its duration, {@code off} for its duration or the configuration's
 *       {@code offHold}, {@code auto} hands back to the rules ({@code command:{id}});
 *   <li>the safe state, when the output's governing input cannot be trusted ({@code safety:input_unusable});
 *   <li>the rules and schedules of the output: on when any of them wants it on ({@code rule:{id}},
 *       {@code schedule:{id}}); an output without rules stays off ({@code auto}).
 * </ol>
 * The safety layer sits under all of them and may refuse or end any run. Every change is published as an
 * {@code output.switched} event naming its cause; a refusal of automatic control is reported once per episode as
 * {@code control.refused}. The loop passes after every sample, at the next window or cycle edge and at the end of
 * every hold, and tells the safety layer's watchdog that it is alive after each pass. Thread-safe (one lock); run
 * it on its own lane.
 */
public final class Controller {
  private static final Logger log = LoggerFactory.getLogger(Controller.class);
  private static final DateTimeFormatter HH_MM_SS = DateTimeFormatter.ofPattern("HH:mm:ss");
  /** How many recent command ids are remembered to detect redelivery. */
  public static final int RECENT = 1000;
  /** The longest manual override a person can set at once. */
  public static final Duration MAX_OVERRIDE = Duration.ofHours(24);

  /** What the controller tells the agent. Called with the controller's lock held. */
  public interface Listener {
    void event(String type, Severity severity, String message);

    void ack(Ack ack);

    /** Called after outputs or holds changed, for the retained state. */
    void stateChanged();
  }

  /** A person's or the cloud's hold on one output until {@code until}. */
  public record Hold(boolean on, Instant until, String cause, String by) {}

  private final SafetyLayer safety;
  private final List<String> outputIds;
  /** The outputs rules and holds drive: all but supply relays, which the safety layer moves with their outputs. */
  private final List<String> driven;
  private final Map<String, Double> flows = new HashMap<>();
  private final List<String> fans;
  private final Clock clock;
  private final Scheduler lane;
  private final Listener listener;
  private final LatestReadings readings = new LatestReadings();
  private final ClimateMeters meters = new ClimateMeters();
  private final Map<String, HourlyRing> water = new HashMap<>();
  // Changed under this object's lock; concurrent maps so that holds() can be read without it (see there).
  private final Map<String, Hold> overrides = new java.util.concurrent.ConcurrentHashMap<>();
  private final Map<String, Hold> commands = new java.util.concurrent.ConcurrentHashMap<>();
  private final Map<String, String> refused = new HashMap<>();
  private final Map<String, Boolean> recent = new LinkedHashMap<>(64, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
      return size() > RECENT;
    }
  };
  /** Volatile so the agent can read the version without the lock, from a safety callback that holds the layer's. */
  private volatile ControlConfig config;
  private Map<String, List<Rule>> rules;
  private Instant lastPass;
  private Cancellable wake;
  private Instant wakeAt;
  private boolean closed;

  public Controller(ControlConfig config, SafetyLayer safety, List<OutputSpec> outputs, Clock clock, Scheduler lane,
      Listener listener) {
    this.safety = safety;
    this.outputIds = outputs.stream().map(OutputSpec::id).toList();
    this.driven = outputs.stream().filter(o -> o.kind() != vn.farm.profile.OutputKind.SUPPLY).map(OutputSpec::id)
        .toList();
    this.fans = outputs.stream().filter(o -> o.kind() == vn.farm.profile.OutputKind.FAN).map(OutputSpec::id).toList();
    for (OutputSpec o : outputs) {
      if (o.flowLitresPerMin() != null) {
        flows.put(o.id(), o.flowLitresPerMin());
        water.put(o.id(), new HourlyRing());
      }
    }
    this.clock = clock;
    this.lane = lane;
    this.listener = listener;
    install(config);
  }

  /** Returns the configuration in force; never blocks. */
  public ControlConfig config() {
    return config;
  }

  /**
   * Returns the holds in force (an override before a command), by output. Never blocks: the agent reads it from a
   * safety callback that holds the safety layer's lock, which this controller's lock must never wait behind.
   */
  public Map<String, Hold> holds() {
    Map<String, Hold> all = new LinkedHashMap<>(commands);
    all.putAll(overrides);
    return all;
  }

  /** Returns the crop's estimated evapotranspiration over the site's area in the last 24 hours, litres. */
  public synchronized double etcLast24hLitres() {
    return meters.etcLast24hLitres(clock.instant());
  }

  /** Takes in a sample and runs a pass. */
  public synchronized void onSample(Sample sample) {
    readings.update(sample);
    meters.update(sample, config, fans.stream().anyMatch(safety::commandedOn));
    pass();
  }

  /** Replaces the configuration: new rules (their hysteresis starts afresh), new limits, then a pass. */
  public synchronized void apply(ControlConfig next) {
    install(next);
    safety.policy(next.safety(), next.site().zone());
    pass();
  }

  /** Ends the holds of {@code output} after the safety layer stopped its run, so they do not start it again. */
  public synchronized void tripped(String output) {
    Hold o = overrides.get(output);
    if (o != null && o.on()) {
      overrides.remove(output);
    }
    Hold c = commands.get(output);
    if (c != null && c.on()) {
      commands.remove(output);
    }
    pass();
  }

  /**
   * Sets a manual override of {@code output} by {@code by} for {@code duration} (1 s to 24 h) and returns the
   * safety layer's verdict; a refused override is not kept. Every output change it makes has cause
   * {@code override}.
   */
  public synchronized Verdict override(String output, boolean on, Duration duration, String by) {
    if (!outputIds.contains(output)) {
      return new Verdict(false, "this controller has no output '" + output + "'", null);
    }
    if (duration.isNegative() || duration.isZero() || duration.compareTo(MAX_OVERRIDE) > 0) {
      return new Verdict(false, "an override lasts 1 s to 24 h, not " + duration.toSeconds() + " s", null);
    }
    Instant now = clock.instant();
    Hold previous = overrides.put(output, new Hold(on, now.plus(duration), "override", by));
    Verdict v = safety.request(output, on, "override");
    if (!v.allowed() && on) {
      restore(overrides, output, previous);
      listener.event("override.refused", Severity.INFO, "override of " + output + " on by " + by + " refused: "
          + v.reason());
      return v;
    }
    listener.event("override.set", Severity.INFO, output + " held " + (on ? "on" : "off") + " by " + by + " until "
        + localTime(now.plus(duration)) + " (manual override)");
    switched(output, v, "manual override by " + by);
    pass();
    return v;
  }

  /** Ends a manual override of {@code output} at once; the next source in line takes over. */
  public synchronized void clearOverride(String output, String by) {
    if (overrides.remove(output) != null) {
      listener.event("override.cleared", Severity.INFO, "manual override of " + output + " ended by " + by);
      pass();
    }
  }

  /** Decides on a remote command, applies it when allowed and acks it. */
  public synchronized void handle(Command command) {
    Instant now = clock.instant();
    String id = command.commandId();
    if (recent.put(id, Boolean.TRUE) != null) {
      ack(command, AckStatus.DUPLICATE, "command " + id + " was already received; not applied again", now);
      return;
    }
    if (command.expiredAt(now)) {
      ack(command, AckStatus.EXPIRED, "expired at " + command.expiresAt() + ", received at " + now, now);
      return;
    }
    String output = command.actuator();
    if (!outputIds.contains(output)) {
      ack(command, AckStatus.REFUSED, "this controller has no output '" + output + "' (it has "
          + String.join(", ", outputIds) + ")", now);
      return;
    }
    Hold override = overrides.get(output);
    if (override != null && now.isBefore(override.until())) {
      ack(command, AckStatus.REFUSED, output + " is held " + (override.on() ? "on" : "off") + " by " + override.by()
          + " at the greenhouse until " + localTime(override.until()) + " (manual override)", now);
      return;
    }
    String cause = "command:" + id;
    String by = command.issuedBy() == null ? "the cloud" : command.issuedBy();
    switch (command.action()) {
      case AUTO -> {
        commands.remove(output);
        pass();
        ack(command, AckStatus.APPLIED, null, clock.instant());
        return;
      }
      case ON -> {
        if (command.durationS() == null || command.durationS() < 1) {
          ack(command, AckStatus.REFUSED, "'on' needs durationS of at least 1 second", now);
          return;
        }
      }
      default -> { }
    }
    boolean on = command.action() == vn.farm.contract.Action.ON;
    Duration hold = command.durationS() != null && command.durationS() >= 1
        ? Duration.ofSeconds(command.durationS()) : config.offHold();
    Hold previous = commands.put(output, new Hold(on, now.plus(hold), cause, by));
    Verdict v = safety.request(output, on, cause);
    if (!v.allowed()) {
      restore(commands, output, previous);
      pass();
      ack(command, AckStatus.REFUSED, v.reason(), clock.instant());
      return;
    }
    switched(output, v, "by " + by + " for " + hold.toSeconds() + " s");
    pass();
    if (v.state() != null && v.state().on() != on) {
      ack(command, AckStatus.REFUSED, "output " + output + " reads back " + (v.state().on() ? "on" : "off")
          + " after switching " + (on ? "on" : "off") + ": check the relay board", clock.instant());
    } else {
      ack(command, AckStatus.APPLIED, null, clock.instant());
    }
  }

  /** Stops waking up; holds and rules stop acting. */
  public synchronized void close() {
    closed = true;
    if (wake != null) {
      wake.cancel();
    }
  }

  private void install(ControlConfig next) {
    this.config = next;
    Map<String, List<Rule>> byOutput = new HashMap<>();
    for (RuleSpec spec : next.rules()) {
      byOutput.computeIfAbsent(spec.output(), k -> new ArrayList<>()).add(Rules.of(spec));
    }
    this.rules = byOutput;
  }

  /** Decides every output and asks the safety layer for each change; then schedules the next wake-up. */
  private void pass() {
    if (closed) {
      return;
    }
    Instant now = clock.instant();
    meterWater(now);
    RuleContext ctx = new RuleContext(now, config, readings, this::waterLast24h, meters.etcLast24hLitres(now),
        meters.dliTodayMol(), o -> safety.commandedOn(o) ? safety.state(o).since() : null);
    boolean changed = false;
    for (String output : driven) {
      changed |= decide(output, ctx, now);
    }
    safety.heartbeat();
    if (changed) {
      listener.stateChanged();
    }
    scheduleWake(ctx);
  }

  private boolean decide(String output, RuleContext ctx, Instant now) {
    boolean changed = expire(overrides, output, now, "override.expired");
    changed |= expire(commands, output, now, null);
    boolean on;
    String cause;
    Rule deciding = null;
    Hold hold = overrides.containsKey(output) ? overrides.get(output) : commands.get(output);
    String block = hold == null ? safety.automationBlock(output) : null;
    if (hold != null) {
      on = hold.on();
      cause = hold.cause();
    } else if (block != null) {
      on = safety.limits(output).safeStateOn();
      cause = "safety:input_unusable";
    } else {
      List<Rule> mine = rules.getOrDefault(output, List.of());
      on = false;
      cause = mine.isEmpty() ? "auto" : mine.get(0).cause();
      for (Rule r : mine) {
        // Every rule decides on every pass, so each keeps its hysteresis current.
        if (r.wantsOn(ctx) && !on) {
          on = true;
          cause = r.cause();
          deciding = r;
        }
      }
      if (deciding == null && !mine.isEmpty()) {
        deciding = mine.get(0);
      }
    }
    boolean current = safety.commandedOn(output);
    if (on == current) {
      refused.remove(output);
      if (on && !cause.equals(currentCause(output))) {
        safety.request(output, true, cause);
        return true;
      }
      return changed;
    }
    Verdict v = safety.request(output, on, cause);
    if (!v.allowed()) {
      if (!v.reason().equals(refused.put(output, v.reason()))) {
        listener.event("control.refused", Severity.INFO, output + " stays " + (current ? "on" : "off") + " though "
            + cause + " wants it " + (on ? "on" : "off") + ": " + v.reason());
      }
      return changed;
    }
    refused.remove(output);
    String why = deciding != null ? deciding.explain(ctx) : block != null ? block : hold != null
        ? (hold.cause().equals("override") ? "manual override by " + hold.by() : "held by " + hold.by()) : "";
    switched(output, v, why);
    return true;
  }

  private boolean expire(Map<String, Hold> holds, String output, Instant now, String eventType) {
    Hold h = holds.get(output);
    if (h == null || now.isBefore(h.until())) {
      return false;
    }
    holds.remove(output);
    if (eventType != null) {
      listener.event(eventType, Severity.INFO, "manual override of " + output + " by " + h.by() + " is over; "
          + "normal control resumes");
    } else {
      log.debug("{} of {} is over", h.cause(), output);
    }
    return true;
  }

  private String currentCause(String output) {
    return safety.state(output).cause();
  }

  private void switched(String output, Verdict v, String why) {
    if (v.state() == null) {
      return;
    }
    String message = output + " " + (v.state().on() ? "on" : "off") + ": " + v.state().cause()
        + (why == null || why.isEmpty() ? "" : " (" + why + ")");
    log.info("{}", message);
    listener.event("output.switched", Severity.INFO, message);
  }

  private void meterWater(Instant now) {
    if (lastPass != null && now.isAfter(lastPass)) {
      double minutes = Duration.between(lastPass, now).toMillis() / 60_000.0;
      for (Map.Entry<String, Double> f : flows.entrySet()) {
        if (safety.commandedOn(f.getKey())) {
          water.get(f.getKey()).add(now, f.getValue() * minutes);
        }
      }
    }
    lastPass = now;
  }

  private double waterLast24h(String output) {
    HourlyRing ring = water.get(output);
    return ring == null ? 0 : ring.last24h(clock.instant());
  }

  private void scheduleWake(RuleContext ctx) {
    Instant next = null;
    for (Hold h : overrides.values()) {
      next = earliest(next, h.until());
    }
    for (Hold h : commands.values()) {
      next = earliest(next, h.until());
    }
    for (List<Rule> list : rules.values()) {
      for (Rule r : list) {
        next = earliest(next, r.nextChange(ctx));
      }
    }
    if (next == null || next.equals(wakeAt)) {
      return;
    }
    if (wake != null) {
      wake.cancel();
    }
    wakeAt = next;
    try {
      wake = lane.schedule(this::woken, Duration.between(ctx.now(), next));
    } catch (RejectedExecutionException e) {
      log.debug("control lane closed; no wake-up at {}", next);
    }
  }

  private synchronized void woken() {
    wakeAt = null;
    wake = null;
    pass();
  }

  private void ack(Command command, AckStatus status, String reason, Instant at) {
    if (status != AckStatus.APPLIED) {
      log.info("command {} for {}: {} ({})", command.commandId(), command.actuator(), status.wireName(), reason);
    }
    if (status == AckStatus.REFUSED || status == AckStatus.EXPIRED) {
      listener.event("command." + status.wireName(), Severity.INFO, "command " + command.commandId() + " ("
          + command.action().name().toLowerCase(java.util.Locale.ROOT) + " " + command.actuator() + ", by "
          + (command.issuedBy() == null ? "the cloud" : command.issuedBy()) + ") " + status.wireName() + ": " + reason);
    }
    listener.ack(new Ack(command.commandId(), status, reason, at));
  }

  private String localTime(Instant at) {
    return HH_MM_SS.format(LocalTime.ofInstant(at, config.site().zone()));
  }

  private static void restore(Map<String, Hold> holds, String output, Hold previous) {
    if (previous == null) {
      holds.remove(output);
    } else {
      holds.put(output, previous);
    }
  }

  private static Instant earliest(Instant a, Instant b) {
    return a == null ? b : b == null || a.isBefore(b) ? a : b;
  }
}
