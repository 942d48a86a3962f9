package vn.farm.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import vn.farm.contract.Ack;
import vn.farm.contract.AckStatus;
import vn.farm.contract.Action;
import vn.farm.contract.Command;
import vn.farm.contract.DeviceId;
import vn.farm.contract.Event;
import vn.farm.contract.Receipt;
import vn.farm.contract.State;
import vn.farm.contract.Status;
import vn.farm.contract.Telemetry;
import vn.farm.sim.testing.BrokerExtension;
import vn.farm.sim.testing.MqttProbe;
import vn.farm.sim.run.TcpProxy;

/**
 * The edge agent's outbox against a real broker, with a test client in the cloud's place that stores what arrives
 * and answers with receipts when told to: nothing taken while the link is down is lost, the outbox empties only on
 * receipts, and the session keeps commands for a device that is away.
 */
class OutboxSyncTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
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
    device = DeviceId.of("gh-sync-" + ++devices);
    cloud = broker.probe("farm/v1/" + device + "/#");
  }

  @AfterEach
  void closeAll() throws Exception {
    if (greenhouse != null) {
      greenhouse.close();
    }
  }

  @Test
  void readingsTakenWhileTheLinkIsDownArriveInFullWhenItReturns() throws Exception {
    try (TcpProxy cable = new TcpProxy(broker.port())) {
      greenhouse = start(cable.url());
      cloud.awaitOne(device, Status.class, WAIT, Status::online);
      cable.down();
      cloud.awaitOne(device, Status.class, WAIT, s -> !s.online());
      long firstOffline = greenhouse.agent().nextSeq();
      waitUntil(() -> greenhouse.agent().nextSeq() >= firstOffline + 10, "ten records made while the link is down");
      long lastOffline = greenhouse.agent().nextSeq() - 1;
      assertThat(seqsReceived()).noneMatch(s -> s >= firstOffline && s <= lastOffline);
      cable.up();
      // Seqs of one run of the agent have no gaps, so every record it made up to the last one taken offline has
      // arrived when they all have.
      waitUntil(() -> {
        TreeSet<Long> seqs = seqsReceived();
        return !seqs.isEmpty() && seqs.first() == 1
            && seqs.subSet(1L, true, lastOffline, true).size() == lastOffline;
      }, "every record up to seq " + lastOffline);
    }
  }

  @Test
  void theOutboxEmptiesOnlyOnTheCloudsReceipts() throws Exception {
    greenhouse = start(broker.url());
    cloud.awaitOne(device, Status.class, WAIT, Status::online);
    cloud.await(device, Telemetry.class, 5, WAIT, t -> true);
    assertThat(greenhouse.agent().outboxDepth()).as("a PUBACK is not a receipt").isGreaterThanOrEqualTo(5);

    TreeSet<Long> seqs = seqsReceived();
    cloud.send(device, new Receipt(List.of(new Receipt.SeqRange(0, seqs.last()))));
    waitUntil(() -> greenhouse.agent().outboxDepth() <= 3, "the outbox to shrink after a receipt");
    Path outbox = greenhouse.options().dataDir().resolve("outbox");
    waitUntil(() -> Files.exists(outbox.resolve("acked"))
        && Long.parseLong(Files.readString(outbox.resolve("acked")).trim()) >= seqs.last(), "the point on disk");
  }

  @Test
  void malformedReceiptsAndCommandsAreIgnoredAndTheAgentCarriesOn() throws Exception {
    greenhouse = start(broker.url());
    cloud.awaitOne(device, Status.class, WAIT, Status::online);
    cloud.await(device, Telemetry.class, 5, WAIT, t -> true);
    int depth = greenhouse.agent().outboxDepth();
    String receipts = "farm/v1/" + device + "/receipts";
    // Each is refused by the receipt schema: not JSON, a negative seq, a backward range, a seq that is not whole.
    cloud.publish(receipts, "stored 1-4");
    cloud.publish(receipts, "{\"stored\":[{\"from\":-1,\"to\":1000000}]}");
    cloud.publish(receipts, "{\"stored\":[{\"from\":1000000,\"to\":0}]}");
    cloud.publish(receipts, "{\"stored\":[{\"from\":0,\"to\":1000000.5}]}");
    cloud.publish("farm/v1/" + device + "/commands", "{\"commandId\":\"bad\",\"actuator\":\"fan\",\"action\":"
        + "\"on\",\"issuedAt\":\"2025-06-14T02:15:00Z\",\"expiresAt\":\"2999-01-01T00:00:00Z\",\"issuedBy\":\"test\"}");
    cloud.send(device, new Command("cmd-after", "fan", Action.ON, 600, Instant.now().minusSeconds(1),
        Instant.now().plusSeconds(60), "test"));
    assertThat(cloud.awaitOne(device, Ack.class, WAIT, a -> a.commandId().equals("cmd-after")).status())
        .isEqualTo(AckStatus.APPLIED);
    assertThat(cloud.messages(device, Ack.class)).noneMatch(a -> a.commandId().equals("bad"));
    assertThat(greenhouse.agent().outboxDepth()).as("no malformed receipt emptied the outbox")
        .isGreaterThanOrEqualTo(depth);

    cloud.send(device, new Receipt(List.of(new Receipt.SeqRange(0, seqsReceived().last()))));
    waitUntil(() -> greenhouse.agent().outboxDepth() < depth, "the outbox to shrink after a valid receipt");
  }

  @Test
  void retainedCommandsAndReceiptsLeftOnTheBrokerAreIgnored() throws Exception {
    String commands = "farm/v1/" + device + "/commands";
    String receipts = "farm/v1/" + device + "/receipts";
    // Left by someone else for the device to find at every connect: a command far from expiring, and a receipt for
    // every seq there is.
    cloud.publish(commands, new vn.farm.contract.MessageCodec().encode(new Command("replayed", "fan",
        Action.ON, 600, Instant.now().minusSeconds(1), Instant.now().plusSeconds(3600), "someone")), 1, true);
    cloud.publish(receipts, "{\"stored\":[{\"from\":0,\"to\":9223372036854775807}]}", true);
    try {
      greenhouse = start(broker.url());
      cloud.awaitOne(device, Status.class, WAIT, Status::online);
      cloud.await(device, Telemetry.class, 8, WAIT, t -> true);
      assertThat(greenhouse.agent().outboxDepth()).as("the retained receipt confirmed nothing")
          .isGreaterThanOrEqualTo(8);
      assertThat(cloud.messages(device, Ack.class)).noneMatch(a -> a.commandId().equals("replayed"));
      assertThat(greenhouse.relayOn("fan")).isFalse();
    } finally {
      cloud.publish(commands, "", true);
      cloud.publish(receipts, "", true);
    }
  }

  @Test
  void recordsTheCloudRejectsGoToTheDeadLettersAndAreNeverSentAgain() throws Exception {
    greenhouse = start(broker.url());
    cloud.awaitOne(device, Status.class, WAIT, Status::online);
    List<Telemetry> first = cloud.await(device, Telemetry.class, 5, WAIT, t -> true);
    long refused = first.get(1).seq();
    TreeSet<Long> others = seqsReceived();
    others.remove(refused);
    List<Receipt.SeqRange> stored = others.stream().map(s -> new Receipt.SeqRange(s, s)).toList();
    cloud.send(device, new Receipt(stored, List.of(new Receipt.Rejection(refused, refused, "unstorable",
        "database error 22001: value too long"))));
    Event notice = cloud.awaitOne(device, Event.class, WAIT, e -> e.type().equals("outbox.rejected"));
    assertThat(notice.message()).contains(refused + ".." + refused, "unstorable");
    Path letters = greenhouse.options().dataDir().resolve("dead-letters").resolve("dead-letters.jsonl");
    assertThat(Files.readString(letters)).contains("\"seq\":" + refused + ",", "value too long");
    long copies = telemetry().stream().filter(t -> t.seq() == refused).count();

    // A restart sends again every record not confirmed: the refused one is not among them.
    greenhouse.close();
    int before = telemetry().size();
    greenhouse = start(broker.url());
    cloud.await(device, Telemetry.class, before + 5, WAIT, t -> true);
    assertThat(telemetry().stream().filter(t -> t.seq() == refused).count()).isEqualTo(copies);
  }

  @Test
  void stateReportsTheDepthAndAgeOfTheOutbox() throws Exception {
    greenhouse = start(broker.url());
    cloud.awaitOne(device, Status.class, WAIT, Status::online);
    State state = cloud.awaitOne(device, State.class, WAIT, s -> s.outboxDepth() >= 20);
    assertThat(state.outboxOldest()).isNotNull().isBefore(Instant.now());
  }

  @Test
  void aCommandSentWhileTheDeviceIsAwayIsDeliveredWhenItReturns() throws Exception {
    try (TcpProxy cable = new TcpProxy(broker.port())) {
      greenhouse = start(cable.url());
      cloud.awaitOne(device, Status.class, WAIT, Status::online);
      cable.down();
      cloud.awaitOne(device, Status.class, WAIT, s -> !s.online());
      cloud.send(device, new Command("cmd-away", "fan", Action.ON, 600, Instant.now().minusSeconds(1),
          Instant.now().plusSeconds(60), "test"));
      cable.up();
      Ack ack = cloud.awaitOne(device, Ack.class, WAIT, a -> a.commandId().equals("cmd-away"));
      assertThat(ack.status()).isEqualTo(AckStatus.APPLIED);
      assertThat(greenhouse.relayOn("fan")).isTrue();
    }
  }

  @Test
  void aRestartSendsWhatWasNotConfirmedAndContinuesTheSeqs() throws Exception {
    greenhouse = start(broker.url());
    cloud.await(device, Telemetry.class, 5, WAIT, t -> true);
    greenhouse.close();
    int before = telemetry().size();
    greenhouse = start(broker.url());
    cloud.await(device, Telemetry.class, before + 5, WAIT, t -> true);
    // No receipt was ever sent, so the second run sends the first run's records again.
    List<Long> all = telemetry().stream().map(Telemetry::seq).toList();
    assertThat(all.size()).isGreaterThan(new TreeSet<>(all).size());
    assertThat(new TreeSet<>(all).first()).isEqualTo(1);
  }

  private SimulatedGreenhouse start(String url) {
    return SimulatedGreenhouse.start(new SimulatedGreenhouse.Options(device.value(), url, null, null,
        dataRoot.resolve(device.value()), FAST, 7, Clock.systemUTC()));
  }

  private List<Telemetry> telemetry() {
    return cloud.messages(device, Telemetry.class);
  }

  private TreeSet<Long> seqsReceived() {
    TreeSet<Long> seqs = new TreeSet<>();
    telemetry().forEach(t -> seqs.add(t.seq()));
    cloud.messages(device, Event.class).forEach(e -> seqs.add(e.seq()));
    return seqs;
  }

  private interface Check {
    boolean ok() throws Exception;
  }

  private static void waitUntil(Check check, String what) throws Exception {
    await(what).atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(check::ok);
  }
}
