package vn.farm.edge.control;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import vn.farm.contract.Ack;
import vn.farm.contract.Command;
import vn.farm.contract.Event;
import vn.farm.contract.Severity;
import vn.farm.edge.safety.SafetyLayer;
import vn.farm.edge.safety.Verdict;
import vn.farm.edge.sensing.LatestReadings;
import vn.farm.edge.sensing.Sample;
import vn.farm.edge.time.Scheduler;
import vn.farm.profile.BoardProfile.OutputSpec;
import vn.farm.profile.OutputKind;

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
 *
 * <p>This class runs the passes and holds the lock; the jobs are its parts': {@link Arbiter} decides each output by
 * the order above, {@link Holds} keeps overrides and commands until they end, {@link RemoteCommands} decides on and
 * acks commands, {@link WaterMeter} counts the water given and {@link WakeTimer} wakes the next pass.
 */
public final class Controller {
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
  private final List<String> fans;
  private final Clock clock;
  private final Listener listener;
  private final LatestReadings readings = new LatestReadings();
  private final ClimateMeters meters = new ClimateMeters();
  private final WaterMeter water;
  private final Holds holds = new Holds();
  private final Arbiter arbiter;
  private final RemoteCommands commands;
  private final WakeTimer wake;
  /** Volatile so the agent can read the version without the lock, from a safety callback that holds the layer's. */
  private volatile ControlConfig config;
  private Map<String, List<Rule>> rules;
  private boolean closed;

  public Controller(ControlConfig config, SafetyLayer safety, List<OutputSpec> outputs, Clock clock, Scheduler lane,
      Listener listener) {
    this.safety = safety;
    this.outputIds = outputs.stream().map(OutputSpec::id).toList();
    this.driven = outputs.stream().filter(o -> o.kind() != OutputKind.SUPPLY).map(OutputSpec::id).toList();
    this.fans = outputs.stream().filter(o -> o.kind() == OutputKind.FAN).map(OutputSpec::id).toList();
    this.water = new WaterMeter(outputs);
    this.clock = clock;
    this.listener = listener;
    this.arbiter = new Arbiter(safety, listener);
    this.commands = new RemoteCommands(outputIds, holds, safety, arbiter, this::config, clock, listener);
    this.wake = new WakeTimer(lane, this::woken);
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
    return holds.all();
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
    holds.endRunsOf(output);
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
    Hold previous = holds.setOverride(output, new Hold(on, now.plus(duration), "override", by));
    Verdict v = safety.request(output, on, "override");
    if (!v.allowed() && on) {
      holds.restoreOverride(output, previous);
      listener.event(Event.OVERRIDE_REFUSED, Severity.INFO, "override of " + output + " on by " + by + " refused: "
          + v.reason());
      return v;
    }
    listener.event(Event.OVERRIDE_SET, Severity.INFO, output + " held " + (on ? "on" : "off") + " by " + by + " until "
        + Holds.localTime(now.plus(duration), config.site().zone()) + " (manual override)");
    arbiter.switched(output, v, "manual override by " + by);
    pass();
    return v;
  }

  /** Ends a manual override of {@code output} at once; the next source in line takes over. */
  public synchronized void clearOverride(String output, String by) {
    if (holds.clearOverride(output)) {
      listener.event(Event.OVERRIDE_CLEARED, Severity.INFO, "manual override of " + output + " ended by " + by);
      pass();
    }
  }

  /** Decides on a remote command, applies it when allowed and acks it. */
  public synchronized void handle(Command command) {
    commands.handle(command, this::pass);
  }

  /** Stops waking up; holds and rules stop acting. */
  public synchronized void close() {
    closed = true;
    wake.cancel();
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
    water.pass(now, safety::commandedOn);
    RuleContext ctx = new RuleContext(now, config, readings, o -> water.last24hLitres(o, clock.instant()),
        meters.etcLast24hLitres(now), meters.dliTodayMol(), o -> safety.commandedOn(o) ? safety.state(o).since()
            : null);
    boolean changed = false;
    for (String output : driven) {
      boolean expired = holds.expire(output, now, listener);
      boolean switched = arbiter.decide(output, holds.governing(output), rules.getOrDefault(output, List.of()), ctx);
      changed |= expired || switched;
    }
    safety.heartbeat();
    if (changed) {
      listener.stateChanged();
    }
    wake.wakeAt(nextChange(ctx), ctx.now());
  }

  /** Returns when a hold ends or a rule changes its mind next, or null when nothing is due. */
  private Instant nextChange(RuleContext ctx) {
    Instant next = holds.nextEnd();
    for (List<Rule> list : rules.values()) {
      for (Rule r : list) {
        next = earliest(next, r.nextChange(ctx));
      }
    }
    return next;
  }

  private synchronized void woken() {
    wake.fired();
    pass();
  }

  /** Returns the earlier of two instants, either of which may be null (then the other). */
  static Instant earliest(Instant a, Instant b) {
    return a == null ? b : b == null || a.isBefore(b) ? a : b;
  }
}
