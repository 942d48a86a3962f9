package vn.farm.cloud.alert;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import vn.farm.cloud.db.Jdbc;

/** The outbound channels of a cooperative's alerts and every message sent, or tried, through them. */
@ApplicationScoped
public class ChannelStore {
  @Inject
  Jdbc jdbc;

  /**
   * A channel: {@code kind} sms, zalo or webhook; {@code recipients} phone numbers or Zalo user ids;
   * {@code quietFrom}/{@code quietUntil} local times between which only critical alerts go out (both null: none).
   * The {@code token} is write-only over the API.
   */
  public record Channel(long id, long cooperativeId, String kind, String name, String url, String token,
      List<String> recipients, String lang, LocalTime quietFrom, LocalTime quietUntil, boolean enabled) {
    /** Returns true when {@code t} lies in the quiet hours (which may run past midnight). */
    public boolean quietAt(LocalTime t) {
      if (quietFrom == null || quietUntil == null || quietFrom.equals(quietUntil)) {
        return false;
      }
      return quietFrom.isBefore(quietUntil) ? !t.isBefore(quietFrom) && t.isBefore(quietUntil)
          : !t.isBefore(quietFrom) || t.isBefore(quietUntil);
    }
  }

  /** One message of an alert to one recipient over one channel, and how its sending went. */
  public record Delivery(long id, long alertId, long channelId, String recipient, String event, String status,
      int attempts, Instant nextAt, String lastError, Integer httpStatus, Instant createdAt, Instant sentAt) {}

  /** Stores a channel and returns it. */
  public Channel create(Channel ch, Instant now) {
    long id = jdbc.inTransaction(c -> Jdbc.insert(c, "INSERT INTO alert_channel (cooperative_id, kind, name, url, "
        + "token, recipients, lang, quiet_from, quiet_until, enabled, created_at) "
        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", ch.cooperativeId(), ch.kind(), ch.name(), ch.url(), ch.token(),
        String.join(",", ch.recipients()), ch.lang(), text(ch.quietFrom()), text(ch.quietUntil()), ch.enabled(),
        now));
    return find(id).orElseThrow();
  }

  /** Switches a channel on or off. */
  public void enable(long id, boolean enabled) {
    jdbc.update("UPDATE alert_channel SET enabled = ? WHERE id = ?", enabled, id);
  }

  /** Returns one channel. */
  public Optional<Channel> find(long id) {
    return jdbc.query("SELECT * FROM alert_channel WHERE id = ?", ChannelStore::channel, id).stream().findFirst();
  }

  /** Returns a cooperative's channels, or every channel when {@code cooperativeId} is null. */
  public List<Channel> of(Long cooperativeId) {
    return cooperativeId == null ? jdbc.query("SELECT * FROM alert_channel ORDER BY id", ChannelStore::channel)
        : jdbc.query("SELECT * FROM alert_channel WHERE cooperative_id = ? ORDER BY id", ChannelStore::channel,
            cooperativeId);
  }

  /** Queues a message, to be tried at {@code at}. */
  public void queue(long alertId, long channelId, String recipient, String event, Instant at) {
    jdbc.update("INSERT INTO alert_delivery (alert_id, channel_id, recipient, event, status, attempts, next_at, "
        + "created_at) VALUES (?, ?, ?, ?, 'pending', 0, ?, ?)", alertId, channelId, recipient, event, at, at);
  }

  /** A message due, with the cooperative of its channel. */
  public record Due(Delivery delivery, long cooperativeId) {}

  /**
   * Returns the pending messages due at {@code now}, oldest first, leaving out the messages {@code skipIds}, the
   * channels {@code skipChannels} and the cooperatives {@code skipCooperatives} (those busy sending), so that their
   * backlog cannot fill the page ahead of everyone else's.
   */
  public List<Due> due(Instant now, int limit, Collection<Long> skipIds, Collection<Long> skipChannels,
      Collection<Long> skipCooperatives) {
    List<Object> params = new ArrayList<>(List.of(now));
    String sql = "SELECT d.*, c.cooperative_id AS channel_cooperative FROM alert_delivery d "
        + "JOIN alert_channel c ON c.id = d.channel_id WHERE d.status = 'pending' AND d.next_at <= ?"
        + notIn("d.id", skipIds, params) + notIn("d.channel_id", skipChannels, params)
        + notIn("c.cooperative_id", skipCooperatives, params)
        + " ORDER BY d.next_at, d.id FETCH FIRST " + limit + " ROWS ONLY";
    return jdbc.query(sql, rs -> new Due(delivery(rs), rs.getLong("channel_cooperative")), params.toArray());
  }

  private static String notIn(String column, Collection<Long> values, List<Object> params) {
    if (values.isEmpty()) {
      return "";
    }
    params.addAll(values);
    return " AND " + column + " NOT IN (" + String.join(", ", Collections.nCopies(values.size(), "?")) + ")";
  }

  /** Records one attempt: {@code status} sent, pending (tried again at {@code nextAt}), failed or dropped. */
  public void attempted(long id, String status, Integer httpStatus, String error, Instant nextAt, Instant now) {
    jdbc.update("UPDATE alert_delivery SET status = ?, attempts = attempts + ?, http_status = ?, last_error = ?, "
        + "next_at = ?, sent_at = ? WHERE id = ?", status, "dropped".equals(status) ? 0 : 1, httpStatus,
        error == null ? null : error.substring(0, Math.min(error.length(), 500)), nextAt,
        "sent".equals(status) ? now : null, id);
  }

  /** Returns the messages of an alert, in the order they were queued. */
  public List<Delivery> ofAlert(long alertId) {
    return jdbc.query("SELECT * FROM alert_delivery WHERE alert_id = ? ORDER BY id", ChannelStore::delivery,
        alertId);
  }

  private static String text(LocalTime t) {
    return t == null ? null : t.toString();
  }

  private static Channel channel(ResultSet rs) throws SQLException {
    String recipients = rs.getString("recipients");
    String from = rs.getString("quiet_from");
    String until = rs.getString("quiet_until");
    return new Channel(rs.getLong("id"), rs.getLong("cooperative_id"), rs.getString("kind"), rs.getString("name"),
        rs.getString("url"), rs.getString("token"),
        recipients == null || recipients.isBlank() ? List.of() : Arrays.asList(recipients.split(",")),
        rs.getString("lang"), from == null ? null : LocalTime.parse(from),
        until == null ? null : LocalTime.parse(until), rs.getBoolean("enabled"));
  }

  private static Delivery delivery(ResultSet rs) throws SQLException {
    int http = rs.getInt("http_status");
    Integer httpStatus = rs.wasNull() ? null : http;
    return new Delivery(rs.getLong("id"), rs.getLong("alert_id"), rs.getLong("channel_id"),
        rs.getString("recipient"), rs.getString("event"), rs.getString("status"), rs.getInt("attempts"),
        Jdbc.instant(rs, "next_at"), rs.getString("last_error"), httpStatus, Jdbc.instant(rs, "created_at"),
        Jdbc.instant(rs, "sent_at"));
  }
}
