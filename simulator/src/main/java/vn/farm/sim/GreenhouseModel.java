package vn.farm.sim;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import vn.farm.profile.BoardProfile;
import vn.farm.sim.board.Fault;
import vn.farm.sim.env.GreenhouseEnvironment;
import vn.farm.sim.physics.GreenhousePhysics;
import vn.farm.sim.scenario.Scenario;

/**
 * What a simulated greenhouse is beyond its board: the model of its climate and soil, and the faults to inject
 * into its hardware. Immutable; one model can build many greenhouses, each with its own seed.
 */
public interface GreenhouseModel {

  /** Returns a new environment for the inputs and outputs of {@code board}, its weather seeded with {@code seed}. */
  GreenhouseEnvironment environment(BoardProfile board, long seed);

  /** Returns the faults to inject into a greenhouse started at {@code start}, with absolute times. */
  default List<Fault> faults(Instant start) {
    return List.of();
  }

  /** Returns a short description for logs and summaries. */
  String describe();

  /** Returns the physical model of the built-in {@code default} scenario: the model every simulation uses unless told otherwise. */
  static GreenhouseModel standard() {
    return of(Scenario.defaults(), "default");
  }

  /**
   * Returns the physical model of {@link GreenhousePhysics} for {@code scenario}, with the scenario's faults; each
   * greenhouse's weather takes its own seed in place of the scenario's.
   */
  static GreenhouseModel of(Scenario scenario, String name) {
    Objects.requireNonNull(scenario, "scenario");
    return new GreenhouseModel() {
      @Override
      public GreenhouseEnvironment environment(BoardProfile board, long seed) {
        return GreenhousePhysics.of(scenario.withSeed(seed), board);
      }

      @Override
      public List<Fault> faults(Instant start) {
        return scenario.faults(start);
      }

      @Override
      public String describe() {
        return "GreenhousePhysics, scenario " + name;
      }
    };
  }
}
