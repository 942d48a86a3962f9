package vn.farm.sim;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.farm.contract.DeviceId;
import vn.farm.edge.time.TimeSource;

/**
 * Several simulated greenhouses against one broker, as a cooperative's controllers would be: each has its own
 * virtual board, agent, weather seed and data folder {@code {root}/{deviceId}}. Thread-safe.
 */
public final class SimulatedFarm implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SimulatedFarm.class);

  /**
   * How to run a farm of simulated greenhouses.
   *
   * @param brokerUrl the MQTT broker all greenhouses connect to, or {@code none}
   * @param username MQTT user name or null
   * @param password MQTT password or null
   * @param root folder holding one data folder per greenhouse
   * @param deviceIds the greenhouses' device ids, distinct
   * @param samplePeriod time between samples of every agent
   * @param seed base weather seed; greenhouse {@code i} uses {@code seed + i}
   * @param time the time of every agent, environment and board (one source for all, so one virtual clock drives
   *     the whole farm)
   * @param board the board profile of every greenhouse
   */
  public record Options(String brokerUrl, String username, String password, Path root, List<String> deviceIds,
      Duration samplePeriod, long seed, TimeSource time, String board) {
    public Options {
      Objects.requireNonNull(brokerUrl, "brokerUrl");
      Objects.requireNonNull(root, "root");
      deviceIds = List.copyOf(deviceIds);
      deviceIds.forEach(DeviceId::of);
      if (new HashSet<>(deviceIds).size() != deviceIds.size()) {
        throw new IllegalArgumentException("deviceIds must be distinct: " + deviceIds);
      }
      Objects.requireNonNull(samplePeriod, "samplePeriod");
      Objects.requireNonNull(time, "time");
      Objects.requireNonNull(board, "board");
    }

    /** Returns options for greenhouses {@code gh-1} to {@code gh-count}, 10 s samples, real UTC time. */
    public static Options of(String brokerUrl, Path root, int count) {
      if (count < 1) {
        throw new IllegalArgumentException("a farm needs at least 1 greenhouse, not " + count);
      }
      List<String> ids = IntStream.rangeClosed(1, count).mapToObj(i -> "gh-" + i).toList();
      return new Options(brokerUrl, null, null, root, ids, Duration.ofSeconds(10), 1, TimeSource.real(),
          SimulatedGreenhouse.DEFAULT_BOARD);
    }

    /** Returns a copy with MQTT credentials. */
    public Options withCredentials(String username, String password) {
      return new Options(brokerUrl, username, password, root, deviceIds, samplePeriod, seed, time, board);
    }

    /** Returns a copy with other device ids. */
    public Options withDeviceIds(List<String> deviceIds) {
      return new Options(brokerUrl, username, password, root, deviceIds, samplePeriod, seed, time, board);
    }

    /** Returns a copy with another sample period. */
    public Options withSamplePeriod(Duration samplePeriod) {
      return new Options(brokerUrl, username, password, root, deviceIds, samplePeriod, seed, time, board);
    }

    /** Returns a copy with another seed. */
    public Options withSeed(long seed) {
      return new Options(brokerUrl, username, password, root, deviceIds, samplePeriod, seed, time, board);
    }

    /** Returns a copy running in real time with {@code clock}. */
    public Options withClock(Clock clock) {
      return withTime(TimeSource.real(clock));
    }

    /** Returns a copy running on {@code time}: real, accelerated or virtual. */
    public Options withTime(TimeSource time) {
      return new Options(brokerUrl, username, password, root, deviceIds, samplePeriod, seed, time, board);
    }

    /** Returns the clock of {@link #time()}. */
    public Clock clock() {
      return time.clock();
    }
  }

  private final Map<String, SimulatedGreenhouse> greenhouses;

  private SimulatedFarm(Map<String, SimulatedGreenhouse> greenhouses) {
    this.greenhouses = greenhouses;
  }

  /** Starts every greenhouse; when one fails to start, the ones already running are closed again. */
  public static SimulatedFarm start(Options options) {
    return start(options, null);
  }

  /** Like {@link #start(Options)}, handing every sample of every agent to {@code listener} (may be null). */
  public static SimulatedFarm start(Options options, FarmSampleListener listener) {
    return start(options, GreenhouseModel.standard(), listener);
  }

  /** Like {@link #start(Options, FarmSampleListener)}, every greenhouse built from {@code model}. */
  public static SimulatedFarm start(Options options, GreenhouseModel model, FarmSampleListener listener) {
    Map<String, SimulatedGreenhouse> started = new LinkedHashMap<>();
    try {
      for (int i = 0; i < options.deviceIds().size(); i++) {
        String id = options.deviceIds().get(i);
        SimulatedGreenhouse.Options gh = SimulatedGreenhouse.Options.of(id, options.brokerUrl(),
            options.root().resolve(id))
            .withCredentials(options.username(), options.password())
            .withSamplePeriod(options.samplePeriod())
            .withSeed(options.seed() + i)
            .withTime(options.time())
            .withBoard(options.board());
        started.put(id, SimulatedGreenhouse.start(gh, model, listener == null ? null
            : (sample, outputs) -> listener.sampled(id, sample, outputs)));
      }
    } catch (RuntimeException e) {
      new SimulatedFarm(started).close();
      throw e;
    }
    return new SimulatedFarm(started);
  }

  /** Returns the greenhouses in start order. */
  public List<SimulatedGreenhouse> greenhouses() {
    return List.copyOf(greenhouses.values());
  }

  /** Returns the greenhouse with {@code deviceId}, or throws naming the known ids. */
  public SimulatedGreenhouse greenhouse(String deviceId) {
    SimulatedGreenhouse gh = greenhouses.get(deviceId);
    if (gh == null) {
      throw new IllegalArgumentException("no greenhouse '" + deviceId + "' (known: " + greenhouses.keySet() + ")");
    }
    return gh;
  }

  /** Closes every greenhouse, continuing past one that fails to close. */
  @Override
  public void close() {
    List<RuntimeException> failures = new ArrayList<>();
    for (SimulatedGreenhouse gh : greenhouses.values()) {
      try {
        gh.close();
      } catch (RuntimeException e) {
        log.error("closing greenhouse {} failed", gh.deviceId(), e);
        failures.add(e);
      }
    }
    if (!failures.isEmpty()) {
      RuntimeException first = failures.get(0);
      failures.subList(1, failures.size()).forEach(first::addSuppressed);
      throw first;
    }
  }
}
