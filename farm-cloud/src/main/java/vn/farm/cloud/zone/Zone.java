package vn.farm.cloud.zone;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A zone of a greenhouse as stored (table {@code zone}, its channels in {@code zone_channel}), so that the store
 * changes it through Hibernate while Flyway's migrations keep defining the tables.
 */
@Entity
@Table(name = "zone")
class Zone {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "greenhouse_id", nullable = false)
  private long greenhouseId;

  @Column(nullable = false, length = 120)
  private String name;

  @Column(name = "area_m2")
  private Double areaM2;

  @Column(name = "device_id", length = 64)
  private String deviceId;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  /** Replaced as a whole on each change: the rows are deleted and written again, as a PUT replaces them. */
  @ElementCollection
  @CollectionTable(name = "zone_channel", joinColumns = @JoinColumn(name = "zone_id"))
  @OrderBy("channelId")
  private List<ZoneChannel> channels = new ArrayList<>();

  protected Zone() {}

  Zone(long greenhouseId, Instant createdAt) {
    this.greenhouseId = greenhouseId;
    this.createdAt = createdAt;
  }

  long greenhouseId() {
    return greenhouseId;
  }

  /** Sets the zone's name, area, controller and that controller's channels in it. */
  void change(String name, Double areaM2, String deviceId, List<String> inputs, List<String> outputs) {
    this.name = name;
    this.areaM2 = areaM2;
    this.deviceId = deviceId;
    List<ZoneChannel> given = new ArrayList<>();
    inputs.forEach(input -> given.add(new ZoneChannel(greenhouseId, deviceId, ZoneStore.INPUT, input)));
    outputs.forEach(output -> given.add(new ZoneChannel(greenhouseId, deviceId, ZoneStore.OUTPUT, output)));
    channels.clear();
    channels.addAll(given);
  }

  /** Returns the zone as the API shows it, its channel ids in the database's order. */
  ZoneStore.ZoneRow row() {
    List<String> inputs = new ArrayList<>();
    List<String> outputs = new ArrayList<>();
    for (ZoneChannel c : channels) {
      (ZoneStore.INPUT.equals(c.kind()) ? inputs : outputs).add(c.channelId());
    }
    return new ZoneStore.ZoneRow(id, greenhouseId, name, areaM2, deviceId, List.copyOf(inputs),
        List.copyOf(outputs));
  }
}
