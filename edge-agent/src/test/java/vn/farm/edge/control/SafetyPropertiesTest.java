package vn.farm.edge.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import vn.farm.contract.Ack;
import vn.farm.contract.AckStatus;
import vn.farm.contract.Action;
import vn.farm.contract.Command;
import vn.farm.contract.Quantity;

/**
 * Randomised sequences of readings (good, failing, missing), remote commands (some expired, some duplicated),
 * manual overrides and time jumps, against randomly drawn limits and rules. The relays are watched through Pi4J's
 * own pin listeners, not through the code under test, and after every sequence: no run exceeded its maximum
 * on-time, no restart came sooner than the minimum off-time, no local day exceeded its budget, interlocked outputs
 * were never on together, and no expired command acted. A failure names the seed, which replays the sequence.
 */
class SafetyPropertiesTest {
  private static final int SEQUENCES = 2000;
  private static final int STEPS = 150;
  private static final List<String> OUTPUTS = List.of("pump", "fan", "grow-light", "mist");
  private static final ZoneId HANOI = ZoneId.of("Asia/Ho_Chi_Minh");

  @Test
  void noGeneratedSequenceBreaksAHardLimit() {
    for (int seed = 1; seed <= SEQUENCES; seed++) {
      try {
        runSequence(seed);
      } catch (AssertionError e) {
        fail("sequence " + seed + " (replay: runSequence(" + seed + ")): " + e.getMessage(), e);
      }
    }
  }

  private record Limits(long maxOnS, long minOffS, Long dailyMaxMin) {}

  private record Edge(Instant at, boolean on) {}

  private void runSequence(long seed) {
    Random rnd = new Random(seed);
    Map<String, Limits> limits = new HashMap<>();
    StringBuilder yaml = new StringBuilder("version: 1\nsafetyLimits:\n  watchdogS: 120\n");
    boolean interlock = rnd.nextBoolean();
    if (interlock) {
      yaml.append("  interlocks: [[pump, mist]]\n");
    }
    yaml.append("  outputs:\n");
    for (String out : OUTPUTS) {
      long maxOn = 30 + rnd.nextInt(900);
      long minOff = rnd.nextInt(600);
      Long daily = rnd.nextInt(3) == 0 ? (long) (5 + rnd.nextInt(60)) : null;
      limits.put(out, new Limits(maxOn, minOff, daily));
      yaml.append(String.format(Locale.ROOT, "    %s: { maxOnS: %d, minOffS: %d%s }%n", out, maxOn, minOff,
          daily == null ? "" : ", dailyMaxMinutes: " + daily));
    }
    yaml.append(
        """
            rules:
              - { id: irrigate, type: irrigation, output: pump, inputs: [soil-1, soil-2], onBelow: 55, offAbove: 65 }
              - { id: cool, type: threshold, output: fan, input: air, quantity: air_temperature, onAbove: 30, offBelow: 28 }
              - { id: mist, type: schedule, output: mist, windows: [{ from: "10:00", to: "15:00" }], cycle: { onS: 40, everyS: 300 } }
              - { id: lights, type: light, output: grow-light, input: light, dliTarget: 20, photoperiodH: 16 }
            """);
    Instant start = Bench.T0.plusSeconds(rnd.nextInt(86400));
    try (Bench b = new Bench(yaml.toString(), start, Bench.newFolder()).startSafety(Duration.ofSeconds(10))) {
      Map<String, List<Edge>> edges = watch(b);
      Set<String> expiredIds = new HashSet<>();
      List<Command> sent = new ArrayList<>();
      for (int step = 0; step < STEPS; step++) {
        int what = rnd.nextInt(100);
        if (what < 55) {
          b.run(Duration.ofSeconds(1 + rnd.nextInt(rnd.nextInt(10) == 0 ? 1800 : 60)));
          sample(b, rnd);
        } else if (what < 80) {
          Command c = command(b, rnd, step);
          if (!c.expiresAt().isAfter(b.time.now())) {
            expiredIds.add(c.commandId());
          }
          sent.add(c);
          b.controller.handle(c);
        } else if (what < 85 && !sent.isEmpty()) {
          b.controller.handle(sent.get(rnd.nextInt(sent.size()))); // redelivery
        } else if (what < 93) {
          b.controller.override(OUTPUTS.get(rnd.nextInt(4)), rnd.nextBoolean(),
              Duration.ofSeconds(1 + rnd.nextInt(3600)), "tester");
        } else if (what < 96) {
          b.controller.clearOverride(OUTPUTS.get(rnd.nextInt(4)), "tester");
        } else {
          b.run(Duration.ofSeconds(1 + rnd.nextInt(600))); // silence: the watchdog may act
        }
      }
      b.run(Duration.ofSeconds(1));
      Instant end = b.time.now();
      for (String out : OUTPUTS) {
        checkRuns(out, edges.get(out), limits.get(out), end);
      }
      if (interlock) {
        checkNeverTogether(edges.get("pump"), edges.get("mist"));
      }
      for (Ack a : b.acks) {
        if (expiredIds.contains(a.commandId())) {
          assertThat(a.status()).as("ack of expired command " + a.commandId()).isIn(AckStatus.EXPIRED,
              AckStatus.DUPLICATE);
        }
      }
      for (String e : b.events) {
        for (String id : expiredIds) {
          assertThat(e).as("an expired command acted").doesNotContain("command:" + id + " ");
        }
      }
    }
  }

