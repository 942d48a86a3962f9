package vn.farm.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import vn.farm.contract.Ack;
import vn.farm.contract.AckStatus;
import vn.farm.contract.Action;
import vn.farm.contract.ActuatorState;
import vn.farm.contract.Channel;
import vn.farm.contract.Command;
import vn.farm.contract.DeviceId;
import vn.farm.contract.Quantity;
import vn.farm.contract.Reading;
import vn.farm.contract.State;
import vn.farm.contract.Status;
import vn.farm.contract.Telemetry;
import vn.farm.sim.testing.BrokerExtension;
import vn.farm.sim.testing.MqttProbe;
import vn.farm.sim.run.TcpProxy;

/** The real agent on a virtual board, end to end through an embedded HiveMQ broker. */
class SimulatedGreenhouseTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final Duration FAST = Duration.ofMillis(200);
  @RegisterExtension
  static final BrokerExtension broker = BrokerExtension.perClass();
  private static int devices;

  @TempDir
  Path dataRoot;

  private DeviceId device;
  private MqttProbe cloud;
  private SimulatedGreenhouse greenhouse;

  @BeforeEach
  void connectCloud() throws Exception {
    // A new device id per test, so retained messages of one test never satisfy another.
    device = DeviceId.of("gh-e2e-" + ++devices);
    cloud = broker.probe("farm/v1/" + device + "/#");
  }

  @AfterEach
  void closeAll() throws Exception {
    if (greenhouse != null) {
      greenhouse.close();
    }
    assertThat(cloud.invalid()).filteredOn(r -> r.channel() != Channel.COMMANDS)
        .as("messages from the agent breaking the contract").isEmpty();
  }

  @Test
  void telemetryCarriesEveryQuantityOfTheBoardWithStrictlyIncreasingSeq() throws Exception {
    // The greenhouse's climate follows its clock's date and hour: late morning in July, so that the air's
    // temperature is checked against a July day's and not against whatever hour the test happens to run at (a
    // December night outside is under 15 °C).
    Instant julyMorning = Instant.parse("2026-07-10T03:00:00Z");
    greenhouse = start(broker.url(), Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), julyMorning)));

    List<Telemetry> telemetry = cloud.await(device, Telemetry.class, 3, WAIT, t -> true);

    // New seqs appear in increasing order. A seq may come again: with no cloud confirming anything here, a
    // reconnect on a busy machine makes the agent send its unconfirmed records again, as it must.
    assertThat(telemetry.stream().map(Telemetry::seq).distinct().toList()).isSorted().hasSizeGreaterThanOrEqualTo(2);
    assertThat(telemetry).extracting(Telemetry::bootId).containsOnly(greenhouse.agent().bootId());
    Telemetry first = telemetry.get(0);
    assertThat(first.readings()).extracting(Reading::sensor, Reading::quantity).contains(
        org.assertj.core.groups.Tuple.tuple("soil-1", Quantity.SOIL_MOISTURE),
        org.assertj.core.groups.Tuple.tuple("soil-2", Quantity.SOIL_MOISTURE),
        org.assertj.core.groups.Tuple.tuple("air", Quantity.AIR_TEMPERATURE),
        org.assertj.core.groups.Tuple.tuple("air", Quantity.AIR_HUMIDITY),
        org.assertj.core.groups.Tuple.tuple("air", Quantity.VPD),
        org.assertj.core.groups.Tuple.tuple("light", Quantity.LIGHT),
        org.assertj.core.groups.Tuple.tuple("soil-temp", Quantity.SOIL_TEMPERATURE));
    assertThat(value(first, Quantity.AIR_TEMPERATURE)).isBetween(15.0, 35.0);
    assertThat(value(first, Quantity.SOIL_MOISTURE)).isBetween(40.0, 80.0);
  }

  @Test
  void seqKeepsIncreasingWhenTheAgentRestartsOnTheSameDataDir() throws Exception {
    greenhouse = start(broker.url());
    List<Telemetry> before = cloud.await(device, Telemetry.class, 2, WAIT, t -> true);
    String firstBoot = greenhouse.agent().bootId();
    greenhouse.close();

    greenhouse = start(broker.url());
    List<Telemetry> after = cloud.await(device, Telemetry.class, 2, WAIT,
        t -> !t.bootId().equals(firstBoot));

    long lastBefore = cloud.messages(device, Telemetry.class).stream()
        .filter(t -> t.bootId().equals(firstBoot)).mapToLong(Telemetry::seq).max().orElseThrow();
    assertThat(before).isNotEmpty();
    assertThat(after).allSatisfy(t -> assertThat(t.seq()).isGreaterThan(lastBefore));
    assertThat(after).extracting(Telemetry::seq).isSorted().doesNotHaveDuplicates();
    assertThat(vn.farm.edge.store.BootCounter.number(after.get(0).bootId()))
        .as("boot ids increase too").isEqualTo(vn.farm.edge.store.BootCounter.number(firstBoot) + 1);
  }

  @Test
  void statusIsRetainedOnlineAndTheWillSaysOfflineWhenTheConnectionDies() throws Exception {
    try (TcpProxy cable = new TcpProxy(broker.port())) {
      greenhouse = start(cable.url());
      cloud.awaitOne(device, Status.class, WAIT, Status::online);

      try (MqttProbe late = broker.probe("farm/v1/" + device + "/status")) {
        Status retained = late.awaitOne(device, Status.class, WAIT, s -> true);
        assertThat(retained.online()).isTrue();
        assertThat(retained.bootId()).isEqualTo(greenhouse.agent().bootId());
      }

      cable.close();

      Status will = cloud.awaitOne(device, Status.class, WAIT, s -> !s.online());
      assertThat(will.bootId()).isEqualTo(greenhouse.agent().bootId());
    }
  }

  @Test
  void afterALostConnectionTheAgentReconnectsAndTakesCommandsAgain() throws Exception {
    try (TcpProxy cable = new TcpProxy(broker.port())) {
      greenhouse = start(cable.url());
      cloud.awaitOne(device, Status.class, WAIT, Status::online);

      cable.cut();
      cloud.awaitOne(device, Status.class, WAIT, s -> !s.online());
      cloud.await(device, Status.class, 2, WAIT, Status::online);

      cloud.send(device, command("cmd-after", "mist", Action.ON, 600, Instant.now().plusSeconds(30)));
      assertThat(cloud.awaitOne(device, Ack.class, WAIT, a -> a.commandId().equals("cmd-after")).status())
          .isEqualTo(AckStatus.APPLIED);
      assertThat(greenhouse.relayOn("mist")).isTrue();
    }
  }

  @Test
  void aCleanStopLeavesTheRetainedStatusOffline() throws Exception {
    greenhouse = start(broker.url());
    cloud.awaitOne(device, Status.class, WAIT, Status::online);

    greenhouse.close();
    greenhouse = null;

    try (MqttProbe late = broker.probe("farm/v1/" + device + "/status")) {
      assertThat(late.awaitOne(device, Status.class, WAIT, s -> true).online()).isFalse();
    }
  }

  @Test
  void aCommandOnSwitchesTheRelayAndTheRetainedStateShowsIt() throws Exception {
    greenhouse = startAndAwaitOnline();

    cloud.send(device, command("cmd-on-1", "pump", Action.ON, 600, Instant.now().plusSeconds(30)));

    Ack ack = cloud.awaitOne(device, Ack.class, WAIT, a -> a.commandId().equals("cmd-on-1"));
    assertThat(ack.status()).isEqualTo(AckStatus.APPLIED);
    assertThat(greenhouse.relayOn("pump")).isTrue();
    assertThat(greenhouse.relayOn("fan")).isFalse();
    try (MqttProbe late = broker.probe("farm/v1/" + device + "/state")) {
      State state = late.awaitOne(device, State.class, WAIT, s -> s.actuators().get("pump").on());
      ActuatorState pump = state.actuators().get("pump");
      assertThat(pump.cause()).isEqualTo("command:cmd-on-1");
      // Held for the command's 600 s from when it was applied, which the dashboard counts down.
      assertThat(pump.until()).isBetween(pump.since().plusSeconds(599), pump.since().plusSeconds(601));
      assertThat(state.actuators().get("fan").until()).isNull();
      assertThat(late.received()).allMatch(MqttProbe.Received::retained);
    }
  }

  @Test
  void aCommandPastItsExpiryIsAckedExpiredAndChangesNothing() throws Exception {
    greenhouse = startAndAwaitOnline();

    Instant past = Instant.now().minusSeconds(5);
    cloud.send(device, new Command("cmd-old", "pump", Action.ON, 600, past.minusSeconds(30), past, "test"));

    Ack ack = cloud.awaitOne(device, Ack.class, WAIT, a -> a.commandId().equals("cmd-old"));
    assertThat(ack.status()).isEqualTo(AckStatus.EXPIRED);
    assertThat(ack.reason()).contains("expired");
    assertThat(greenhouse.relayOn("pump")).isFalse();
  }

  @Test
  void aRepeatedCommandIdIsAckedDuplicate() throws Exception {
    greenhouse = startAndAwaitOnline();
    Command on = command("cmd-dup", "fan", Action.ON, 600, Instant.now().plusSeconds(30));

    cloud.send(device, on);
    cloud.send(device, on);

    List<Ack> acks = cloud.await(device, Ack.class, 2, WAIT, a -> a.commandId().equals("cmd-dup"));
    assertThat(acks).extracting(Ack::status).containsExactly(AckStatus.APPLIED, AckStatus.DUPLICATE);
    assertThat(greenhouse.relayOn("fan")).isTrue();
  }

  @Test
  void aMalformedCommandIsIgnoredAndTheNextGoodOneIsApplied() throws Exception {
    greenhouse = startAndAwaitOnline();
    String topic = "farm/v1/" + device + "/commands";

    cloud.publish(topic, "{not json");
    cloud.publish(topic, "{\"commandId\":\"x\",\"actuator\":\"pump\",\"action\":\"explode\"}");
    cloud.send(device, command("cmd-good", "grow-light", Action.ON, 600, Instant.now().plusSeconds(30)));

    Ack ack = cloud.awaitOne(device, Ack.class, WAIT, a -> a.commandId().equals("cmd-good"));
    assertThat(ack.status()).isEqualTo(AckStatus.APPLIED);
    assertThat(greenhouse.relayOn("grow-light")).isTrue();
    assertThat(cloud.messages(device, Ack.class)).extracting(Ack::commandId).containsExactly("cmd-good");
  }

  @Test
  void stoppingTheAgentSwitchesEveryRelayOff() throws Exception {
    greenhouse = startAndAwaitOnline();
    cloud.send(device, command("cmd-stop", "pump", Action.ON, 600, Instant.now().plusSeconds(30)));
    cloud.awaitOne(device, Ack.class, WAIT, a -> a.commandId().equals("cmd-stop"));

    greenhouse.agent().close();

    assertThat(greenhouse.relayOn("pump")).isFalse();
    State last = cloud.await(device, State.class, 1, WAIT, s -> s.actuators().values().stream()
        .allMatch(a -> !a.on() && a.cause().equals("shutdown"))).get(0);
    assertThat(last.actuators().keySet()).containsExactlyInAnyOrder("pump", "fan", "grow-light", "mist", "pump-power");
  }

  @Test
  void aRetainedConfigFromTheCloudIsAppliedKeptAndReportedAndABadOneIsRefusedByName() throws Exception {
    greenhouse = startAndAwaitOnline();
    vn.farm.contract.MessageCodec codec = new vn.farm.contract.MessageCodec();
    cloud.send(device, codec.decode(vn.farm.contract.DeviceConfig.class, """
        {"version": 5, "rules": [{"id": "cool", "type": "threshold", "output": "fan", "input": "air",
          "quantity": "air_temperature", "onAbove": -10, "offBelow": -20}]}
        """.getBytes(java.nio.charset.StandardCharsets.UTF_8)));

    // The rule wants the fan on at any temperature: the state shows version 5 and the fan on by that rule.
    State applied = cloud.awaitOne(device, State.class, WAIT,
        s -> s.configVersion() == 5 && s.actuators().get("fan").on());
    assertThat(applied.actuators().get("fan").cause()).isEqualTo("rule:cool");
    cloud.awaitOne(device, vn.farm.contract.Event.class, WAIT, e -> e.type().equals("config.applied"));

    cloud.send(device, codec.decode(vn.farm.contract.DeviceConfig.class, """
        {"version": 6, "rules": [{"id": "heat", "type": "threshold", "output": "heater", "input": "air",
          "quantity": "air_temperature", "onBelow": 10, "offAbove": 12}]}
        """.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    vn.farm.contract.Event refused = cloud.awaitOne(device, vn.farm.contract.Event.class, WAIT,
        e -> e.type().equals("config.refused"));
    assertThat(refused.message()).contains("rules[0].output: 'heater' is not an output of board rpi4-greenhouse");
    assertThat(greenhouse.agent().configVersion()).isEqualTo(5);

    greenhouse.close();
    greenhouse = SimulatedGreenhouse.start(new SimulatedGreenhouse.Options(device.value(), "none", null, null,
        dataRoot.resolve(device.value()), FAST, 42, Clock.systemUTC()));
    assertThat(greenhouse.agent().configVersion()).as("kept on disk for a restart without the cloud").isEqualTo(5);
  }

  private SimulatedGreenhouse start(String brokerUrl) {
    return start(brokerUrl, Clock.systemUTC());
  }

  private SimulatedGreenhouse start(String brokerUrl, Clock clock) {
    return SimulatedGreenhouse.start(new SimulatedGreenhouse.Options(device.value(), brokerUrl, null, null,
        dataRoot.resolve(device.value()), FAST, 42, clock));
  }

  private SimulatedGreenhouse startAndAwaitOnline() throws InterruptedException {
    SimulatedGreenhouse gh = start(broker.url());
    cloud.awaitOne(device, Status.class, WAIT, Status::online);
    return gh;
  }

  private static Command command(String id, String actuator, Action action, Integer durationS, Instant expiresAt) {
    return new Command(id, actuator, action, durationS, Instant.now().minusSeconds(1), expiresAt, "test");
  }

  private static double value(Telemetry t, Quantity q) {
    return t.readings().stream().filter(r -> r.quantity() == q).findFirst().orElseThrow().value();
  }

  static Set<String> ids(List<SimulatedGreenhouse> greenhouses) {
    return greenhouses.stream().map(SimulatedGreenhouse::deviceId).collect(Collectors.toSet());
  }
}
