package vn.farm.deploy.bench;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import vn.farm.contract.Channel;
import vn.farm.deploy.bench.FuzzMessages.Verdict;
import vn.farm.sim.SimulatedGreenhouse;

/**
 * The hostile-payload run behind {@code farm bench fuzz}: a cloud of its own, healthy simulated greenhouses
 * publishing through it, then the generated messages of {@link FuzzMessages} from enrolled controllers; afterwards
 * what the cloud stored and rejected is counted, per controller, and set against the contract's verdicts.
 *
 * <p>It runs past the project's ~300 lines because it is one run from start to end: the steps in {@link #run} and
 * the small static readings of the cloud they take (its counters, heap and resident memory, the rows stored) each
 * serve only this run, and read best next to the step that uses them.
 */
public final class FuzzRun {
  /** Messages each fuzzing controller keeps in flight, as an edge agent's drain does. */
  static final int WINDOW = 8;
  /** Healthy greenhouses sample this often: fast enough to give a lag figure in a short run. */
  static final Duration HEALTHY_SAMPLING = Duration.ofMillis(500);
  /** A healthy message with no receipt this long after the broker passed it counts as a stall. */
  static final long STALL_MS = 5_000;
  static final Channel[] PUBLISHED = {Channel.TELEMETRY, Channel.EVENTS, Channel.STATE, Channel.STATUS,
      Channel.ACKS};

  private FuzzRun() {}

  /** Runs it all; {@code progress} hears what the run is doing. */
  public static FuzzResult run(Path home, Path work, String dbUrl, String dbUser, String dbPassword,
      List<String> fuzzers, List<String> healthy, int messages, int warmup, long seed, long lagGoalMs,
      PrintWriter progress) throws Exception {
    FuzzResult result;
    try (BenchCloud cloud = BenchCloud.start(home, work, dbUrl, dbUser, dbPassword)) {
      List<String> fuzzSecrets = cloud.enrol(fuzzers, work);
      List<String> healthySecrets = cloud.enrol(healthy, work);
      List<SimulatedGreenhouse> greenhouses = new ArrayList<>();
      try (HealthyWatch watch = new HealthyWatch(cloud.brokerUrl(), BenchCloud.PASSWORD, healthy)) {
        for (int i = 0; i < healthy.size(); i++) {
          String id = healthy.get(i);
          greenhouses.add(SimulatedGreenhouse.start(new SimulatedGreenhouse.Options(id, cloud.brokerUrl(), id,
              healthySecrets.get(i), work.resolve("edge").resolve(id), HEALTHY_SAMPLING, seed + i,
              Clock.systemUTC())));
        }
        if (!awaitCondition(() -> watch.lagsMs().length >= 4 * healthy.size(), Duration.ofSeconds(120))) {
          throw new IllegalStateException("the healthy greenhouses got no receipts within 120 s; see "
              + work.resolve("cloud.log"));
        }
        progress.printf("healthy greenhouses confirmed; publishing %,d generated messages%n", messages);
        progress.flush();
        long liveBefore = liveHeap(cloud);
        long rssBefore = rss(cloud.pid());
        long heapBefore = heap(cloud);
        Map<Channel, Long> handledBefore = handled(cloud, watch);
        long failedBefore = sum(cloud, "farm_ingest_failed_total");
        Map<Channel, long[]> verdicts = new EnumMap<>(Channel.class);
        for (Channel c : PUBLISHED) {
          verdicts.put(c, new long[Verdict.values().length]);
        }
        long start = System.nanoTime();
        AtomicLong warmedUp = new AtomicLong(start);
        long disconnects = publish(cloud.brokerUrl(), fuzzers, fuzzSecrets, messages, warmup, warmedUp, seed,
            verdicts, progress);
        double sendSeconds = (System.nanoTime() - start) / 1e9;
        long bad = verdicts.values().stream().mapToLong(a -> a[Verdict.BAD.ordinal()]).sum();
        // Everything published has reached the cloud once every rejection is counted against its controller.
        if (!awaitCondition(() -> rejections(cloud, fuzzers) >= bad, Duration.ofMinutes(5))) {
          progress.println("  gave up waiting for every rejection to be counted after 5 minutes");
        }
        // Give what was in flight when the last message went out time to be confirmed, or to become a stall.
        awaitCondition(() -> watch.unconfirmedOlderThan(0) == 0, Duration.ofMillis(STALL_MS + 1000));
        long stalls = watch.unconfirmedOlderThan(STALL_MS);
        for (String stalled : watch.describeUnconfirmedOlderThan(STALL_MS)) {
          progress.println("  no receipt yet: " + stalled);
        }
        progress.flush();
        // Only what the healthy greenhouses sent while the generated messages flowed, after the warm-up: the
        // cloud's first receipts after its start (code not yet compiled, first writes) are not what this run is
        // about.
        double[] lags = watch.lagsMsSince(warmedUp.get());
        for (SimulatedGreenhouse g : greenhouses) {
          g.close();
        }
        greenhouses.clear();
        boolean alive = cloud.alive() && ready(cloud);
        long rssAfter = rss(cloud.pid());
        long heapAfter = heap(cloud);
        long liveAfter = liveHeap(cloud);
        Map<Channel, Long> handledAfter = handled(cloud, watch);
        Map<Channel, Long> otherHandled = new EnumMap<>(Channel.class);
        for (Channel c : List.of(Channel.STATE, Channel.STATUS, Channel.ACKS)) {
          otherHandled.put(c, handledAfter.get(c) - handledBefore.get(c));
        }
        long rejected = rejections(cloud, fuzzers);
        List<String> byReason = cloud.metrics("farm_ingest_rejected_total{").stream()
            .map(l -> l.substring("farm_ingest_rejected_total".length()).replace("\"", "")).toList();
        long failed = sum(cloud, "farm_ingest_failed_total") - failedBefore;
        List<String> writer = new ArrayList<>(cloud.metrics("farm_ingest_batch"));
        writer.addAll(cloud.metrics("farm_ingest_lag_seconds"));
        cloud.close();
        long[] stored = storedRows(work, dbUrl, dbUser, dbPassword);
        result = new FuzzResult(messages, sendSeconds, verdicts, rejected, stored[0], stored[1], failed, disconnects,
            alive, stalls, lags, rssBefore, rssAfter, heapBefore, heapAfter, byReason, otherHandled, writer, lagGoalMs,
            liveBefore, liveAfter, warmup, watch.confirmedBeforeSeen());
      } finally {
        for (SimulatedGreenhouse g : greenhouses) {
          g.close();
        }
      }
    }
    return result;
  }

