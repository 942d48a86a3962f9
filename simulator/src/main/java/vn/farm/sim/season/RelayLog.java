package vn.farm.sim.season;

import com.pi4j.io.gpio.digital.DigitalOutput;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import vn.farm.edge.safety.OutputLimits;
import vn.farm.edge.safety.SafetyPolicy;
import vn.farm.edge.time.TimeSource;
import vn.farm.profile.BoardProfile.OutputSpec;
import vn.farm.sim.board.VirtualBoard;

/**
 * Every time the load behind each output of a virtual board got power or lost it (its relay, and the supply relay in
 * series with it if any), recorded from Pi4J's own pin events and the board's physical read-out rather than from
 * anything the agent reports, and the runs and limit violations that follow from them. A relay that is stuck or welded
 * does not move when written, so it records no edge: the log shows what the pump really did. Not thread-safe: virtual
 * time runs everything on one thread.
 */
final class RelayLog {
  /** One run of an output: energised from {@code from} until {@code to}. */
  record Run(String output, Instant from, Instant to) {
    Duration length() {
      return Duration.between(from, to);
    }
  }

  private final Map<String, List<Run>> runs = new LinkedHashMap<>();
  private final Map<String, Instant> onSince = new HashMap<>();
  private final VirtualBoard board;
  private final TimeSource time;

  private RelayLog(VirtualBoard board, TimeSource time) {
    this.board = board;
    this.time = time;
    for (OutputSpec out : board.profile().outputs()) {
      runs.put(out.id(), new ArrayList<>());
    }
  }

  /** Starts logging every output of {@code board}, whose pins the agent has claimed. */
  static RelayLog watch(VirtualBoard board, TimeSource time) {
    RelayLog log = new RelayLog(board, time);
    for (OutputSpec out : board.profile().outputs()) {
      DigitalOutput pin = board.context().registry().get("relay-" + out.id(), DigitalOutput.class);
      pin.addListener(e -> log.changed(out.id()));
      if (out.supply() != null) {
        DigitalOutput supply = board.context().registry().get("relay-" + out.supply(), DigitalOutput.class);
        supply.addListener(e -> log.changed(out.id()));
      }
      log.changed(out.id());
    }
    return log;
  }

  private void changed(String output) {
    boolean on = board.energised(output);
    Instant now = time.now();
    if (on && !onSince.containsKey(output)) {
      onSince.put(output, now);
    } else if (!on && onSince.containsKey(output)) {
      Instant from = onSince.remove(output);
      if (now.isAfter(from)) {
        runs.get(output).add(new Run(output, from, now));
      }
    }
  }

  /** Ends the log at {@code end}: a run still under way counts until then. */
  void close(Instant end) {
    for (Map.Entry<String, Instant> e : Map.copyOf(onSince).entrySet()) {
      runs.get(e.getKey()).add(new Run(e.getKey(), e.getValue(), end));
      onSince.remove(e.getKey());
    }
  }

  /** Returns the runs of {@code output} in time order. */
  List<Run> runs(String output) {
    return runs.get(output);
  }

  /** Returns the total on-time of {@code output}. */
  Duration onTime(String output) {
    return runs.get(output).stream().map(Run::length).reduce(Duration.ZERO, Duration::plus);
  }

  /** Returns the longest run of {@code output}, or zero. */
  Duration longestRun(String output) {
    return runs.get(output).stream().map(Run::length).max(Duration::compareTo).orElse(Duration.ZERO);
  }

  /**
   * Checks every run against {@code policy} (outputs it does not name against the defaults of their kind): runs
   * beyond their maximum, starts within the minimum off-time, local days over their minute or litre budget,
   * interlocked outputs on together. Returns one line per violation.
   */
  List<String> violations(SafetyPolicy policy, Map<String, Double> flows, ZoneId zone) {
    List<String> found = new ArrayList<>();
    for (OutputSpec out : board.profile().outputs()) {
      OutputLimits limits = policy.limits(out.id()).orElse(OutputLimits.defaultsFor(out.kind()));
      Run previous = null;
      Map<LocalDate, Long> dailyMs = new HashMap<>();
      for (Run r : runs.get(out.id())) {
        if (r.length().compareTo(limits.maxOn()) > 0) {
          found.add(out.id() + " ran " + r.length().toSeconds() + " s from " + r.from() + " (maximum "
              + limits.maxOn().toSeconds() + " s)");
        }
        if (previous != null && Duration.between(previous.to(), r.from()).compareTo(limits.minOff()) < 0) {
          found.add(out.id() + " restarted " + Duration.between(previous.to(), r.from()).toSeconds() + " s after "
              + "its last run at " + r.from() + " (minimum off-time " + limits.minOff().toSeconds() + " s)");
        }
        previous = r;
        Instant t = r.from();
        while (t.isBefore(r.to())) {
          LocalDate day = LocalDate.ofInstant(t, zone);
          Instant midnight = day.plusDays(1).atStartOfDay(zone).toInstant();
          Instant until = midnight.isBefore(r.to()) ? midnight : r.to();
          dailyMs.merge(day, Duration.between(t, until).toMillis(), Long::sum);
          t = until;
        }
      }
      Double flow = flows.get(out.id());
      for (Map.Entry<LocalDate, Long> d : dailyMs.entrySet()) {
        double minutes = d.getValue() / 60_000.0;
        if (limits.dailyMaxMinutes() != null && minutes > limits.dailyMaxMinutes() + 1e-9) {
          found.add(out.id() + " ran " + Math.round(minutes) + " min on " + d.getKey() + " (daily limit "
              + limits.dailyMaxMinutes() + " min)");
        }
        if (limits.dailyMaxLitres() != null && flow != null && minutes * flow > limits.dailyMaxLitres() + 1e-6) {
          found.add(out.id() + " delivered " + Math.round(minutes * flow) + " L on " + d.getKey() + " (daily limit "
              + limits.dailyMaxLitres() + " L)");
        }
      }
    }
    for (Set<String> group : policy.interlocks()) {
      List<String> ids = List.copyOf(group);
      for (int i = 0; i < ids.size(); i++) {
        for (int j = i + 1; j < ids.size(); j++) {
          for (Run a : runs.get(ids.get(i))) {
            for (Run b : runs.get(ids.get(j))) {
              if (a.from().isBefore(b.to()) && b.from().isBefore(a.to())) {
                found.add(ids.get(i) + " and " + ids.get(j) + " were on together from "
                    + (a.from().isAfter(b.from()) ? a.from() : b.from()) + " (interlocked)");
              }
            }
          }
        }
      }
    }
    return found;
  }
}
