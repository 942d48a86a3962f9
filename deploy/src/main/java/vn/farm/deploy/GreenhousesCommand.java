package vn.farm.deploy;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import com.pi4j.io.gpio.digital.DigitalOutput;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.farm.profile.BoardProfile.OutputSpec;
import vn.farm.sim.SimulatedGreenhouse;

/**
 * Runs simulated greenhouses (the real edge agent on virtual boards) against a broker that is already running,
 * until stopped with SIGTERM or Ctrl-C: for trying a farm cloud or an external broker without hardware, and for
 * the fault-injection suite, which kills and restarts this process.
 */
@Command(name = "greenhouses", mixinStandardHelpOptions = true,
    description = {"Run simulated greenhouses against a running broker until stopped.",
        "Each keeps its outbox and safety ledger in --data/{deviceId}, so a restart continues where it stopped.",
        "A greenhouse whose folder holds the file mqtt-secret logs in as its device id with that secret."})
final class GreenhousesCommand implements Callable<Integer> {
  @Option(names = "--broker", required = true, description = "MQTT broker URL, such as tcp://127.0.0.1:1883.")
  String broker;

  @Option(names = "--data", required = true, description = "Folder for the greenhouses' state.")
  Path data;

  @Option(names = "--count", defaultValue = "2", description = "How many greenhouses, gh-1 to gh-N (1-50).")
  int count;

  @Option(names = "--sample-period", defaultValue = "10", description = "Seconds between readings (0.1-3600).")
  double samplePeriodS;

  @Option(names = "--control", description = "Local control file every greenhouse runs (docs/control.md).")
  Path control;

  @Option(names = "--relay-log", description = "Append every relay switch here: epoch ms,device,output,on|off.")
  Path relayLog;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (count < 1 || count > 50) {
      spec.commandLine().getErr().println("farm greenhouses: --count must be 1-50, not " + count);
      return 2;
    }
    List<SimulatedGreenhouse> running = new ArrayList<>();
    BufferedWriter relays = relayLog == null ? null : Files.newBufferedWriter(relayLog, StandardCharsets.UTF_8,
        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      synchronized (running) {
        for (SimulatedGreenhouse g : running) {
          try {
            g.close();
          } catch (RuntimeException e) {
            // keep closing the others; the agent logs its own failure
          }
        }
        running.clear();
      }
      stopped.countDown();
    }, "greenhouses-shutdown"));
    for (int i = 1; i <= count; i++) {
      String id = "gh-" + i;
      // A greenhouse whose folder holds an MQTT secret (as `farm demo` and `farm bench drain` leave there) logs in
      // with it; otherwise it connects without a login, as to a broker that allows that.
      String secret = CloudApi.readSecret(data.resolve(id));
      SimulatedGreenhouse.Options options = new SimulatedGreenhouse.Options(id, broker,
          secret == null ? null : id, secret, data.resolve(id), Duration.ofNanos(Math.round(samplePeriodS * 1e9)), 1000L
              + i, Clock.systemUTC());
      if (control != null) {
        options = options.withControl(control);
      }
      synchronized (running) {
        SimulatedGreenhouse gh = SimulatedGreenhouse.start(options);
        running.add(gh);
        if (relays != null) {
          journal(gh, relays);
        }
      }
    }
    out.printf("%d simulated greenhouses are running against %s. Stop with Ctrl-C.%n", count, broker);
    out.flush();
    stopped.await();
    return 0;
  }

  /** Writes every switch of every relay of {@code gh} as it happens, from the board's own pin events. */
  private static void journal(SimulatedGreenhouse gh, BufferedWriter relays) {
    for (OutputSpec out : gh.board().profile().outputs()) {
      DigitalOutput pin = gh.board().context().registry().get("relay-" + out.id(), DigitalOutput.class);
      pin.addListener(e -> {
        String line = System.currentTimeMillis() + "," + gh.deviceId() + "," + out.id() + ","
            + (gh.board().relayOn(out.id()) ? "on" : "off");
        synchronized (relays) {
          try {
            relays.write(line);
            relays.newLine();
            relays.flush();
          } catch (IOException ignored) {
            // the journal is for the fault suite; a full disk must not stop the greenhouse
          }
        }
      });
    }
  }
}
