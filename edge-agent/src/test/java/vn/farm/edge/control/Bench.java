package vn.farm.edge.control;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import vn.farm.contract.Ack;
import vn.farm.contract.Action;
import vn.farm.contract.ActuatorState;
import vn.farm.contract.Command;
import vn.farm.contract.Quantity;
import vn.farm.contract.Reading;
import vn.farm.contract.Severity;
import vn.farm.edge.actuation.Outputs;
import vn.farm.edge.config.ControlConfigReader;
import vn.farm.edge.safety.SafetyLayer;
import vn.farm.edge.sensing.Sample;
import vn.farm.edge.time.Scheduler;
import vn.farm.edge.time.VirtualTime;
import vn.farm.profile.BoardProfile;
import vn.farm.profile.Profiles;

/**
 * A controller and its safety layer on the reference board's relays (Pi4J mock GPIO), in virtual time, with a
 * temporary data folder: what the control and safety tests drive. Samples are made up by the test. Close it.
 */
final class Bench implements AutoCloseable {
  static final BoardProfile BOARD = Profiles.builtinBoard("rpi4-greenhouse");
  /** 09:00 in Hanoi on a July day. */
  static final Instant T0 = Instant.parse("2026-07-15T02:00:00Z");

  final VirtualTime time;
  final Path dataDir;
  final Context pi4j;
  final Outputs outputs;
  final Scheduler controlLane;
  final Scheduler safetyLane;
  final SafetyLayer safety;
  final Controller controller;
  final List<Ack> acks = new CopyOnWriteArrayList<>();
  final List<String> events = new CopyOnWriteArrayList<>();
  /** What each of the safety layer's events said it is about: its type, a space, its {@code Event.About}. */
  final List<String> abouts = new CopyOnWriteArrayList<>();
  /** Every finished run the safety layer reported, in order. */
  final List<Run> runs = new CopyOnWriteArrayList<>();
  private final List<String> critical = new CopyOnWriteArrayList<>();

  Bench(String yaml) {
    this(yaml, T0, newFolder());
  }

  Bench(String yaml, Instant start, Path dataDir) {
    this.time = new VirtualTime(start);
    this.dataDir = dataDir;
    this.pi4j = Pi4J.newContextBuilder().noAutoDetect().add(MockDigitalOutputProvider.newInstance()).build();
    this.outputs = Outputs.fromBoard(BOARD, pi4j, time.clock());
    this.controlLane = time.newScheduler("control");
    this.safetyLane = time.newScheduler("safety");
    ControlConfig config = config(yaml);
    Controller[] holder = new Controller[1];
    this.safety = new SafetyLayer(outputs, BOARD.outputs(), config.safety(), dataDir, config.site().zone(),
        time.clock(), safetyLane, new SafetyLayer.Listener() {
          @Override
          public void event(String type, Severity severity, String message) {
            record(type, severity, message);
          }

          @Override
          public void event(String type, Severity severity, String message, vn.farm.contract.Event.About about) {
            abouts.add(type + " " + about);
            record(type, severity, message);
          }

          @Override
          public void outputsChanged() {}

          @Override
          public void ran(String output, java.time.Instant startedAt, java.time.Instant endedAt, Double litres,
              String message) {
            runs.add(new Run(output, startedAt, endedAt, litres));
            record(vn.farm.contract.Event.OUTPUT_RUN, Severity.INFO, message);
          }

          @Override
          public void tripped(String output, String reason) {
            try {
              controlLane.execute(() -> holder[0].tripped(output));
            } catch (java.util.concurrent.RejectedExecutionException e) {
              // the control lane was stopped by the test
            }
          }
        });
    this.controller = new Controller(config, safety, BOARD.outputs(), time.clock(), controlLane,
        new Controller.Listener() {
          @Override
          public void event(String type, Severity severity, String message) {
            record(type, severity, message);
          }

          @Override
          public void ack(Ack ack) {
            acks.add(ack);
          }

          @Override
          public void stateChanged() {}
        });
    holder[0] = controller;
  }

  static ControlConfig config(String yaml) {
    try {
      Path file = Files.createTempFile("control-", ".yaml");
      try {
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
        return new ControlConfigReader(BOARD).load(file);
      } finally {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path newFolder() {
    try {
      // The ledger forces every save to disk: in memory (tmpfs) where there is one, thousands of switches cost little.
      Path shm = Path.of("/dev/shm");
      return Files.isDirectory(shm) && Files.isWritable(shm) ? Files.createTempDirectory(shm, "control-test-")
          : Files.createTempDirectory("control-test-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void record(String type, Severity severity, String message) {
    events.add(type + ": " + message);
    if (severity == Severity.CRITICAL) {
      critical.add(type);
    }
  }

  /** A run as the safety layer reports it to the agent. */
  record Run(String output, Instant startedAt, Instant endedAt, Double litres) {}

  /** Returns the events of {@code type}. */
  List<String> events(String type) {
    return events.stream().filter(e -> e.startsWith(type + ":")).toList();
  }

  /** Starts the safety layer's own checks every {@code period}. */
  Bench startSafety(Duration period) {
    safety.start(period);
    return this;
  }

  /** Hands the controller a sample taken now, built from input, quantity, value triples. */
  void sample(Object... triples) {
    List<Reading> readings = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    Instant now = time.now();
    for (int i = 0; i < triples.length; i += 3) {
      String input = (String) triples[i];
      if (triples[i + 1] == null) {
        failed.add(input);
      } else {
        readings.add(Reading.of(input, (Quantity) triples[i + 1], ((Number) triples[i + 2]).doubleValue(), now));
      }
    }
    Sample sample = new Sample(now, readings, failed);
    safety.observe(sample);
    controller.onSample(sample);
  }

  /** Advances virtual time by {@code d}, handing the same readings to the controller every 10 s as the agent would. */
  void runSampling(Duration d, Object... triples) {
    Instant end = time.now().plus(d);
    while (time.now().isBefore(end)) {
      Duration step = Duration.between(time.now(), end);
      time.runFor(step.compareTo(Duration.ofSeconds(10)) < 0 ? step : Duration.ofSeconds(10));
      sample(triples);
    }
  }

  /** Advances virtual time, running whatever falls due. */
  void run(Duration d) {
    time.runFor(d);
  }

  /** Returns the controller's ETc estimate of the last 24 hours, litres. */
  double controllerEtcLitres() {
    return controller.etcLast24hLitres();
  }

  ActuatorState state(String output) {
    return outputs.snapshot().get(output);
  }

  boolean on(String output) {
    return outputs.get(output).orElseThrow().isOn();
  }

  Command command(String id, String output, Action action, Integer durationS) {
    return new Command(id, output, action, durationS, time.now(), time.now().plusSeconds(60), "farmer-lan");
  }

  Map<String, ActuatorState> snapshot() {
    return outputs.snapshot();
  }

  /**
   * Stops like a power cut: lanes and GPIOs go, but nothing is switched off or saved by the layer, and the data
   * folder stays for the next bench.
   */
  void crash() {
    controller.close();
    controlLane.close();
    safetyLane.close();
    pi4j.shutdown();
  }

  @Override
  public void close() {
    controller.close();
    controlLane.close();
    safety.shutdown("test over");
    safetyLane.close();
    pi4j.shutdown();
    try (Stream<Path> files = Files.walk(dataDir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort
    }
  }
}
