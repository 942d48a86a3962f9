package vn.farm.cloud.harvest;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import vn.farm.cloud.harvest.HarvestStore.Harvest;
import vn.farm.cloud.harvest.HarvestStore.HarvestRow;

/**
 * A harvest record at its latest revision (table {@code harvest}). The revision is the entity's version: Hibernate
 * raises it by one on each change and writes only where it is still the one read, so of two people correcting the
 * same revision at once exactly one succeeds.
 */
@Entity
@Table(name = "harvest")
class HarvestRecord {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "cycle_id", nullable = false)
  private long cycleId;

  @Embedded
  private HarvestFields fields;

  /** 1 for a new record (kept as given when it is stored), then raised by Hibernate with each change. */
  @Version
  @Column(nullable = false)
  private int revision;

  @Column(name = "updated_by", nullable = false, length = 64)
  private String updatedBy;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  protected HarvestRecord() {}

  HarvestRecord(long cycleId, Harvest harvest, String by, Instant now) {
    this.cycleId = cycleId;
    this.revision = 1;
    change(harvest, by, now);
  }

  /** Replaces what was recorded; the revision moves on when the change is written. */
  void change(Harvest harvest, String by, Instant now) {
    this.fields = new HarvestFields(harvest);
    this.updatedBy = by;
    this.updatedAt = now;
  }

  long id() {
    return id;
  }

  int revision() {
    return revision;
  }

  HarvestRow row() {
    return new HarvestRow(id, cycleId, fields.harvest(), revision, updatedBy, updatedAt);
  }
}
