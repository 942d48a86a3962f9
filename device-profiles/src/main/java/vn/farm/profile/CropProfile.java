package vn.farm.profile;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * A crop's growth stages with their lengths, crop coefficient (FAO-56 Kc) and target bands. Names are keyed by
 * language ({@code vi}, {@code en}).
 */
public record CropProfile(String id, Map<String, String> names,
    @JsonProperty(required = true) double baseTemperatureC, List<Stage> stages) {
  public CropProfile {
    // A missing section becomes empty so the loader reports it by name instead of failing here.
    names = names == null ? Map.of() : Map.copyOf(names);
    stages = stages == null ? List.of() : List.copyOf(stages);
  }

  /** Returns the total season length in days. */
  public int seasonDays() {
    return stages.stream().mapToInt(Stage::days).sum();
  }

  /** Returns the stage a crop is in {@code daysAfterPlanting} days after planting (the last one past the end). */
  public Stage stageAt(int daysAfterPlanting) {
    int end = 0;
    for (Stage s : stages) {
      end += s.days();
      if (daysAfterPlanting < end) {
        return s;
      }
    }
    return stages.get(stages.size() - 1);
  }

  /** One growth stage with its targets. */
  public record Stage(String id, Map<String, String> names, int days, double kc, Band soilMoisturePct,
      Band airTemperatureC, Band vpdKpa) {}

  /** An inclusive target range. */
  public record Band(double min, double max) {
    /** Returns true when {@code v} lies in the band. */
    public boolean contains(double v) {
      return v >= min && v <= max;
    }
  }
}
