package vn.farm.cloud.cropcycle;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import vn.farm.cloud.cropcycle.CropCycleStore.Cycle;
import vn.farm.cloud.cropcycle.CropCycleStore.CycleRow;

/**
 * A crop cycle at its latest revision (table {@code crop_cycle}). The revision is the entity's version: Hibernate
 * raises it by one on each change and writes only where it is still the one read, so of two people correcting the
 * same revision at once exactly one succeeds.
 */
@Entity
@Table(name = "crop_cycle")
class CropCycle {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "greenhouse_id", nullable = false)
  private long greenhouseId;

  @Embedded
  private CropCycleFields fields;

  /** 1 for a new cycle (kept as given when it is stored), then raised by Hibernate with each change. */
  @Version
  @Column(nullable = false)
  private int revision;

  @Column(name = "updated_by", nullable = false, length = 64)
  private String updatedBy;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  protected CropCycle() {}

  CropCycle(long greenhouseId, Cycle cycle, String by, Instant now) {
    this.greenhouseId = greenhouseId;
    this.revision = 1;
    change(cycle, by, now);
  }

  /** Replaces what was recorded; the revision moves on when the change is written. */
  void change(Cycle cycle, String by, Instant now) {
    this.fields = new CropCycleFields(cycle);
    this.updatedBy = by;
    this.updatedAt = now;
  }

  long id() {
    return id;
  }

  int revision() {
    return revision;
  }

  CycleRow row() {
    return new CycleRow(id, greenhouseId, fields.cycle(), revision, updatedBy, updatedAt);
  }
}
