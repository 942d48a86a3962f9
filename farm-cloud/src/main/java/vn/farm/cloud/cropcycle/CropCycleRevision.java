package vn.farm.cloud.cropcycle;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import vn.farm.cloud.cropcycle.CropCycleStore.Cycle;
import vn.farm.cloud.cropcycle.CropCycleStore.Revision;

/**
 * One version of a crop cycle as it was entered (table {@code crop_cycle_revision}), written once and never
 * changed, so that a correction keeps what it corrected.
 */
@Entity
@Table(name = "crop_cycle_revision")
@IdClass(CropCycleRevision.Key.class)
class CropCycleRevision {
  @Id
  @Column(name = "cycle_id")
  private long cycleId;

  @Id
  @Column(name = "revision")
  private int revision;

  @Embedded
  private CropCycleFields fields;

  @Column(name = "changed_by", nullable = false, length = 64)
  private String changedBy;

  @Column(name = "changed_at", nullable = false)
  private Instant changedAt;

  @Column(length = 500)
  private String note;

  protected CropCycleRevision() {}

  CropCycleRevision(long cycleId, int revision, Cycle cycle, String by, Instant at, String note) {
    this.cycleId = cycleId;
    this.revision = revision;
    this.fields = new CropCycleFields(cycle);
    this.changedBy = by;
    this.changedAt = at;
    this.note = note;
  }

  Revision revision() {
    return new Revision(revision, fields.cycle(), changedBy, changedAt, note);
  }

  /** The key of a revision: its cycle and number. */
  public static class Key implements Serializable {
    private long cycleId;
    private int revision;

    public Key() {}

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && k.cycleId == cycleId && k.revision == revision;
    }

    @Override
    public int hashCode() {
      return Objects.hash(cycleId, revision);
    }
  }
}
