package vn.farm.cloud.people;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A cooperative (HTX) as stored (table {@code cooperative}), so that the store writes it through Hibernate while
 * Flyway's migrations keep defining the table. A cooperative is only ever added, never changed, so it carries no
 * version.
 */
@Entity
@Table(name = "cooperative")
class Cooperative {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(nullable = false, length = 160)
  private String name;

  @Column(nullable = false, length = 120)
  private String province;

  @Column(length = 120)
  private String district;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  protected Cooperative() {}

  Cooperative(String name, String province, String district, Instant createdAt) {
    this.name = name;
    this.province = province;
    this.district = district;
    this.createdAt = createdAt;
  }

  /** Returns the cooperative as the API shows it. */
  CooperativeStore.CooperativeRow row() {
    return new CooperativeStore.CooperativeRow(id, name, province, district);
  }
}