  private static Map<String, List<Edge>> watch(Bench b) {
    Map<String, List<Edge>> edges = new HashMap<>();
    for (String out : OUTPUTS) {
      List<Edge> list = new ArrayList<>();
      edges.put(out, list);
      DigitalOutput pin = b.pi4j.registry().get("relay-" + out, DigitalOutput.class);
      // The reference board is active-low: LOW energises the relay.
      pin.addListener(e -> list.add(new Edge(b.time.now(), e.state() == DigitalState.LOW)));
    }
    return edges;
  }

  private static void checkRuns(String out, List<Edge> edges, Limits limits, Instant end) {
    Instant onAt = null;
    Instant lastOff = null;
    Map<LocalDate, Long> daily = new HashMap<>();
    for (Edge e : edges) {
      if (e.on() && onAt == null) {
        if (lastOff != null) {
          assertThat(Duration.between(lastOff, e.at()).toSeconds()).as(out + " off-time before the run at " + e.at())
              .isGreaterThanOrEqualTo(limits.minOffS());
        }
        onAt = e.at();
      } else if (!e.on() && onAt != null) {
        addRun(out, onAt, e.at(), limits, daily);
        lastOff = e.at();
        onAt = null;
      }
    }
    if (onAt != null) {
      addRun(out, onAt, end, limits, daily);
    }
    if (limits.dailyMaxMin() != null) {
      daily.forEach((day, ms) -> assertThat(ms).as(out + " on-time on " + day)
          .isLessThanOrEqualTo(limits.dailyMaxMin() * 60_000));
    }
  }

  private static void addRun(String out, Instant from, Instant to, Limits limits, Map<LocalDate, Long> daily) {
    assertThat(Duration.between(from, to).toSeconds()).as(out + " run from " + from)
        .isLessThanOrEqualTo(limits.maxOnS());
    Instant t = from;
    while (t.isBefore(to)) {
      LocalDate day = LocalDate.ofInstant(t, HANOI);
      Instant midnight = day.plusDays(1).atStartOfDay(HANOI).toInstant();
      Instant until = midnight.isBefore(to) ? midnight : to;
      daily.merge(day, Duration.between(t, until).toMillis(), Long::sum);
      t = until;
    }
  }

  private static void checkNeverTogether(List<Edge> a, List<Edge> b) {
    boolean aOn = false;
    boolean bOn = false;
    int i = 0;
    int j = 0;
    while (i < a.size() || j < b.size()) {
      boolean takeA = j >= b.size() || (i < a.size() && !a.get(i).at().isAfter(b.get(j).at()));
      if (takeA) {
        aOn = a.get(i++).on();
      } else {
        bOn = b.get(j++).on();
      }
      // Events at the same instant are applied together before judging.
      Instant at = takeA ? a.get(i - 1).at() : b.get(j - 1).at();
      boolean more = (i < a.size() && a.get(i).at().equals(at)) || (j < b.size() && b.get(j).at().equals(at));
      if (!more) {
        assertThat(aOn && bOn).as("pump and mist both on at " + at).isFalse();
      }
    }
  }

  private static void sample(Bench b, Random rnd) {
    List<Object> t = new ArrayList<>();
    for (String soil : List.of("soil-1", "soil-2")) {
      int k = rnd.nextInt(10);
      if (k == 0) {
        t.add(soil); // a failing probe
        t.add(null);
        t.add(null);
      } else if (k > 1) {
        t.addAll(List.of(soil, Quantity.SOIL_MOISTURE, 30 + rnd.nextDouble() * 60));
      }
    }
    if (rnd.nextInt(8) != 0) {
      t.addAll(List.of("air", Quantity.AIR_TEMPERATURE, 20 + rnd.nextDouble() * 20));
      t.addAll(List.of("air", Quantity.AIR_HUMIDITY, 40 + rnd.nextDouble() * 60));
    }
    if (rnd.nextInt(8) != 0) {
      t.addAll(List.of("light", Quantity.LIGHT, rnd.nextDouble() * 60000));
    }
    b.sample(t.toArray());
  }

  private static Command command(Bench b, Random rnd, int step) {
    Instant now = b.time.now();
    Action action = Action.values()[rnd.nextInt(Action.values().length)];
    Integer duration = rnd.nextInt(6) == 0 ? null : 1 + rnd.nextInt(2400);
    // A quarter arrive too late: expired at or before now.
    Instant expires = rnd.nextInt(4) == 0 ? now.minusSeconds(rnd.nextInt(120)) : now.plusSeconds(1 + rnd.nextInt(60));
    return new Command("c-" + step, OUTPUTS.get(rnd.nextInt(4)), action, duration, now.minusSeconds(5), expires,
        "tester");
  }
}
