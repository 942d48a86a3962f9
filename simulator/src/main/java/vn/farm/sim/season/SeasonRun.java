package vn.farm.sim.season;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import vn.farm.agronomy.Psychrometrics;
import vn.farm.contract.Event;
import vn.farm.contract.Severity;
import vn.farm.edge.config.AgentConfig;
import vn.farm.edge.config.ControlConfigReader;
import vn.farm.edge.control.ControlConfig;
import vn.farm.edge.time.VirtualTime;
import vn.farm.profile.BoardProfile;
import vn.farm.profile.BoardProfile.OutputSpec;
import vn.farm.profile.CropProfile;
import vn.farm.profile.Profiles;
import vn.farm.sim.GreenhouseModel;
import vn.farm.sim.SimulatedGreenhouse;
import vn.farm.sim.board.Fault;
import vn.farm.sim.env.GreenhouseEnvironment;
import vn.farm.sim.physics.Climate;
import vn.farm.sim.physics.GreenhousePhysics;
import vn.farm.sim.run.ScratchFolder;
import vn.farm.sim.scenario.FaultSpec;
import vn.farm.sim.scenario.Scenario;

/**
 * One greenhouse through a crop season in virtual time, twice on the same weather: once run by the real edge agent
 * with its rules and safety layer (the control configuration of {@code season/control.yaml} or the caller's), once
 * by a fixed irrigation timer ({@link BaselineTimer}) on the same agent with the same climate rules. Both runs see
 * the same faults. What counts is measured outside the agent: soil moisture, VPD and evapotranspiration from the
 * physics, every relay switch from the board's pins ({@link RelayLog}), so a bug in the agent cannot flatter its
 * own figures. The timer is set from the first run, so the two run one after the other. Not thread-safe.
 */
public final class SeasonRun {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ZoneId LOCAL = ZoneId.of("Asia/Ho_Chi_Minh");

  /**
   * What to simulate.
   *
   * @param crop a built-in crop id or crop profile file
   * @param start simulated start: planting is on its local date
   * @param days length of the run, days
   * @param scenario the greenhouse, soil and site (its crop is replaced by {@code crop}, its faults by
   *     {@code faults})
   * @param seed the weather seed
   * @param faults faults injected into both runs, timed from the start
   * @param control the control file of the controlled run, or null for the built-in season configuration
   * @param samplePeriod the agent's sample period
   * @param board the board profile
   * @param baseline how the comparison timer is set
   */
  public record Options(String crop, Instant start, int days, Scenario scenario, long seed, List<FaultSpec> faults,
      Path control, Duration samplePeriod, String board, BaselineTimer.Sizing baseline) {
    public Options {
      Objects.requireNonNull(crop, "crop");
      Objects.requireNonNull(start, "start");
      if (days < 1 || days > 400) {
        throw new IllegalArgumentException("a season run lasts 1 to 400 days, not " + days);
      }
      faults = List.copyOf(faults);
      Objects.requireNonNull(baseline, "baseline");
    }
  }

  private SeasonRun() {}

