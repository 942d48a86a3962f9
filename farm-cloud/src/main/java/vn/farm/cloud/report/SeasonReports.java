package vn.farm.cloud.report;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import vn.farm.agronomy.InsideClimate;
import vn.farm.agronomy.Psychrometrics;
import vn.farm.cloud.FarmConfig;
import vn.farm.cloud.cropcycle.CropCycleStore.Cycle;
import vn.farm.cloud.cropcycle.CropCycleStore.CycleRow;
import vn.farm.cloud.cropcycle.CropViews;
import vn.farm.cloud.db.Jdbc;
import vn.farm.cloud.greenhouse.GreenhouseStore.GreenhouseRow;
import vn.farm.cloud.harvest.HarvestStore;
import vn.farm.cloud.harvest.HarvestStore.HarvestRow;
import vn.farm.cloud.people.CooperativeStore;
import vn.farm.cloud.people.CooperativeStore.CooperativeRow;
import vn.farm.cloud.report.SeasonReport.Day;
import vn.farm.cloud.report.SeasonReport.OutputUse;
import vn.farm.cloud.report.SeasonReport.Sources;
import vn.farm.cloud.zone.ZoneStore;
import vn.farm.cloud.zone.ZoneStore.ZoneRow;
import vn.farm.profile.CropProfile;

/**
 * Counts a crop cycle's season report from what the cloud stores: the hourly and daily summaries of the readings
 * (kept after raw readings expire), the outputs' runs, the harvests, the alerts and the safety events. Every figure
 * is a sum of the report's days, and each day's from hours or runs that {@link SeasonReport#sources} return.
 * Stateless and thread-safe.
 *
 * <p>It runs past the project's ~300 lines because it computes one report: the queries, the per-day totals they fill
 * and the small accumulators that hold them follow one another in the order the report is built, and every figure
 * must stay a sum of the same days; split up, that agreement would be spread across classes.
 */
@ApplicationScoped
public class SeasonReports {
  private static final String CLIMATE = "'air_temperature', 'air_humidity', 'light', 'vpd', 'soil_moisture'";

  @Inject
  Jdbc jdbc;
  @Inject
  FarmConfig config;
  @Inject
  Clock clock;
  @Inject
  HarvestStore harvests;
  @Inject
  ZoneStore zones;
  @Inject
  CooperativeStore cooperatives;
  @Inject
  CropViews crops;

