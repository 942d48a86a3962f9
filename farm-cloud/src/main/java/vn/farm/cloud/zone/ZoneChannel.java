package vn.farm.cloud.zone;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/**
 * One input or output of a controller lying in a zone (a row of {@code zone_channel}); the table's unique index on
 * (device, kind, channel) is what keeps a channel in one zone when two people save at once.
 */
@Embeddable
class ZoneChannel {
  @Column(name = "greenhouse_id", nullable = false)
  private long greenhouseId;

  @Column(name = "device_id", length = 64)
  private String deviceId;

  @Column(name = "channel_kind", nullable = false, length = 8)
  private String kind;

  @Column(name = "channel_id", nullable = false, length = 64)
  private String channelId;

  protected ZoneChannel() {}

  ZoneChannel(long greenhouseId, String deviceId, String kind, String channelId) {
    this.greenhouseId = greenhouseId;
    this.deviceId = deviceId;
    this.kind = kind;
    this.channelId = channelId;
  }

  String kind() {
    return kind;
  }

  String channelId() {
    return channelId;
  }
}