  /**
   * Publishes {@code messages} generated messages, each controller on its own connection, and sets {@code warmedUp}
   * to the moment the first {@code warmup} of them went out; returns disconnects.
   */
  private static long publish(String brokerUrl, List<String> fuzzers, List<String> secrets, int messages,
      int warmup, AtomicLong warmedUp, long seed, Map<Channel, long[]> verdicts, PrintWriter progress)
      throws Exception {
    FuzzMessages generator = new FuzzMessages(seed, fuzzers);
    AtomicInteger disconnects = new AtomicInteger();
    List<MqttAsyncClient> clients = new ArrayList<>();
    List<MqttConnectionOptions> options = new ArrayList<>();
    List<Semaphore> windows = new ArrayList<>();
    try {
      for (int i = 0; i < fuzzers.size(); i++) {
        MqttAsyncClient c = new MqttAsyncClient(brokerUrl, fuzzers.get(i), new MemoryPersistence());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setUserName(fuzzers.get(i));
        o.setPassword(secrets.get(i).getBytes(StandardCharsets.UTF_8));
        o.setCleanStart(true);
        o.setSocketFactory(new vn.farm.mqtt.NoDelaySocketFactory());
        c.setCallback(new Disconnects(disconnects));
        c.connect(o).waitForCompletion(10_000);
        clients.add(c);
        options.add(o);
        windows.add(new Semaphore(WINDOW));
      }
      for (int n = 1; n <= messages; n++) {
        FuzzMessages.Message m = generator.next();
        verdicts.get(m.channel())[m.verdict().ordinal()]++;
        int i = fuzzers.indexOf(m.device());
        Semaphore window = windows.get(i);
        window.acquire();
        MqttAsyncClient c = clients.get(i);
        if (!c.isConnected()) {
          c.connect(options.get(i)).waitForCompletion(10_000);
        }
        c.publish(m.topic(), new MqttMessage(m.payload(), 1, false, null), null, new MqttActionListener() {
          @Override
          public void onSuccess(IMqttToken token) {
            window.release();
          }

          @Override
          public void onFailure(IMqttToken token, Throwable e) {
            window.release();
          }
        });
        if (n == warmup) {
          warmedUp.set(System.nanoTime());
        }
        if (n % 20_000 == 0) {
          progress.printf("  %,d published%n", n);
          progress.flush();
        }
      }
      for (Semaphore w : windows) {
        if (!w.tryAcquire(WINDOW, 60, TimeUnit.SECONDS)) {
          throw new IllegalStateException("the broker did not acknowledge the last messages within 60 s");
        }
      }
    } finally {
      for (MqttAsyncClient c : clients) {
        if (c.isConnected()) {
          c.disconnectForcibly(1_000, 200, true);
        }
        c.close(true);
      }
    }
    return disconnects.get();
  }

