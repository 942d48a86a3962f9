package vn.farm.cloud.cropcycle;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.farm.cloud.FarmConfig;
import vn.farm.cloud.cropcycle.CropCycleStore.Cycle;
import vn.farm.cloud.cropcycle.CropCycleStore.CycleRow;
import vn.farm.cloud.web.ApiException;
import vn.farm.profile.CropProfile;
import vn.farm.profile.Profiles;

/**
 * The built-in crop profiles, and crop cycles as people read them: the crop's name in both languages, the day of
 * the season and the stage, either the one a person recorded or the profile's for that day. Days count in the
 * farm's time zone.
 */
@ApplicationScoped
public class CropViews {
  @Inject
  FarmConfig config;
  @Inject
  Clock clock;

  private final Map<String, CropProfile> crops = new LinkedHashMap<>();

  public CropViews() {
    for (String id : Profiles.BUILTIN_CROPS) {
      crops.put(id, Profiles.builtinCrop(id));
    }
  }

  /** A growth stage: {@code recorded} when a person set it, otherwise it follows the profile from planting. */
  public record StageView(String id, Map<String, String> names, boolean recorded) {}

  /**
   * A crop cycle. {@code day} counts from planting to today or to its end (negative before planting);
   * {@code stage} is null before planting.
   */
  public record CropCycleView(long id, long greenhouseId, Long zoneId, String crop, Map<String, String> cropNames,
      String variety, Double areaM2, LocalDate plantedOn, LocalDate expectedHarvest, LocalDate endedOn,
      boolean open, long day, int seasonDays, StageView stage, int revision, String updatedBy, Instant updatedAt) {}

  /** A crop profile as a picker lists it. */
  public record CropView(String id, Map<String, String> names, int seasonDays, double baseTemperatureC,
      List<StageSummary> stages) {}

  /** One stage of a profile and its length. */
  public record StageSummary(String id, Map<String, String> names, int days) {}

  /** Returns the built-in crop profiles. */
  public List<CropView> crops() {
    return crops.values().stream().map(p -> new CropView(p.id(), p.names(), p.seasonDays(), p.baseTemperatureC(),
        p.stages().stream().map(s -> new StageSummary(s.id(), s.names(), s.days())).toList())).toList();
  }

  /** Returns the profile of {@code crop}; throws 400 naming {@code field} when there is none. */
  public CropProfile profile(String field, String crop) {
    CropProfile p = crop == null ? null : crops.get(crop);
    if (p == null) {
      throw ApiException.badField(field, crop, "must be one of the crop profiles " + String.join(", ",
          crops.keySet()));
    }
    return p;
  }

  /** Returns a stored cycle as people read it. */
  public CropCycleView cycle(CycleRow row) {
    Cycle c = row.cycle();
    CropProfile p = crops.get(c.crop());
    LocalDate today = LocalDate.now(clock.withZone(config.timezone()));
    LocalDate until = c.endedOn() != null && c.endedOn().isBefore(today) ? c.endedOn() : today;
    long day = ChronoUnit.DAYS.between(c.plantedOn(), until);
    StageView stage = null;
    if (c.stage() != null) {
      stage = p.stages().stream().filter(s -> s.id().equals(c.stage())).findFirst()
          .map(s -> new StageView(s.id(), s.names(), true)).orElse(null);
    } else if (day >= 0) {
      CropProfile.Stage s = p.stageAt((int) Math.min(day, Integer.MAX_VALUE));
      stage = new StageView(s.id(), s.names(), false);
    }
    return new CropCycleView(row.id(), row.greenhouseId(), c.zoneId(), c.crop(), p.names(), c.variety(),
        c.areaM2(), c.plantedOn(), c.expectedHarvest(), c.endedOn(), c.endedOn() == null, day, p.seasonDays(), stage,
        row.revision(), row.updatedBy(), row.updatedAt());
  }
}
