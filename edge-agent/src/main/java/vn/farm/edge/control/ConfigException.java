package vn.farm.edge.control;

import java.util.List;

/** A control configuration that cannot be applied, listing every problem, each starting with its field path. */
public final class ConfigException extends IllegalArgumentException {
  private final List<String> problems;

  public ConfigException(String source, List<String> problems) {
    super(source + " is invalid:\n  - " + String.join("\n  - ", problems));
    this.problems = List.copyOf(problems);
  }

  /** Returns each problem, such as {@code rules[0].output: 'pmup' is not an output of this board}. */
  public List<String> problems() {
    return problems;
  }
}
