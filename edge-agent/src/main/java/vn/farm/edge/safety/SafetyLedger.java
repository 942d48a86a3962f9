package vn.farm.edge.safety;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.farm.edge.store.SlotFile;
import vn.farm.json.JsonTree;
import vn.farm.json.JsonWriter;

/**
 * The safety layer's counters that must survive a restart: per output whether it was on and since when, when it
 * last went off, and its on-time on the current local day, as JSON. Saved in place into one of the two slots of
 * {@code {dataDir}/safety-ledger.slots} (see {@link SlotFile}) on every switch and at most every {@code saveEvery}
 * while an output runs: allocated once, so a save works even when the disk has filled up, and a power cut during a
 * save leaves the previous copy. A {@code safety-ledger.json} of an older agent is read once and then replaced.
 *
 * <p>Reopening after a crash is conservative in both directions: an output that was on is taken to have run until
 * the last save plus {@code saveEvery} (or until now, if sooner) for its daily budget, and to have gone off just now
 * for its minimum off-time, since its relay was released by the restart. A ledger that cannot be read is reported
 * and replaced by one in which every output went off just now, so a restart never lets a pump start early. A
 * last-off time in the future (the clock was set back) is taken as now. Not thread-safe: the safety layer guards
 * it.
 */
final class SafetyLedger {
  static final String FILE = "safety-ledger.slots";
  static final String LEGACY_FILE = "safety-ledger.json";
  private static final Logger log = LoggerFactory.getLogger(SafetyLedger.class);
  private static final JsonWriter JSON = new JsonWriter();

  /** The counters of one output. Times are on the agent's clock. */
  static final class Counters {
    boolean on;
    Instant runStartedAt;
    Instant lastOffAt;
    LocalDate day;
    long onMillisToday;
  }

  private final Path file;
  private ZoneId zone;
  private SlotFile slots;
  private final Map<String, Counters> byOutput = new LinkedHashMap<>();
  private String problem;
  private final List<CutRun> cutRuns = new ArrayList<>();

  private SafetyLedger(Path file, ZoneId zone) {
    this.file = file;
    this.zone = zone;
  }

  /**
   * Opens the ledger in {@code dataDir} for {@code outputs}, all of which are off now, reconciling what was saved
   * with the restart at {@code now} as the class comment describes.
   */
  static SafetyLedger open(Path dataDir, Collection<String> outputs, Instant now, ZoneId zone, Duration saveEvery) {
    SafetyLedger ledger = new SafetyLedger(dataDir.resolve(FILE), zone);
    JsonTree saved = null;
    boolean lost = false;
    try {
      Files.createDirectories(dataDir);
      ledger.slots = SlotFile.open(ledger.file);
      byte[] bytes = ledger.slots.read();
      Path legacy = dataDir.resolve(LEGACY_FILE);
      if (bytes == null && Files.exists(legacy)) {
        bytes = Files.readAllBytes(legacy);
      }
      saved = bytes == null ? null : JsonTree.parse(bytes);
      if (bytes != null && (saved == null || !saved.isObject())) {
        throw new IOException("not a JSON object");
      }
    } catch (IOException | RuntimeException e) {
      ledger.problem = ledger.file + " could not be read (" + e.getMessage() + "); every output is treated as "
          + "having just switched off, and today's on-time counts restart from zero";
      log.error("safety ledger: {}", ledger.problem);
      saved = null;
      lost = true;
    }
    LocalDate today = LocalDate.ofInstant(now, zone);
    Instant savedAt = saved == null ? null : instant(saved.path("savedAt"));
    for (String id : outputs) {
      Counters c = new Counters();
      c.day = today;
      JsonTree e = saved == null ? null : saved.path("outputs").path(id);
      if (lost) {
        c.lastOffAt = now;
      } else if (e != null && e.isObject()) {
        ledger.restore(id, c, e, now, today, savedAt, saveEvery);
      }
      ledger.byOutput.put(id, c);
    }
    return ledger;
  }

