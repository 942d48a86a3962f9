package vn.farm.edge.safety;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import vn.farm.edge.actuation.Outputs;
import vn.farm.edge.actuation.RelayOutput;
import vn.farm.profile.BoardProfile.OutputSpec;

/**
 * The supply relays of a board (kind {@code supply}), each in series with the outputs that name it: closed just
 * before one of them starts, opened as soon as none of them runs, so a relay welded shut alone cannot keep a load
 * running. Not thread-safe: the safety layer guards it with its lock.
 */
final class SupplyRelays {
  /** Output id to the id of the supply relay in series with it. */
  private final Map<String, String> supplyOf = new HashMap<>();
  private final Set<String> supplies = new HashSet<>();
  private final Outputs outputs;
  private final Predicate<String> commandedOn;

  /** Reads the supplies from {@code specs}; {@code commandedOn} tells whether the layer last switched an output on. */
  SupplyRelays(Outputs outputs, List<OutputSpec> specs, Predicate<String> commandedOn) {
    this.outputs = outputs;
    this.commandedOn = commandedOn;
    for (OutputSpec spec : specs) {
      if (spec.supply() != null) {
        supplyOf.put(spec.id(), spec.supply());
        supplies.add(spec.supply());
      }
    }
  }

  /** Returns true when {@code output} is a supply relay. */
  boolean isSupply(String output) {
    return supplies.contains(output);
  }

  /** Returns the supply relay in series with {@code output}, or null. */
  String of(String output) {
    return supplyOf.get(output);
  }

  /** Returns the outputs {@code supply} feeds, comma-separated. */
  String fedBy(String supply) {
    return String.join(", ", supplyOf.entrySet().stream().filter(e -> e.getValue().equals(supply))
        .map(Map.Entry::getKey).sorted().toList());
  }

  /** Returns true when an output {@code supply} feeds is commanded on: then the supply should be closed. */
  boolean wanted(String supply) {
    for (Map.Entry<String, String> fed : supplyOf.entrySet()) {
      if (fed.getValue().equals(supply) && commandedOn.test(fed.getKey())) {
        return true;
      }
    }
    return false;
  }

  /**
   * Closes the supply of {@code output} for it, if it has one and it is open; returns false when the supply reads
   * back open afterwards (it is then driven open again).
   */
  boolean close(String output) {
    String supply = supplyOf.get(output);
    if (supply == null) {
      return true;
    }
    RelayOutput s = outputs.get(supply).orElseThrow();
    if (s.isOn() || s.set(true, "supply:" + output).on()) {
      return true;
    }
    s.set(false, "supply:" + output);
    return false;
  }

  /** Opens the supply of {@code output} with {@code cause} unless another output it feeds is commanded on. */
  void openIfIdle(String output, String cause) {
    String supply = supplyOf.get(output);
    if (supply == null || wanted(supply)) {
      return;
    }
    RelayOutput s = outputs.get(supply).orElseThrow();
    if (s.isOn() || !cause.equals(s.state().cause())) {
      s.set(false, cause);
    }
  }

  /** Returns true when {@code output} has a supply relay that reads back open, so the output has no power. */
  boolean cutOff(String output) {
    String supply = supplyOf.get(output);
    return supply != null && !outputs.get(supply).orElseThrow().isOn();
  }
}
