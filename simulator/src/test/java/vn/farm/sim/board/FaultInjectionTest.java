package vn.farm.sim.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vn.farm.contract.Quantity;
import vn.farm.edge.actuation.Outputs;
import vn.farm.edge.actuation.RelayOutput;
import vn.farm.edge.sensing.Input;
import vn.farm.edge.sensing.Inputs;
import vn.farm.edge.sensing.SensorFailure;
import vn.farm.edge.sensing.Sleeper;
import vn.farm.profile.Profiles;
import vn.farm.sim.board.Fault.Kind;
import vn.farm.sim.physics.GreenhousePhysics;
import vn.farm.sim.scenario.Scenario;

/** Faults injected into a virtual board, as the agent's own drivers see them through the simulated buses. */
class FaultInjectionTest {
  private static final Instant START = Instant.parse("2025-07-10T03:00:00Z");
  private final SettableClock clock = new SettableClock(START);
  private final VirtualBoard board = VirtualBoard.of(Profiles.builtinBoard("rpi4-greenhouse"), clock, 7);
  private final List<Input> inputs = Inputs.fromBoard(board.profile(), board.context(), board.w1Root(),
      Sleeper.NONE);

  @AfterEach
  void close() {
    board.close();
  }

  @Test
  void aDisconnectedChipFailsAsAMissingDeviceAndAnswersAgainWhenCleared() throws Exception {
    board.sht31(0x44).set(28, 70);
    board.inject(Fault.of("air", Kind.DISCONNECTED));

    assertThat(failureOf("air").kind()).isEqualTo(SensorFailure.Kind.NO_DEVICE);

    board.clear("air");
    assertThat(input("air").read().get(Quantity.AIR_TEMPERATURE)).isCloseTo(28, within(0.01));
  }

  @Test
  void disconnectingOneSoilProbeTakesItsWholeAdcOffTheBus() {
    board.inject(Fault.of("soil-1", Kind.DISCONNECTED));

    assertThat(failureOf("soil-1").kind()).isEqualTo(SensorFailure.Kind.NO_DEVICE);
    assertThat(failureOf("soil-2").kind()).isEqualTo(SensorFailure.Kind.NO_DEVICE);
  }

  @Test
  void aDisconnectedOneWireProbeLosesItsFile() {
    board.inject(Fault.of("soil-temp", Kind.DISCONNECTED));

    assertThat(board.ds18b20("28-0316a2795cff").file()).doesNotExist();
    assertThat(failureOf("soil-temp").kind()).isEqualTo(SensorFailure.Kind.NO_DEVICE);
  }

  @Test
  void aCrcErrorOnTheSht31IsACrcMismatch() {
    board.inject(Fault.of("air", Kind.CRC_ERROR));

    assertThat(failureOf("air").kind()).isEqualTo(SensorFailure.Kind.CRC_MISMATCH);
  }

  @Test
  void aCrcErrorOnTheDs18b20IsACrcMismatch() {
    board.inject(Fault.of("soil-temp", Kind.CRC_ERROR));

    assertThat(failureOf("soil-temp").kind()).isEqualTo(SensorFailure.Kind.CRC_MISMATCH);
  }

  @Test
  void aStuckInputRepeatsItsValueWhileTheGreenhouseWarmsUp() throws Exception {
    GreenhousePhysics physics = GreenhousePhysics.of(Scenario.defaults(), board.profile());
    feed(physics);
    double first = input("air").read().get(Quantity.AIR_TEMPERATURE);
    board.inject(Fault.of("air", Kind.STUCK));
    List<Double> seen = new ArrayList<>();

    for (int step = 0; step < 6; step++) { // 03:00Z is 10:00 in Vietnam: the morning warms the house
      clock.advance(Duration.ofMinutes(20));
      feed(physics);
      seen.add(input("air").read().get(Quantity.AIR_TEMPERATURE));
    }

    assertThat(physics.airTemperatureC()).as("the air really warmed").isGreaterThan(first + 1);
    assertThat(seen).allSatisfy(t -> assertThat(t).isCloseTo(first, within(0.01)));
  }

  @Test
  void aStuckValueIsFrozenOnlyForItsQuantity() throws Exception {
    board.sht31(0x44).set(24.0, 90);
    board.inject(Fault.of("air", Kind.STUCK).on(Quantity.AIR_HUMIDITY));
    input("air").read();

    board.sht31(0x44).set(30.0, 60);
    Map<Quantity, Double> values = input("air").read();

    assertThat(values.get(Quantity.AIR_TEMPERATURE)).isCloseTo(30.0, within(0.01));
    assertThat(values.get(Quantity.AIR_HUMIDITY)).isCloseTo(90.0, within(0.01));
  }

  @Test
  void driftGrowsLinearlyWithTheTimeSinceTheFaultBegan() throws Exception {
    board.ads1115(0x48).setVolts(0, 2.0); // 50 % on a 2.80 V dry / 1.20 V wet probe
    board.inject(Fault.drift("soil-1", 2.0));
    List<Double> readings = new ArrayList<>();

    for (int hour = 0; hour <= 3; hour++) {
      readings.add(input("soil-1").read().get(Quantity.SOIL_MOISTURE));
      clock.advance(Duration.ofHours(1));
    }

    // The ADC's 0.125 mV step is 0.008 % of this probe's span.
    for (int hour = 0; hour <= 3; hour++) {
      assertThat(readings.get(hour)).as("after %d h", hour).isCloseTo(50.0 + 2.0 * hour, within(0.02));
    }
  }