  private void restore(String output, Counters c, JsonTree e, Instant now, LocalDate today, Instant savedAt,
      Duration saveEvery) {
    LocalDate day = date(e.path("day"));
    long onMillis = e.path("onMillisToday").asLong(0);
    Instant lastOff = instant(e.path("lastOffAt"));
    Instant runStart = instant(e.path("runStartedAt"));
    if (e.path("on").asBoolean(false) && runStart != null) {
      Instant end = savedAt == null ? now : min(now, savedAt.plus(saveEvery));
      cutRuns.add(new CutRun(output, runStart, max(runStart, end)));
      if (today.equals(day)) {
        onMillis += Math.max(0, Duration.between(max(runStart, startOf(today)), end).toMillis());
      }
      lastOff = now;
    }
    c.day = today;
    c.onMillisToday = today.equals(day) ? Math.max(0, onMillis) : 0;
    c.lastOffAt = lastOff == null ? null : min(lastOff, now);
  }

  /** Returns the runs that were going on when the ledger was last saved: a restart cut them short. */
  List<CutRun> cutRuns() {
    return List.copyOf(cutRuns);
  }

  /** A run the saved ledger shows going on: it ended by {@code endedAt} at the latest. */
  record CutRun(String output, Instant startedAt, Instant endedAt) {}

  /** Returns what went wrong reading the saved ledger, or null when it was read (or absent). */
  String problem() {
    return problem;
  }

  /** Returns the counters of {@code output}, created empty for an output the ledger has not seen. */
  Counters of(String output) {
    return byOutput.computeIfAbsent(output, id -> new Counters());
  }

  /**
   * Starts a new local day for every output whose counters belong to an earlier one. When the local date goes back
   * instead (the zone moved west, or the clock was set back), the counts are kept for the earlier date: no budget is
   * given afresh before a day has ended.
   */
  void roll(Instant now) {
    LocalDate today = LocalDate.ofInstant(now, zone);
    for (Counters c : byOutput.values()) {
      if (c.day == null || today.isAfter(c.day)) {
        c.day = today;
        c.onMillisToday = 0;
      } else if (today.isBefore(c.day)) {
        // Kept, and a running run counts from its start within the earlier date: at worst counted twice, never
        // forgotten.
        c.day = today;
      }
    }
  }

  /** Counts days in {@code next} from now on, as {@link #roll} describes. */
  void zone(ZoneId next, Instant now) {
    roll(now);
    zone = next;
    roll(now);
  }

  /** Returns the on-time of {@code c} on its local day up to {@code now}, the running part included, ms. */
  long onMillisToday(Counters c, Instant now) {
    long running = c.on && c.runStartedAt != null
        ? Math.max(0, Duration.between(max(c.runStartedAt, startOf(c.day)), now).toMillis()) : 0;
    return c.onMillisToday + running;
  }

  /** Records that {@code c} switched on at {@code now}. */
  void switchedOn(Counters c, Instant now) {
    c.on = true;
    c.runStartedAt = now;
  }

  /** Records that {@code c} switched off at {@code now}, adding the run's part within today to the day's total. */
  void switchedOff(Counters c, Instant now) {
    if (c.on && c.runStartedAt != null) {
      c.onMillisToday += Math.max(0, Duration.between(max(c.runStartedAt, startOf(c.day)), now).toMillis());
    }
    c.on = false;
    c.runStartedAt = null;
    c.lastOffAt = now;
  }

  /** Writes every output's counters, stamped {@code now}. Logs and returns false when the disk refuses. */
  boolean save(Instant now) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("savedAt", now.toString());
    Map<String, Object> outputs = new LinkedHashMap<>();
    root.put("outputs", outputs);
    byOutput.forEach((id, c) -> {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("on", c.on);
      o.put("runStartedAt", c.runStartedAt == null ? null : c.runStartedAt.toString());
      o.put("lastOffAt", c.lastOffAt == null ? null : c.lastOffAt.toString());
      o.put("day", c.day == null ? null : c.day.toString());
      o.put("onMillisToday", c.onMillisToday);
      outputs.put(id, o);
    });
    try {
      if (slots == null) {
        slots = SlotFile.open(file);
      }
      slots.write(JSON.write(root));
      Files.deleteIfExists(file.resolveSibling(LEGACY_FILE));
      return true;
    } catch (IOException e) {
      log.error("cannot save the safety ledger {}: {}", file, e.getMessage());
      return false;
    }
  }

  private Instant startOf(LocalDate day) {
    return day == null ? Instant.MIN : day.atStartOfDay(zone).toInstant();
  }

  private static Instant instant(JsonTree n) {
    if (n == null || !n.isTextual()) {
      return null;
    }
    try {
      return Instant.parse(n.asText());
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static LocalDate date(JsonTree n) {
    if (n == null || !n.isTextual()) {
      return null;
    }
    try {
      return LocalDate.parse(n.asText());
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }
}
