package vn.farm.edge.config;

import java.util.List;

/** A configuration the agent cannot run with, listing every problem found, each naming the field and value. */
public class AgentConfigException extends IllegalArgumentException {
  private final List<String> problems;

  public AgentConfigException(String source, List<String> problems) {
    super(source + " is invalid:\n  - " + String.join("\n  - ", problems));
    this.problems = List.copyOf(problems);
  }

  /** Returns each problem, such as {@code samplePeriodS: '0' must be 0.1 to 3600 seconds}. */
  public List<String> problems() {
    return problems;
  }
}