  @Test
  void noiseHasTheStandardDeviationAsked() throws Exception {
    board.bh1750(0x23).setLux(10_000);
    board.inject(Fault.noise("light", 200));
    double sum = 0;
    double sumSquares = 0;
    int n = 400;

    for (int i = 0; i < n; i++) {
      double lux = input("light").read().get(Quantity.LIGHT);
      sum += lux;
      sumSquares += lux * lux;
    }

    double mean = sum / n;
    assertThat(mean).isCloseTo(10_000, within(40.0));
    assertThat(Math.sqrt(sumSquares / n - mean * mean)).isCloseTo(200, within(30.0));
  }

  @Test
  void aFaultWindowOpensAndClosesOnTheBoardsClock() throws Exception {
    board.inject(Fault.of("air", Kind.DISCONNECTED).startingAt(START.plus(Duration.ofHours(2)))
        .lasting(Duration.ofMinutes(30)));

    assertThat(input("air").read()).isNotEmpty();
    clock.advance(Duration.ofHours(2));
    assertThat(failureOf("air").kind()).isEqualTo(SensorFailure.Kind.NO_DEVICE);
    clock.advance(Duration.ofMinutes(30));
    assertThat(input("air").read()).isNotEmpty();
  }

  @Test
  void aStuckRelayIgnoresTheAgentAndItsReadBackSaysSo() {
    Outputs outputs = Outputs.fromBoard(board.profile(), board.context(), Clock.systemUTC());
    RelayOutput pump = outputs.get("pump").orElseThrow();
    board.inject(Fault.of("pump", Kind.RELAY_STUCK));

    assertThat(pump.set(true, "test").on()).as("read-back after switching on").isFalse();
    assertThat(board.relayOn("pump")).isFalse();

    board.clear("pump");
    assertThat(pump.set(true, "test").on()).isTrue();
    board.inject(Fault.of("pump", Kind.RELAY_STUCK));
    assertThat(pump.set(false, "test").on()).as("read-back after switching off").isTrue();
    assertThat(board.relayOn("pump")).as("the pump keeps running").isTrue();
  }

  @Test
  void faultsThatDoNotFitTheirTargetAreRefusedWithTheReason() {
    assertThatThrownBy(() -> board.inject(Fault.of("light", Kind.CRC_ERROR)))
        .hasMessageContaining("bh1750 protocol has no CRC");
    assertThatThrownBy(() -> board.inject(Fault.of("air", Kind.RELAY_STUCK)))
        .hasMessageContaining("'air' is an input");
    assertThatThrownBy(() -> board.inject(Fault.of("pump", Kind.STUCK))).hasMessageContaining("'pump' is an output");
    assertThatThrownBy(() -> board.inject(Fault.of("light", Kind.STUCK).on(Quantity.AIR_HUMIDITY)))
        .hasMessageContaining("air_humidity is not measured by 'light'");
    assertThatThrownBy(() -> board.inject(Fault.of("heater", Kind.STUCK)))
        .hasMessageContaining("no input or output 'heater'");
    assertThat(board.faults()).isEmpty();
  }

  @Test
  void aListWithFaultsThatDoNotFitInjectsNoneAndNamesEachOne() {
    List<Fault> faults = List.of(Fault.noise("air", 1), Fault.of("light", Kind.CRC_ERROR),
        Fault.of("heater", Kind.STUCK));

    assertThatThrownBy(() -> board.injectAll(faults))
        .hasMessageContaining("bh1750 protocol has no CRC").hasMessageContaining("no input or output 'heater'");
    assertThat(board.faults()).isEmpty();
  }

  @Test
  void aScenariosFaultsTakeEffectAtTheirTimesFromTheStart() throws Exception {
    Scenario scenario = Scenario.parse("test",
        "faults: [ { target: soil-temp, kind: crcError, at: PT1H, for: PT10M } ]");
    board.injectAll(scenario.faults(START));
    Ds18b20Model probe = board.ds18b20("28-0316a2795cff");
    probe.setTemperature(23.5);
    assertThat(input("soil-temp").read()).containsEntry(Quantity.SOIL_TEMPERATURE, 23.5);

    clock.advance(Duration.ofHours(1));
    probe.setTemperature(23.5); // the greenhouse loop rewrites the probe's file on every step
    assertThat(failureOf("soil-temp").kind()).isEqualTo(SensorFailure.Kind.CRC_MISMATCH);

    clock.advance(Duration.ofMinutes(10));
    probe.setTemperature(23.5);
    assertThat(input("soil-temp").read()).containsEntry(Quantity.SOIL_TEMPERATURE, 23.5);
  }

  @Test
  void injectedFaultsAreListedWithTheirStartUntilCleared() {
    Fault added = board.inject(Fault.noise("air", 0.5));

    assertThat(added.from()).isEqualTo(START);
    assertThat(board.faults()).containsExactly(added);
    assertThat(board.faultActive("air", Kind.NOISE)).isTrue();

    board.clearAll();
    assertThat(board.faults()).isEmpty();
  }

  /** Steps the physics to the board's clock and writes its values into the chips, as the greenhouse loop does. */
  private void feed(GreenhousePhysics physics) {
    physics.step(clock.instant(), Map.of());
    board.sht31(0x44).set(physics.airTemperatureC(), physics.airHumidityPct());
    board.ads1115(0x48).setVolts(0, physics.soilMoistureVolts("soil-1"));
    board.ads1115(0x48).setVolts(1, physics.soilMoistureVolts("soil-2"));
    board.bh1750(0x23).setLux(physics.lightLux());
    board.ds18b20("28-0316a2795cff").setTemperature(physics.soilTemperatureC());
  }

  private Input input(String id) {
    return inputs.stream().filter(i -> i.id().equals(id)).findFirst().orElseThrow();
  }

  private SensorFailure failureOf(String id) {
    try {
      input(id).read();
    } catch (SensorFailure e) {
      return e;
    }
    throw new AssertionError("input " + id + " read without failing");
  }
}
