package vn.farm.cloud.zone;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.hibernate.Session;
import vn.farm.cloud.db.Sessions;

/**
 * Zones of a greenhouse, the controller that serves each, and that controller's inputs (sensor channels) and outputs
 * (actuators) in each. A channel lies in at most one zone; naming it in another zone is a unique violation.
 */
@ApplicationScoped
@Transactional
public class ZoneStore {
  static final String INPUT = "input";
  static final String OUTPUT = "output";

  @Inject
  Sessions sessions;

  /**
   * A zone: {@code deviceId} is the controller serving it (null while the greenhouse has none, or for a zone with
   * no channels in a greenhouse of several); {@code inputs} and {@code outputs} are that controller's channel ids,
   * sorted.
   */
  public record ZoneRow(long id, long greenhouseId, String name, Double areaM2, String deviceId, List<String> inputs,
      List<String> outputs) {}

  /** Returns the zones of a greenhouse in creation order. */
  public List<ZoneRow> of(long greenhouseId) {
    return sessions.get().createSelectionQuery("FROM Zone z LEFT JOIN FETCH z.channels WHERE z.greenhouseId = :g "
        + "ORDER BY z.id", Zone.class).setParameter("g", greenhouseId).getResultList().stream().map(Zone::row)
        .toList();
  }

  /** Returns one zone of a greenhouse. */
  public Optional<ZoneRow> find(long greenhouseId, long zoneId) {
    return zone(greenhouseId, zoneId).map(Zone::row);
  }

  /**
   * Creates a zone and returns it; throws {@link vn.farm.cloud.db.StoreException} wrapping a unique violation when
   * the name is taken in the greenhouse or a channel already lies in another zone.
   */
  public ZoneRow create(long greenhouseId, String name, Double areaM2, String deviceId, List<String> inputs,
      List<String> outputs, Instant now) {
    Zone zone = new Zone(greenhouseId, now);
    zone.change(name, areaM2, deviceId, inputs, outputs);
    Session session = sessions.get();
    try {
      session.persist(zone);
      session.flush();
    } catch (PersistenceException e) {
      throw Sessions.translate(e);
    }
    session.refresh(zone);
    return zone.row();
  }

  /** Replaces a zone's name, area, controller and channels; throws as {@link #create} does. */
  public ZoneRow replace(ZoneRow zone, String name, Double areaM2, String deviceId, List<String> inputs,
      List<String> outputs) {
    Zone stored = zone(zone.greenhouseId(), zone.id()).orElseThrow();
    stored.change(name, areaM2, deviceId, inputs, outputs);
    Session session = sessions.get();
    try {
      session.flush();
    } catch (PersistenceException e) {
      throw Sessions.translate(e);
    }
    // Read back, so that the channels come in the database's order as they do from of().
    session.refresh(stored);
    return stored.row();
  }

  /** Deletes a zone and its channel list. */
  public void delete(ZoneRow zone) {
    zone(zone.greenhouseId(), zone.id()).ifPresent(sessions.get()::remove);
  }

  private Optional<Zone> zone(long greenhouseId, long zoneId) {
    return Optional.ofNullable(sessions.get().find(Zone.class, zoneId)).filter(z -> z.greenhouseId()
        == greenhouseId);
  }
}
