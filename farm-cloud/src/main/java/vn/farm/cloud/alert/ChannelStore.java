package vn.farm.cloud.alert;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.hibernate.query.SelectionQuery;
import vn.farm.cloud.db.Jdbc;
import vn.farm.cloud.db.Sessions;

/**
 * The outbound channels of a cooperative's alerts and every message sent, or tried, through them.
 *
 * <p>Channels are entities ({@link AlertChannel}), each of their methods a transaction of its own; a channel's token
 * is stored as it always was. Messages ({@code alert_delivery}) stay on {@link Jdbc}, on purpose: the alert engine
 * queues them from the ingest path and the notifier's senders record each attempt, outside any transaction, with
 * counting updates and a page query over both tables that are single statements. The message methods therefore
 * carry no {@code @Transactional} and must not be called inside a transaction.
 */
@ApplicationScoped
public class ChannelStore {
  @Inject
  Jdbc jdbc;
  @Inject
  Sessions sessions;

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
  @Transactional
  public Channel create(Channel ch, Instant now) {
    AlertChannel stored = new AlertChannel(ch, now);
    sessions.get().persist(stored);
    sessions.get().flush();
    return stored.channel();
  }

  /** Switches a channel on or off. */
  @Transactional
  public void enable(long id, boolean enabled) {
    AlertChannel stored = sessions.get().find(AlertChannel.class, id);
    if (stored != null) {
      stored.enable(enabled);
    }
  }

  /** Returns one channel. */
  @Transactional
  public Optional<Channel> find(long id) {
    return Optional.ofNullable(sessions.get().find(AlertChannel.class, id)).map(AlertChannel::channel);
  }

  /** Returns a cooperative's channels, or every channel when {@code cooperativeId} is null. */
  @Transactional
  public List<Channel> of(Long cooperativeId) {
    SelectionQuery<AlertChannel> query = cooperativeId == null
        ? sessions.get().createSelectionQuery("FROM AlertChannel c ORDER BY c.id", AlertChannel.class)
        : sessions.get().createSelectionQuery("FROM AlertChannel c WHERE c.cooperativeId = :c ORDER BY c.id",
            AlertChannel.class).setParameter("c", cooperativeId);
    return query.getResultList().stream().map(AlertChannel::channel).toList();
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

  private static Delivery delivery(ResultSet rs) throws SQLException {
    int http = rs.getInt("http_status");
    Integer httpStatus = rs.wasNull() ? null : http;
    return new Delivery(rs.getLong("id"), rs.getLong("alert_id"), rs.getLong("channel_id"),
        rs.getString("recipient"), rs.getString("event"), rs.getString("status"), rs.getInt("attempts"),
        Jdbc.instant(rs, "next_at"), rs.getString("last_error"), httpStatus, Jdbc.instant(rs, "created_at"),
        Jdbc.instant(rs, "sent_at"));
  }
}
