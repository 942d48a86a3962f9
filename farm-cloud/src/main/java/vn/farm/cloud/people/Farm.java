package vn.farm.cloud.people;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A member household or farm of a cooperative as stored (table {@code farm}). The cooperative is kept as its id, as
 * the table holds it: nothing reads a farm without already knowing its cooperative, so a relation would only add a
 * join. A farm is only ever added, never changed, so it carries no version.
 */
@Entity
@Table(name = "farm")
class Farm {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "cooperative_id", nullable = false)
  private long cooperativeId;

  @Column(nullable = false, length = 160)
  private String name;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  protected Farm() {}

  Farm(long cooperativeId, String name, Instant createdAt) {
    this.cooperativeId = cooperativeId;
    this.name = name;
    this.createdAt = createdAt;
  }

  /** Returns the farm as the API shows it. */
  CooperativeStore.FarmRow row() {
    return new CooperativeStore.FarmRow(id, cooperativeId, name);
  }
}
