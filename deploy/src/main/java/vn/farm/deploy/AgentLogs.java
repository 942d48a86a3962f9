package vn.farm.deploy;

import picocli.CommandLine.Option;

/**
 * The {@code --verbose} option of {@code simulate} and {@code bench}, and what it governs: how much the simulated
 * agents say on the console. Used as a picocli mixin.
 */
final class AgentLogs {
  private static final String AGENT_LEVEL = "org.slf4j.simpleLogger.log.vn.farm.edge";

  @Option(names = "--verbose", description = "Also show the simulated agents' warnings, such as sensor faults "
      + "(the trace shows a failed input as blank cells).")
  boolean verbose;

  /**
   * Unless {@code --verbose} was given, shows only the agents' errors, not their warnings: a long run can bring
   * many sensor faults, which the trace already shows as blank cells. Takes effect for loggers created
   * afterwards, so call it before the first agent starts.
   */
  void apply() {
    if (!verbose && System.getProperty(AGENT_LEVEL) == null) {
      System.setProperty(AGENT_LEVEL, "error");
    }
  }
}
