package vn.farm.deploy;

/** How much the simulated agents of {@code simulate} and {@code bench} say on the console. */
final class AgentLogs {
  private static final String AGENT_LEVEL = "org.slf4j.simpleLogger.log.vn.farm.edge";

  private AgentLogs() {}

  /**
   * Shows only the agents' errors, not their warnings: a simulated day can bring a sensor fault a day per
   * greenhouse (a saturated light sensor at noon), which the trace already shows as blank cells. Takes effect for
   * loggers created afterwards, so call it before the first agent starts.
   */
  static void errorsOnly() {
    if (System.getProperty(AGENT_LEVEL) == null) {
      System.setProperty(AGENT_LEVEL, "error");
    }
  }
}
