package vn.farm.sim.run;

import java.time.Duration;
import java.util.Locale;

/**
 * What a {@link SimulationRun} did.
 *
 * @param greenhouses how many greenhouses ran
 * @param simulated simulated time covered by each greenhouse
 * @param samplePeriod the agents' sample period
 * @param speed the speed the run was asked for
 * @param setup wall-clock time to build the boards and start the agents
 * @param wall wall-clock time of the simulation itself, without shutdown; in virtual time without setup too, while
 *     an accelerated or real-time clock runs from its start, so setup is part of its wall time
 * @param samples samples taken by all agents together
 * @param model what the greenhouses' climate and soil followed
 */
public record Summary(int greenhouses, Duration simulated, Duration samplePeriod, Speed speed, Duration setup,
    Duration wall, long samples, String model) {

  /** Returns simulated days per greenhouse. */
  public double simulatedDays() {
    return simulated.toNanos() / (double) Duration.ofDays(1).toNanos();
  }

  /** Returns greenhouse-days simulated per wall-clock second of the simulation (setup excluded). */
  public double greenhouseDaysPerSecond() {
    return greenhouses * simulatedDays() / (wall.toNanos() / 1e9);
  }

  /** Returns one line for people, such as the {@code simulate} command prints. */
  public String describe() {
    return String.format(Locale.ROOT, "simulated %d greenhouse%s × %.3f days (%s time, %s samples, %s) in %.3f s "
        + "wall time (+ %.3f s setup): %.1f greenhouse-days per second, %d samples", greenhouses,
        greenhouses == 1 ? "" : "s", simulatedDays(), speed, format(samplePeriod), model, wall.toNanos() / 1e9,
        setup.toNanos() / 1e9, greenhouseDaysPerSecond(), samples);
  }

  private static String format(Duration d) {
    double s = d.toNanos() / 1e9;
    return s == Math.rint(s) ? (long) s + " s" : s + " s";
  }
}
