package vn.farm.sim.board;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.farm.profile.BoardProfile;
import vn.farm.profile.BoardProfile.InputSpec;
import vn.farm.profile.BoardProfile.OutputSpec;
import vn.farm.profile.Chip;
import vn.farm.sim.board.Fault.Kind;

/**
 * The fault lists of every input and output of one board, and the rules for which fault fits which target: value
 * and bus faults on inputs, {@code relayStuck} and {@code relayWelded} on outputs, {@code crcError} only on chips whose
 * protocol carries a CRC (SHT31, DS18B20), a {@code quantity} only among those the input reports. Thread-safe.
 */
final class BoardFaults {
  private final BoardProfile profile;
  private final Map<String, TargetFaults> byTarget = new LinkedHashMap<>();
  private final Map<String, InputSpec> inputs = new LinkedHashMap<>();
  private final Map<String, OutputSpec> outputs = new LinkedHashMap<>();
  private final java.util.Set<Integer> welded = java.util.concurrent.ConcurrentHashMap.newKeySet();

  BoardFaults(BoardProfile profile, Clock clock, long seed) {
    this.profile = profile;
    for (InputSpec in : profile.inputs()) {
      inputs.put(in.id(), in);
      // A soil probe's moisture percent maps to volts through its calibration: +1 % is -(dry - wet)/100 V.
      double perUnit = in.chip() == Chip.ADS1115
          ? -(in.calibration().dryV() - in.calibration().wetV()) / 100.0 : 1.0;
      byTarget.put(in.id(), new TargetFaults(in.id(), clock, perUnit, seed));
    }
    for (OutputSpec out : profile.outputs()) {
      outputs.put(out.id(), out);
      byTarget.put(out.id(), new TargetFaults(out.id(), clock, 1.0, seed));
    }
  }

  /** Returns the faults of input or output {@code id}, which must exist. */
  TargetFaults of(String id) {
    TargetFaults f = byTarget.get(id);
    if (f == null) {
      throw new IllegalArgumentException("board " + profile.id() + " has no input or output '" + id + "' (known: "
          + String.join(", ", byTarget.keySet()) + ")");
    }
    return f;
  }

  /** Returns the input {@code id}, or null when {@code id} is an output. */
  InputSpec input(String id) {
    return inputs.get(id);
  }

  /** Checks that {@code fault} fits its target and adds it; returns it with its start resolved. */
  Fault add(Fault fault) {
    String problem = problem(fault);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    return byTarget.get(fault.target()).add(fault);
  }

  /** Returns why {@code fault} cannot be injected into this board, or null when it can. */
  String problem(Fault fault) {
    String where = "fault " + fault.kind().wireName() + " on " + fault.target();
    if (!byTarget.containsKey(fault.target())) {
      return where + ": board " + profile.id() + " has no input or output '" + fault.target() + "' (known: "
          + String.join(", ", byTarget.keySet()) + ")";
    }
    InputSpec in = inputs.get(fault.target());
    if (fault.kind().onOutput() && in != null) {
      return where + ": " + fault.kind().wireName() + " applies to outputs, and '" + fault.target()
          + "' is an input (outputs: " + String.join(", ", outputs.keySet()) + ")";
    }
    if (!fault.kind().onOutput() && in == null) {
      return where + ": '" + fault.target() + "' is an output, which can only have relayStuck or relayWelded (inputs: "
          + String.join(", ", inputs.keySet()) + ")";
    }
    if (fault.kind() == Kind.CRC_ERROR && in.chip() != Chip.SHT31 && in.chip() != Chip.DS18B20) {
      return where + ": the " + in.chip().wireName() + " protocol has no CRC (crcError applies to sht31 and "
          + "ds18b20 inputs)";
    }
    if (fault.quantity() != null && (in == null || !in.chip().quantities().contains(fault.quantity()))) {
      return where + ": quantity " + fault.quantity().wireName() + " is not measured by '" + fault.target() + "'"
          + (in == null ? "" : " (it measures " + in.chip().quantities() + ")");
    }
    return null;
  }

  /** Returns true when the relay of the output on BCM {@code gpio} is stuck or welded now. */
  boolean relayStuck(int gpio) {
    for (OutputSpec out : outputs.values()) {
      if (out.gpio() == gpio) {
        TargetFaults f = byTarget.get(out.id());
        if (!f.active(Kind.RELAY_WELDED)) {
          welded.remove(gpio);
        }
        return f.active(Kind.RELAY_STUCK) || welded.contains(gpio);
      }
    }
    return false;
  }

  /** Notes that the pin at {@code gpio} was driven to {@code level}: closing under a weld fault welds it. */
  void relayWritten(int gpio, com.pi4j.io.gpio.digital.DigitalState level) {
    for (OutputSpec out : outputs.values()) {
      if (out.gpio() == gpio) {
        boolean energised = level == (out.activeLow() ? com.pi4j.io.gpio.digital.DigitalState.LOW
            : com.pi4j.io.gpio.digital.DigitalState.HIGH);
        if (energised && byTarget.get(out.id()).active(Kind.RELAY_WELDED)) {
          welded.add(gpio);
        }
      }
    }
  }

  /** Removes every fault of every target. */
  void clearAll() {
    byTarget.values().forEach(TargetFaults::clear);
  }

  /** Returns every fault not yet over, target by target in profile order. */
  List<Fault> all() {
    List<Fault> all = new ArrayList<>();
    byTarget.values().forEach(f -> all.addAll(f.faults()));
    return all;
  }
}
