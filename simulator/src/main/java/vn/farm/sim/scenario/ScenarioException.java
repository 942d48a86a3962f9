package vn.farm.sim.scenario;

import java.util.List;

/** A scenario that cannot be used, with every problem found, each naming the field and the bad value. */
public class ScenarioException extends RuntimeException {
  private final List<String> problems;

  public ScenarioException(String source, List<String> problems) {
    super(source + " is invalid:\n  - " + String.join("\n  - ", problems));
    this.problems = List.copyOf(problems);
  }

  /** Returns each problem found, such as {@code greenhouse.areaM2: '-5' must be 10..1000000 m²}. */
  public List<String> problems() {
    return problems;
  }
}
