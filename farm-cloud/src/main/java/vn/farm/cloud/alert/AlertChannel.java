package vn.farm.cloud.alert;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.List;
import vn.farm.cloud.alert.ChannelStore.Channel;

/**
 * An outbound channel of a cooperative's alerts (table {@code alert_channel}). Its columns keep the forms the table
 * has always held: recipients comma-separated, quiet hours as {@code HH:MM} text, and the token as it was given,
 * since the channel must send it to the service (see docs/alerts.md). Only its switch changes after it is stored,
 * so it carries no version; the messages sent through it stay rows written by the notifier.
 */
@Entity
@Table(name = "alert_channel")
class AlertChannel {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "cooperative_id", nullable = false)
  private long cooperativeId;

  @Column(nullable = false, length = 16)
  private String kind;

  @Column(nullable = false, length = 120)
  private String name;

  @Column(nullable = false, length = 500)
  private String url;

  @Column(length = 500)
  private String token;

  @Column(length = 1000)
  private String recipients;

  @Column(nullable = false, length = 2)
  private String lang;

  @Column(name = "quiet_from", length = 5)
  private String quietFrom;

  @Column(name = "quiet_until", length = 5)
  private String quietUntil;

  @Column(nullable = false)
  private boolean enabled;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  protected AlertChannel() {}

  AlertChannel(Channel ch, Instant now) {
    cooperativeId = ch.cooperativeId();
    kind = ch.kind();
    name = ch.name();
    url = ch.url();
    token = ch.token();
    recipients = String.join(",", ch.recipients());
    lang = ch.lang();
    quietFrom = text(ch.quietFrom());
    quietUntil = text(ch.quietUntil());
    enabled = ch.enabled();
    createdAt = now;
  }

  void enable(boolean on) {
    enabled = on;
  }

  Channel channel() {
    return new Channel(id, cooperativeId, kind, name, url, token,
        recipients == null || recipients.isBlank() ? List.of() : Arrays.asList(recipients.split(",")), lang,
        quietFrom == null ? null : LocalTime.parse(quietFrom), quietUntil == null ? null : LocalTime.parse(quietUntil),
        enabled);
  }

  private static String text(LocalTime t) {
    return t == null ? null : t.toString();
  }
}
