package vn.farm.cloud.harvest;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.time.LocalDate;
import vn.farm.cloud.harvest.HarvestStore.Harvest;

/**
 * The columns of what a person records of a harvest, shared by the harvest and each of its revisions, so that a
 * revision is a copy of the harvest as it was entered.
 */
@Embeddable
class HarvestFields {
  @Column(name = "harvested_on", nullable = false)
  private LocalDate harvestedOn;

  @Column(nullable = false)
  private double kg;

  @Column(length = 16)
  private String grade;

  @Column(name = "price_vnd_per_kg")
  private Double priceVndPerKg;

  @Column(nullable = false)
  private boolean voided;

  protected HarvestFields() {}

  HarvestFields(Harvest h) {
    harvestedOn = h.harvestedOn();
    kg = h.kg();
    grade = h.grade();
    priceVndPerKg = h.priceVndPerKg();
    voided = h.voided();
  }

  Harvest harvest() {
    return new Harvest(harvestedOn, kg, grade, priceVndPerKg, voided);
  }
}