  /** Counts a connection the broker ended. */
  private record Disconnects(AtomicInteger count) implements org.eclipse.paho.mqttv5.client.MqttCallback {
    @Override
    public void disconnected(org.eclipse.paho.mqttv5.client.MqttDisconnectResponse response) {
      count.incrementAndGet();
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {}

    @Override
    public void messageArrived(String topic, MqttMessage message) {}

    @Override
    public void deliveryComplete(IMqttToken token) {}

    @Override
    public void connectComplete(boolean reconnect, String serverURI) {}

    @Override
    public void authPacketArrived(int reasonCode, org.eclipse.paho.mqttv5.common.packet.MqttProperties p) {}
  }

  /** Returns the rejections the cloud counted against the fuzzing controllers, from each one's page. */
  private static long rejections(BenchCloud cloud, List<String> fuzzers) throws Exception {
    long total = 0;
    for (String id : fuzzers) {
      total += cloud.api().send("GET", "/api/devices/" + id, null, 200).path("rejectedPayloads").asLong();
    }
    return total;
  }

  /** Returns what the cloud handled on each channel, less what the healthy greenhouses published there. */
  private static Map<Channel, Long> handled(BenchCloud cloud, HealthyWatch watch) {
    Map<Channel, Long> handled = new EnumMap<>(Channel.class);
    for (Channel c : PUBLISHED) {
      handled.put(c, sum(cloud, "farm_ingest_stored_total{channel=\"" + c.level() + "\"") - watch.seen(c));
    }
    return handled;
  }

  private static long sum(BenchCloud cloud, String prefix) {
    return (long) cloud.metrics(prefix).stream()
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
  }

  private static boolean ready(BenchCloud cloud) {
    try {
      return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
          cloud.base().resolve("/q/health/ready")).build(), java.net.http.HttpResponse.BodyHandlers.discarding())
          .statusCode() == 200;
    } catch (Exception e) {
      return false;
    }
  }

  /**
   * Returns the heap the cloud's live objects hold, after a full collection asked of it with the JDK's {@code jcmd},
   * or -1 when that tool is not at hand: what it keeps, as opposed to what its heap happens to hold.
   */
  private static long liveHeap(BenchCloud cloud) {
    try {
      Process gc = new ProcessBuilder("jcmd", String.valueOf(cloud.pid()), "GC.run").redirectErrorStream(true)
          .start();
      gc.getInputStream().readAllBytes();
      if (!gc.waitFor(60, TimeUnit.SECONDS) || gc.exitValue() != 0) {
        return -1;
      }
    } catch (java.io.IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
    return heap(cloud);
  }

  private static long heap(BenchCloud cloud) {
    return sum(cloud, "jvm_memory_used_bytes{area=\"heap\"");
  }

  /** Returns the resident memory of process {@code pid}, in bytes, or -1. */
  static long rss(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (java.io.IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }

  /** Counts the fuzzing controllers' telemetry and events in the database, once the cloud has stopped. */
  private static long[] storedRows(Path work, String dbUrl, String dbUser, String dbPassword) throws Exception {
    String url = dbUrl != null ? dbUrl : "jdbc:h2:file:" + work.resolve("cloud").resolve("farm").toAbsolutePath();
    try (Connection c = dbUrl != null ? DriverManager.getConnection(url, dbUser, dbPassword)
        : DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
      long[] counts = new long[2];
      String[] tables = {"telemetry_message", "device_event"};
      for (int i = 0; i < 2; i++) {
        try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + tables[i] + " WHERE device_id LIKE 'fuzz-%'")) {
          rs.next();
          counts[i] = rs.getLong(1);
        }
      }
      return counts;
    }
  }

  private interface Check {
    boolean ok() throws Exception;
  }

  /** Waits until {@code check} holds or {@code limit} passes; returns whether it held. */
  private static boolean awaitCondition(Check check, Duration limit) throws Exception {
    long end = System.nanoTime() + limit.toNanos();
    while (!check.ok()) {
      if (System.nanoTime() > end) {
        return false;
      }
      Thread.sleep(100);
    }
    return true;
  }
}