  /** Returns the report of {@code cycle}, which grows in greenhouse {@code g}. */
  public SeasonReport report(GreenhouseRow g, CycleRow cycle) {
    Cycle c = cycle.cycle();
    CropProfile crop = crops.profile("crop", c.crop());
    ZoneId zone = config.timezone();
    LocalDate today = LocalDate.now(clock.withZone(zone));
    LocalDate last = c.endedOn() != null && c.endedOn().isBefore(today) ? c.endedOn() : today;
    Instant from = c.plantedOn().atStartOfDay(zone).toInstant();
    Instant to = min(last.plusDays(1).atStartOfDay(zone).toInstant(),
        clock.instant().truncatedTo(ChronoUnit.SECONDS));
    if (to.isBefore(from)) {
      to = from;
    }
    ZoneRow zoneRow = c.zoneId() == null ? null : zones.find(g.id(), c.zoneId()).orElse(null);
    List<String> inputs = zoneRow == null ? List.of() : zoneRow.inputs();
    List<String> outputs = zoneRow == null ? List.of() : zoneRow.outputs();
    // A zone's cycle reads the zone's controller; a cycle of the whole greenhouse reads all of its controllers.
    List<String> devices = zoneRow != null && zoneRow.deviceId() != null ? List.of(zoneRow.deviceId())
        : g.deviceIds();
    String in = devices.stream().map(d -> "?").collect(java.util.stream.Collectors.joining(", ", "(", ")"));

    int dayCount = (int) Math.max(0, ChronoUnit.DAYS.between(c.plantedOn(), last) + 1);
    DayTally[] tally = new DayTally[dayCount];
    for (int i = 0; i < dayCount; i++) {
      tally[i] = new DayTally(crop.stageAt(i));
    }
    Map<String, OutputTally> byOutput = new TreeMap<>();
    Map<String, Integer> alertsByKind = new TreeMap<>();
    Map<String, Integer> safetyByType = new TreeMap<>();
    if (!devices.isEmpty()) {
      hours(devices, in, from, to, inputs, zone, c.plantedOn(), tally);
      days(devices, in, from, to, inputs, zone, c.plantedOn(), tally);
      jdbc.query("SELECT output_id, started_at, seconds, litres FROM output_run WHERE device_id IN " + in
          + " AND started_at >= ? AND started_at < ?", rs -> {
            String output = rs.getString("output_id");
            if (outputs.isEmpty() || outputs.contains(output)) {
              double litres = rs.getDouble("litres");
              boolean metered = !rs.wasNull();
              OutputTally t = byOutput.computeIfAbsent(output, k -> new OutputTally());
              t.runs++;
              t.seconds += rs.getDouble("seconds");
              if (metered) {
                t.metered = true;
                t.litres += litres;
                int i = index(Jdbc.instant(rs, "started_at"), zone, c.plantedOn(), dayCount);
                if (i >= 0) {
                  tally[i].litres += litres;
                }
              }
            }
            return null;
          }, params(devices, from, to));
      jdbc.query("SELECT event_type, COUNT(*) AS n FROM device_event WHERE device_id IN " + in + " AND event_type "
          + "LIKE 'safety.%' AND occurred_at >= ? AND occurred_at < ? GROUP BY event_type",
          rs -> safetyByType.put(rs.getString("event_type"), rs.getInt("n")), params(devices, from, to));
    }
    jdbc.query("SELECT kind, COUNT(*) AS n FROM alert WHERE greenhouse_id = ? AND opened_at >= ? AND opened_at < ? "
        + "GROUP BY kind", rs -> alertsByKind.put(rs.getString("kind"), rs.getInt("n")), g.id(), from, to);
    double harvestKg = 0;
    for (HarvestRow h : harvests.of(cycle.id())) {
      if (!h.harvest().voided()) {
        harvestKg += h.harvest().kg();
        int i = (int) ChronoUnit.DAYS.between(c.plantedOn(), h.harvest().harvestedOn());
        if (i >= 0 && i < dayCount) {
          tally[i].harvestKg += h.harvest().kg();
        }
      }
    }

    List<Day> days = new ArrayList<>(dayCount);
    double gdd = 0;
    double et0 = 0;
    double etc = 0;
    double water = 0;
    int withTemperature = 0;
    int vpdHours = 0;
    int vpdIn = 0;
    int soilHours = 0;
    int soilIn = 0;
    for (int i = 0; i < dayCount; i++) {
      DayTally t = tally[i];
      Double dayGdd = null;
      if (t.tMax != null) {
        dayGdd = crop.degreeDays(t.tMax, t.tMin);
        gdd += dayGdd;
        withTemperature++;
      }
      double kc = crop.kcAt(i);
      days.add(new Day(c.plantedOn().plusDays(i), i, t.stage.id(), t.tMin, t.tMax,
          dayGdd == null ? null : round(dayGdd, 2), round(kc, 3), t.climateHours, round(t.et0Mm, 3),
          round(t.et0Mm * kc, 3), t.vpdHours, t.vpdIn, t.soilHours, t.soilIn, round(t.litres, 2), t.harvestKg));
      et0 += t.et0Mm;
      etc += t.et0Mm * kc;
      water += t.litres;
      vpdHours += t.vpdHours;
      vpdIn += t.vpdIn;
      soilHours += t.soilHours;
      soilIn += t.soilIn;
    }
    // Without a metered run there is no water figure to divide: a greenhouse watered by hand is not one that used none.
    boolean metered = byOutput.values().stream().anyMatch(t -> t.metered);
    Double area = c.areaM2() != null ? c.areaM2() : zoneRow != null && zoneRow.areaM2() != null ? zoneRow.areaM2()
        : g.areaM2();
    CooperativeRow coop = cooperatives.find(g.cooperativeId()).orElse(null);
    int alerts = alertsByKind.values().stream().mapToInt(Integer::intValue).sum();
    int safety = safetyByType.values().stream().mapToInt(Integer::intValue).sum();
    SeasonSummary summary = new SeasonSummary(cycle.id(), g.id(), g.name(), g.cooperativeId(),
        coop == null ? null : coop.name(), coop == null ? null : coop.province(), coop == null ? null
            : coop.district(), c.crop(), c.variety(), c.plantedOn(), c.endedOn(), dayCount, area, round(harvestKg, 3),
        ratio(harvestKg, area), round(water, 1), metered ? ratio(water, harvestKg) : null,
        metered ? ratio(water, area) : null, round(gdd, 1),
        withTemperature, round(et0, 2), round(etc, 2), area == null ? null : round(etc * area, 1), vpdIn, vpdHours,
        soilIn, soilHours, alerts, safety);
    List<OutputUse> use = new ArrayList<>();
    byOutput.forEach((output, t) -> use.add(new OutputUse(output, t.runs, round(t.seconds, 1),
        t.metered ? round(t.litres, 1) : null)));
    String span = "from=" + from + "&to=" + to;
    String cyclePath = "/api/greenhouses/" + g.id() + "/crop-cycles/" + cycle.id();
    Sources sources = new Sources(
        paths(devices, "/export?resolution=hour&" + span),
        paths(devices, "/export?resolution=day&quantity=air_temperature&" + span),
        paths(devices, "/runs?" + span), cyclePath + "/harvests",
        "/api/alerts?greenhouseId=" + g.id(), paths(devices, "/events?type=safety.&" + span));
    return new SeasonReport(summary, from, to, devices, inputs, outputs, use, alertsByKind, safetyByType, days,
        sources);
  }