  /** Runs both greenhouses and returns the figures of each. */
  public static SeasonResult run(Options o) throws InterruptedException {
    long began = System.nanoTime();
    BoardProfile board = Profiles.board(o.board());
    CropProfile crop = Profiles.BUILTIN_CROPS.contains(o.crop()) ? Profiles.builtinCrop(o.crop())
        : Profiles.loadCrop(Path.of(o.crop()));
    LocalDate planted = LocalDate.ofInstant(o.start(), LOCAL);
    Scenario scenario = o.scenario().withCrop(o.crop()).withSeed(o.seed());
    double area = scenario.greenhouse().areaM2();
    OutputSpec pump = board.outputs().stream().filter(out -> out.flowLitresPerMin() != null).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("board " + board.id() + " has no pump with a flow rate"));
    double flow = scenario.greenhouse().pumpFlowLitresPerMin() != null ? scenario.greenhouse().pumpFlowLitresPerMin()
        : pump.flowLitresPerMin();
    Path work = ScratchFolder.create("farm-season-");
    try {
      Path controlled = controlFile(o.control(), o.crop(), planted, area, work.resolve("control.yaml"), null);
      SeasonFigures c = one(o, board, crop, planted, scenario, controlled, work.resolve("controlled"), pump.id(),
          flow);
      BaselineTimer.Setting timer = o.baseline() == BaselineTimer.Sizing.PEAK_DAY
          ? BaselineTimer.forPeakDay(c.peakDayEtcMm(), area, flow)
          : BaselineTimer.byNormals(crop, planted, o.days(), Climate.northernMidlands(),
              scenario.greenhouse().cover().transmissivity(), area, flow);
      Path baseline = controlFile(o.control(), o.crop(), planted, area, work.resolve("baseline.yaml"), timer);
      SeasonFigures b = one(o, board, crop, planted, scenario, baseline, work.resolve("baseline"), pump.id(), flow);
      return new SeasonResult(o, crop.id(), planted, c, b, timer.description(), (System.nanoTime() - began) / 1e9);
    } finally {
      ScratchFolder.delete(work);
    }
  }

  private static SeasonFigures one(Options o, BoardProfile board, CropProfile crop, LocalDate planted,
      Scenario scenario, Path control, Path dataDir, String pumpId, double flow) {
    VirtualTime time = new VirtualTime(o.start());
    Instant end = o.start().plus(Duration.ofDays(o.days()));
    List<Fault> faults = o.faults().stream().map(f -> f.resolve(o.start())).toList();
    GreenhouseModel model = new GreenhouseModel() {
      @Override
      public GreenhouseEnvironment environment(BoardProfile b, long seed) {
        return GreenhousePhysics.of(scenario.withSeed(seed), b, crop).plantedOn(crop, planted);
      }

      @Override
      public List<Fault> faults(Instant start) {
        return faults;
      }

      @Override
      public String describe() {
        return "GreenhousePhysics, season of " + crop.id();
      }
    };
    Bands bands = new Bands(crop, planted);
    List<Event> events = new ArrayList<>();
    SimulatedGreenhouse.Options options = new SimulatedGreenhouse.Options("gh-season", AgentConfig.NO_BROKER, null,
        null, dataDir, o.samplePeriod(), o.seed(), time, o.board(), control);
    SimulatedGreenhouse[] holder = new SimulatedGreenhouse[1];
    SimulatedGreenhouse gh = SimulatedGreenhouse.start(options, model, (sample, outputs) -> {
      GreenhousePhysics physics = (GreenhousePhysics) holder[0].environment();
      double vpd = Psychrometrics.vapourPressureDeficit(physics.airTemperatureC(), physics.airHumidityPct());
      bands.count(sample.at(), physics.relativeAvailableWater() * 100, vpd,
          physics.cropEtMmPerHour() * o.samplePeriod().toMillis() / 3_600_000.0);
    }, events::add);
    holder[0] = gh;
    RelayLog relays;
    try {
      relays = RelayLog.watch(gh.board(), time);
      time.advanceTo(end.minusNanos(1));
      relays.close(time.now());
    } finally {
      gh.close();
    }
    ControlConfig config = new ControlConfigReader(board).load(control);
    List<String> violations = relays.violations(config.safety(), Map.of(pumpId, flow), config.site().zone());
    Map<String, Integer> eventCounts = new TreeMap<>();
    Event firstCritical = null;
    for (Event e : events) {
      eventCounts.merge(e.type(), 1, Integer::sum);
      if (e.severity() == Severity.CRITICAL && firstCritical == null) {
        firstCritical = e;
      }
    }
    return new SeasonFigures(bands.soilInBandPct(), bands.vpdInBandPct(), bands.totalEtcMm(), bands.peakDayEtcMm(),
        relays.onTime(pumpId).toMillis() / 60_000.0 * flow, relays.longestRun(pumpId).toSeconds(),
        relays.runs(pumpId).size(), violations, eventCounts, firstCritical, relays.runs(pumpId));
  }

  /**
   * Writes the control file of one run: the caller's or the built-in season configuration, with crop, planting date
   * and area set; for the baseline, its irrigation rules replaced by the fixed timer and the pump's limits opened
   * wide enough for the timer's runs (a plain timer has no safety layer to speak of).
   */
  private static Path controlFile(Path given, String crop, LocalDate planted, double area, Path out,
      BaselineTimer.Setting timer) {
    try {
      JsonNode root;
      if (given != null) {
        root = YAML.readTree(Files.readAllBytes(given));
      } else {
        try (InputStream in = SeasonRun.class.getResourceAsStream("/season/control.yaml")) {
          root = YAML.readTree(in);
        }
      }
      ObjectNode doc = (ObjectNode) root;
      if (given == null) {
        doc.put("crop", crop);
        doc.put("plantingDate", planted.toString());
        doc.with("site").put("areaM2", area);
      }
      if (timer != null) {
        com.fasterxml.jackson.databind.node.ArrayNode rules = YAML.createArrayNode();
        for (JsonNode r : doc.path("rules")) {
          if (!"irrigation".equals(r.path("type").asText())) {
            rules.add(r);
          }
        }
        ObjectNode t = rules.addObject().put("id", "timer").put("type", "schedule").put("output", "pump");
        com.fasterxml.jackson.databind.node.ArrayNode windows = t.putArray("windows");
        for (String from : List.of(BaselineTimer.MORNING, BaselineTimer.AFTERNOON)) {
          java.time.LocalTime f = java.time.LocalTime.parse(from);
          windows.addObject().put("from", from).put("to", f.plusMinutes(timer.runMinutes()).toString());
        }
        doc.set("rules", rules);
        ObjectNode pumpLimits = doc.with("safetyLimits").with("outputs").putObject("pump");
        pumpLimits.put("maxOnS", timer.runMinutes() * 60 + 60).put("minOffS", 0);
      }
      Files.write(out, YAML.writeValueAsBytes(doc));
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the season's control file " + out + ": " + e.getMessage(), e);
    }
  }

  /** Counts samples with soil moisture and VPD inside the crop stage's band of their local day. */
  private static final class Bands {
    private final CropProfile crop;
    private final long plantedEpochDay;
    private long samples;
    private long soilIn;
    private long vpdIn;
    private long day = Long.MIN_VALUE;
    private CropProfile.Stage stage;
    private double dayEtcMm;
    private double peakDayEtcMm;
    private double totalEtcMm;

    Bands(CropProfile crop, LocalDate planted) {
      this.crop = crop;
      this.plantedEpochDay = planted.toEpochDay();
    }

    void count(Instant at, double soilPct, double vpdKpa, double etcMm) {
      long d = LocalDate.ofInstant(at, LOCAL).toEpochDay();
      if (d != day) {
        if (day != Long.MIN_VALUE) {
          peakDayEtcMm = Math.max(peakDayEtcMm, dayEtcMm);
        }
        dayEtcMm = 0;
        day = d;
        stage = crop.stageAt((int) Math.max(0, d - plantedEpochDay));
      }
      samples++;
      dayEtcMm += etcMm;
      totalEtcMm += etcMm;
      if (stage.soilMoisturePct().contains(soilPct)) {
        soilIn++;
      }
      if (stage.vpdKpa().contains(vpdKpa)) {
        vpdIn++;
      }
    }

    double soilInBandPct() {
      return samples == 0 ? 0 : 100.0 * soilIn / samples;
    }

    double peakDayEtcMm() {
      return Math.max(peakDayEtcMm, dayEtcMm);
    }

    double totalEtcMm() {
      return totalEtcMm;
    }

    double vpdInBandPct() {
      return samples == 0 ? 0 : 100.0 * vpdIn / samples;
    }
  }
}
