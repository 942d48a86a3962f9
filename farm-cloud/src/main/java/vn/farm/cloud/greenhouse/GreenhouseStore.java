package vn.farm.cloud.greenhouse;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hibernate.Session;
import org.hibernate.query.NativeQuery;
import vn.farm.cloud.db.Jdbc;
import vn.farm.cloud.db.Sessions;
import vn.farm.cloud.device.DeviceStore;

/**
 * Greenhouses, the cooperative and farm each belongs to, and the controllers that serve each: usually one, several in
 * a large house with a board per bay or irrigation line.
 */
@ApplicationScoped
@Transactional
public class GreenhouseStore {
  @Inject
  Sessions sessions;
  @Inject
  DeviceStore devices;

  /**
   * A greenhouse: {@code houseType} is {@code film}, {@code glass} or {@code net}; {@code deviceIds} are its
   * controllers, sorted, empty while none is assigned.
   */
  public record GreenhouseRow(long id, String name, long cooperativeId, Long farmId, String houseType,
      Double areaM2, Double latitude, Double longitude, List<String> deviceIds) {}

  /** Creates a greenhouse (its controller, when given, need not have been heard from yet) and returns it. */
  public GreenhouseRow create(GreenhouseRow g, Instant now) {
    Greenhouse stored = new Greenhouse(g, now);
    Session session = sessions.get();
    try {
      session.persist(stored);
      session.flush();
      for (String deviceId : g.deviceIds()) {
        serve(session, stored.id(), deviceId, now);
      }
    } catch (PersistenceException e) {
      throw Sessions.translate(e);
    }
    return stored.row(g.deviceIds().stream().sorted().toList());
  }

  /**
   * Adds {@code deviceId} (which need not have been heard from) to the controllers of greenhouse {@code id}. The
   * first controller of a greenhouse takes the zones laid out before it came, with their inputs and outputs.
   */
  public void attach(long id, String deviceId, Instant now) {
    Session session = sessions.get();
    try {
      boolean first = session.createNativeQuery("SELECT COUNT(*) FROM device WHERE greenhouse_id = ?", Long.class)
          .setParameter(1, id).getSingleResult() == 0;
      serve(session, id, deviceId, now);
      if (first) {
        // Written as the statements they are: no zone is loaded in this transaction, and one statement a table
        // moves every zone and channel of the house however many there are.
        session.createNativeMutationQuery("UPDATE zone SET device_id = ? WHERE greenhouse_id = ? "
            + "AND device_id IS NULL").setParameter(1, deviceId).setParameter(2, id).executeUpdate();
        session.createNativeMutationQuery("UPDATE zone_channel SET device_id = ? WHERE greenhouse_id = ? "
            + "AND device_id IS NULL").setParameter(1, deviceId).setParameter(2, id).executeUpdate();
      }
    } catch (PersistenceException e) {
      throw Sessions.translate(e);
    }
  }

  /**
   * Returns the greenhouses matching {@code where} (SQL over alias {@code g} with {@code ?} parameters, as people's
   * access scopes are written), in creation order.
   */
  public List<GreenhouseRow> where(String where, Object... params) {
    Session session = sessions.get();
    NativeQuery<Object[]> served = session.createNativeQuery("SELECT d.greenhouse_id, d.device_id FROM device d "
        + "JOIN greenhouse g ON g.id = d.greenhouse_id WHERE " + where + " ORDER BY d.device_id", Object[].class);
    Map<Long, List<String>> controllers = new HashMap<>();
    for (Object[] row : bind(served, params).getResultList()) {
      controllers.computeIfAbsent(((Number) row[0]).longValue(), k -> new ArrayList<>()).add((String) row[1]);
    }
    NativeQuery<Greenhouse> houses = session.createNativeQuery("SELECT g.* FROM greenhouse g WHERE " + where
        + " ORDER BY g.id", Greenhouse.class);
    return bind(houses, params).getResultList().stream()
        .map(h -> h.row(controllers.getOrDefault(h.id(), List.of()))).toList();
  }

  /** Returns one greenhouse. */
  public Optional<GreenhouseRow> find(long id) {
    return where("g.id = ?", id).stream().findFirst();
  }

  /** Returns the greenhouse served by a device, if any. */
  public Optional<GreenhouseRow> findByDevice(String deviceId) {
    return where("g.id = (SELECT greenhouse_id FROM device WHERE device_id = ?)", deviceId).stream().findFirst();
  }

  /**
   * Makes {@code deviceId} a controller of greenhouse {@code id}, adding its device row if it has none. The device
   * rows stay the device store's, so its own statement adds one; it runs on this transaction's connection, which it
   * only writes to (committing is the transaction's), so the house and its controller are stored together or not
   * at all.
   */
  private void serve(Session session, long id, String deviceId, Instant now) {
    session.doWork(c -> {
      devices.ensure(c, deviceId, now);
      Jdbc.update(c, "UPDATE device SET greenhouse_id = ? WHERE device_id = ?", id, deviceId);
    });
  }

  private static <T> NativeQuery<T> bind(NativeQuery<T> query, Object... params) {
    for (int i = 0; i < params.length; i++) {
      query.setParameter(i + 1, params[i]);
    }
    return query;
  }
}