  /** Adds each hour's climate to its day: ET0, and the hours in the stage's VPD and soil moisture bands. */
  private void hours(List<String> devices, String in, Instant from, Instant to, List<String> inputs, ZoneId zone,
      LocalDate planted, DayTally[] tally) {
    Map<Instant, HourMeans> byHour = new TreeMap<>();
    jdbc.query("SELECT sensor, quantity, bucket_start, n, total FROM reading_hourly WHERE device_id IN " + in
        + " AND bucket_start >= ? AND bucket_start < ? AND quantity IN (" + CLIMATE + ")", rs -> {
          if (inputs.isEmpty() || inputs.contains(rs.getString("sensor"))) {
            byHour.computeIfAbsent(Jdbc.instant(rs, "bucket_start"), k -> new HourMeans())
                .add(rs.getString("quantity"), rs.getDouble("total") / rs.getLong("n"));
          }
          return null;
        }, params(devices, from, to));
    for (Map.Entry<Instant, HourMeans> e : byHour.entrySet()) {
      int i = index(e.getKey(), zone, planted, tally.length);
      if (i < 0) {
        continue;
      }
      HourMeans h = e.getValue();
      DayTally t = tally[i];
      Double temperature = h.mean("air_temperature");
      Double humidity = h.mean("air_humidity");
      Double light = h.mean("light");
      if (temperature != null && humidity != null && light != null) {
        t.climateHours++;
        t.et0Mm += InsideClimate.et0MmPerHour(temperature, humidity, light, InsideClimate.STILL_AIR_MPS, 0);
      }
      Double vpd = h.mean("vpd");
      if (vpd == null && temperature != null && humidity != null) {
        vpd = Psychrometrics.vapourPressureDeficit(temperature, humidity);
      }
      t.hour(vpd, h.mean("soil_moisture"));
    }
  }

  /** Sets each day's air temperature extremes: the mean over the counted sensors of their daily min and max. */
  private void days(List<String> devices, String in, Instant from, Instant to, List<String> inputs, ZoneId zone,
      LocalDate planted, DayTally[] tally) {
    Map<Integer, double[]> sums = new HashMap<>();
    jdbc.query("SELECT sensor, bucket_start, min_val, max_val FROM reading_daily WHERE device_id IN " + in
        + " AND bucket_start >= ? AND bucket_start < ? AND quantity = 'air_temperature'", rs -> {
          if (inputs.isEmpty() || inputs.contains(rs.getString("sensor"))) {
            int i = index(Jdbc.instant(rs, "bucket_start"), zone, planted, tally.length);
            if (i >= 0) {
              double[] s = sums.computeIfAbsent(i, k -> new double[3]);
              s[0] += rs.getDouble("min_val");
              s[1] += rs.getDouble("max_val");
              s[2]++;
            }
          }
          return null;
        }, params(devices, from, to));
    sums.forEach((i, s) -> {
      tally[i].tMin = round(s[0] / s[2], 2);
      tally[i].tMax = round(s[1] / s[2], 2);
    });
  }

  /** The parameters of a query over {@code devices} and the span [from, to). */
  private static Object[] params(List<String> devices, Instant from, Instant to) {
    List<Object> p = new ArrayList<>(devices);
    p.add(from);
    p.add(to);
    return p.toArray();
  }

  /** One API path a controller, each ending in {@code query}. */
  private static List<String> paths(List<String> devices, String query) {
    return devices.stream().map(d -> "/api/devices/" + d + query).toList();
  }

  private static int index(Instant at, ZoneId zone, LocalDate planted, int days) {
    long i = ChronoUnit.DAYS.between(planted, at.atZone(zone).toLocalDate());
    return i >= 0 && i < days ? (int) i : -1;
  }

  private static Double ratio(double a, Double b) {
    return b == null || b <= 0 ? null : round(a / b, 3);
  }

  private static double round(double v, int digits) {
    double f = Math.pow(10, digits);
    return Math.round(v * f) / f;
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  /** The means of one hour's quantities over the counted sensors. */
  private static final class HourMeans {
    private final Map<String, double[]> sums = new HashMap<>(8);

    void add(String quantity, double mean) {
      double[] s = sums.computeIfAbsent(quantity, k -> new double[2]);
      s[0] += mean;
      s[1]++;
    }

    Double mean(String quantity) {
      double[] s = sums.get(quantity);
      return s == null ? null : s[0] / s[1];
    }
  }

  /** One output's runs so far; {@code metered} once a run carried litres. */
  private static final class OutputTally {
    int runs;
    double seconds;
    double litres;
    boolean metered;
  }

  /** One day's running totals. */
  private static final class DayTally {
    final CropProfile.Stage stage;
    Double tMin;
    Double tMax;
    int climateHours;
    double et0Mm;
    int vpdHours;
    int vpdIn;
    int soilHours;
    int soilIn;
    double litres;
    double harvestKg;

    DayTally(CropProfile.Stage stage) {
      this.stage = stage;
    }

    /** Counts an hour with its mean VPD and soil moisture, either null when the hour has none. */
    void hour(Double vpd, Double soil) {
      if (vpd != null) {
        vpdHours++;
        if (stage.vpdKpa().contains(vpd)) {
          vpdIn++;
        }
      }
      if (soil != null) {
        soilHours++;
        if (stage.soilMoisturePct().contains(soil)) {
          soilIn++;
        }
      }
    }
  }
}
