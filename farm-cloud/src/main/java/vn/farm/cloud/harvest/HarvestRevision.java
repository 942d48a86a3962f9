package vn.farm.cloud.harvest;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import vn.farm.cloud.harvest.HarvestStore.Harvest;
import vn.farm.cloud.harvest.HarvestStore.Revision;

/**
 * One version of a harvest record as it was entered (table {@code harvest_revision}), written once and never
 * changed, so that a correction or a void keeps what it replaced.
 */
@Entity
@Table(name = "harvest_revision")
@IdClass(HarvestRevision.Key.class)
class HarvestRevision {
  @Id
  @Column(name = "harvest_id")
  private long harvestId;

  @Id
  @Column(name = "revision")
  private int revision;

  @Embedded
  private HarvestFields fields;

  @Column(name = "changed_by", nullable = false, length = 64)
  private String changedBy;

  @Column(name = "changed_at", nullable = false)
  private Instant changedAt;

  @Column(length = 500)
  private String note;

  protected HarvestRevision() {}

  HarvestRevision(long harvestId, int revision, Harvest harvest, String by, Instant at, String note) {
    this.harvestId = harvestId;
    this.revision = revision;
    this.fields = new HarvestFields(harvest);
    this.changedBy = by;
    this.changedAt = at;
    this.note = note;
  }

  Revision revision() {
    return new Revision(revision, fields.harvest(), changedBy, changedAt, note);
  }

  /** The key of a revision: its harvest and number. */
  public static class Key implements Serializable {
    private long harvestId;
    private int revision;

    public Key() {}

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && k.harvestId == harvestId && k.revision == revision;
    }

    @Override
    public int hashCode() {
      return Objects.hash(harvestId, revision);
    }
  }
}
