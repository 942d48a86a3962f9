package vn.farm.cloud.greenhouse;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import vn.farm.cloud.greenhouse.GreenhouseStore.GreenhouseRow;

/**
 * A greenhouse as stored (table {@code greenhouse}), so that the store writes it through Hibernate while Flyway's
 * migrations keep defining the table. Its controllers are not mapped: they are rows of {@code device}, which the
 * device store owns and ingest updates with every message; the store reads them beside the greenhouse. A greenhouse
 * is only ever added, never corrected, so it carries no version.
 */
@Entity
@Table(name = "greenhouse")
class Greenhouse {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(nullable = false, length = 120)
  private String name;

  @Column(name = "cooperative_id", nullable = false)
  private long cooperativeId;

  @Column(name = "farm_id")
  private Long farmId;

  /** {@code film}, {@code glass} or {@code net}. */
  @Column(name = "house_type", length = 8)
  private String houseType;

  @Column(name = "area_m2")
  private Double areaM2;

  private Double latitude;

  private Double longitude;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  protected Greenhouse() {}

  /** Takes what {@code g} says of the house itself; its id and controllers are not kept here. */
  Greenhouse(GreenhouseRow g, Instant createdAt) {
    this.name = g.name();
    this.cooperativeId = g.cooperativeId();
    this.farmId = g.farmId();
    this.houseType = g.houseType();
    this.areaM2 = g.areaM2();
    this.latitude = g.latitude();
    this.longitude = g.longitude();
    this.createdAt = createdAt;
  }

  long id() {
    return id;
  }

  /** Returns the greenhouse as the API shows it, with {@code deviceIds} as its controllers. */
  GreenhouseRow row(List<String> deviceIds) {
    return new GreenhouseRow(id, name, cooperativeId, farmId, houseType, areaM2, latitude, longitude,
        List.copyOf(deviceIds));
  }
}
