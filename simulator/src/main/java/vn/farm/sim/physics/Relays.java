package vn.farm.sim.physics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.farm.profile.BoardProfile;
import vn.farm.profile.BoardProfile.InputSpec;
import vn.farm.profile.BoardProfile.OutputSpec;
import vn.farm.profile.Chip;
import vn.farm.sim.scenario.Scenario;

/**
 * The board's outputs grouped by what they drive, and how many of each are on (a pump with a supply relay in series
 * runs only while both are closed): {@link #read(Map)} takes the latest
 * states, {@link #commit()} makes them the ones the getters report, so a caller can finish an interval with the
 * states that held during it. Each pump runs at the scenario's flow if it sets one, else at the board profile's.
 * Not thread-safe; {@link #read(Map)} does not allocate.
 */
final class Relays {
  private final String[] pumps;
  /** The supply relay in series with each pump, or null. */
  private final String[] pumpSupplies;
  private final double[] pumpLitresPerMin;
  private final String[] fans;
  private final String[] lamps;
  private final String[] mists;
  private double pumpFlow;
  private int fansOn;
  private int lampsOn;
  private int mistsOn;
  private double nextPumpFlow;
  private int nextFansOn;
  private int nextLampsOn;
  private int nextMistsOn;

  private Relays(List<OutputSpec> pumps, double[] pumpLitresPerMin, List<String> fans, List<String> lamps,
      List<String> mists) {
    this.pumps = pumps.stream().map(OutputSpec::id).toArray(String[]::new);
    this.pumpSupplies = pumps.stream().map(OutputSpec::supply).toArray(String[]::new);
    this.pumpLitresPerMin = pumpLitresPerMin;
    this.fans = fans.toArray(String[]::new);
    this.lamps = lamps.toArray(String[]::new);
    this.mists = mists.toArray(String[]::new);
  }

  /** Groups the outputs of {@code board}, with pump flows from {@code scenario} or the profile. */
  static Relays of(BoardProfile board, Scenario scenario) {
    List<OutputSpec> pumps = new ArrayList<>();
    List<String> fans = new ArrayList<>();
    List<String> lamps = new ArrayList<>();
    List<String> mists = new ArrayList<>();
    for (OutputSpec out : board.outputs()) {
      switch (out.kind()) {
        case PUMP -> pumps.add(out);
        case FAN -> fans.add(out.id());
        case GROW_LIGHT -> lamps.add(out.id());
        case MIST_VALVE -> mists.add(out.id());
        case SUPPLY -> {
        } // counts through the outputs it feeds
      }
    }
    Double override = scenario.greenhouse().pumpFlowLitresPerMin();
    double[] flows = new double[pumps.size()];
    for (int i = 0; i < flows.length; i++) {
      Double profileFlow = pumps.get(i).flowLitresPerMin();
      flows[i] = override != null ? override : profileFlow != null ? profileFlow : 0;
    }
    return new Relays(pumps, flows, fans, lamps, mists);
  }

  /** Returns the calibration of every soil probe of {@code board} by input id. */
  static Map<String, BoardProfile.Calibration> probes(BoardProfile board) {
    Map<String, BoardProfile.Calibration> probes = new LinkedHashMap<>();
    for (InputSpec in : board.inputs()) {
      if (in.chip() == Chip.ADS1115) {
        probes.put(in.id(), in.calibration());
      }
    }
    return probes;
  }

  /**
   * Takes the latest relay states (output id to energised; a missing id counts as off) without committing them, and
   * returns true when they drive the greenhouse the same way as the committed ones.
   */
  boolean read(Map<String, Boolean> outputs) {
    nextPumpFlow = 0;
    for (int i = 0; i < pumps.length; i++) {
      if (on(outputs, pumps[i]) && (pumpSupplies[i] == null || on(outputs, pumpSupplies[i]))) {
        nextPumpFlow += pumpLitresPerMin[i];
      }
    }
    nextFansOn = count(outputs, fans);
    nextLampsOn = count(outputs, lamps);
    nextMistsOn = count(outputs, mists);
    return nextPumpFlow == pumpFlow && nextFansOn == fansOn && nextLampsOn == lampsOn && nextMistsOn == mistsOn;
  }

  /** Makes the states of the last {@link #read(Map)} the ones reported. */
  void commit() {
    pumpFlow = nextPumpFlow;
    fansOn = nextFansOn;
    lampsOn = nextLampsOn;
    mistsOn = nextMistsOn;
  }

  /** Returns how many grow-light outputs were on at the last {@link #read(Map)}, committed or not. */
  int latestLampsOn() {
    return nextLampsOn;
  }

  /** Returns the total flow of the pumps that are on, L/min. */
  double pumpLitresPerMin() {
    return pumpFlow;
  }

  int fansOn() {
    return fansOn;
  }

  int lampsOn() {
    return lampsOn;
  }

  int mistsOn() {
    return mistsOn;
  }

  private static int count(Map<String, Boolean> outputs, String[] ids) {
    int n = 0;
    for (String id : ids) {
      if (on(outputs, id)) {
        n++;
      }
    }
    return n;
  }

  private static boolean on(Map<String, Boolean> outputs, String id) {
    return Boolean.TRUE.equals(outputs.get(id));
  }
}
