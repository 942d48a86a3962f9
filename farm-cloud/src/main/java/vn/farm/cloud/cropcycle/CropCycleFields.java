package vn.farm.cloud.cropcycle;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.time.LocalDate;
import vn.farm.cloud.cropcycle.CropCycleStore.Cycle;

/**
 * The columns of what a person records of a crop cycle, shared by the cycle and each of its revisions, so that a
 * revision is a copy of the cycle as it was entered.
 */
@Embeddable
class CropCycleFields {
  @Column(name = "zone_id")
  private Long zoneId;

  @Column(nullable = false, length = 64)
  private String crop;

  @Column(length = 120)
  private String variety;

  @Column(name = "area_m2")
  private Double areaM2;

  @Column(name = "planted_on", nullable = false)
  private LocalDate plantedOn;

  @Column(name = "expected_harvest")
  private LocalDate expectedHarvest;

  @Column(name = "ended_on")
  private LocalDate endedOn;

  @Column(length = 16)
  private String stage;

  protected CropCycleFields() {}

  CropCycleFields(Cycle c) {
    zoneId = c.zoneId();
    crop = c.crop();
    variety = c.variety();
    areaM2 = c.areaM2();
    plantedOn = c.plantedOn();
    expectedHarvest = c.expectedHarvest();
    endedOn = c.endedOn();
    stage = c.stage();
  }

  Cycle cycle() {
    return new Cycle(zoneId, crop, variety, areaM2, plantedOn, expectedHarvest, endedOn, stage);
  }
}
