package vn.farm.cloud.config;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.hibernate.Session;
import org.hibernate.StaleStateException;
import vn.farm.cloud.db.Sessions;
import vn.farm.cloud.db.StoreException;

/**
 * The configuration set for each device, one numbered version at a time. A new version is stored only over the one
 * its writer read, so two people setting the same device's configuration at once cannot both win.
 */
@ApplicationScoped
@Transactional
public class ConfigStore {
  @Inject
  Sessions sessions;

  /**
   * A device's configuration as stored: {@code body} is the JSON published on its {@code config} channel,
   * {@code published} false until the broker has taken it.
   */
  public record Stored(String deviceId, long version, String body, Instant setAt, String setBy,
      boolean published) {}

  /** Returns the configuration set for a device, if any. */
  public Optional<Stored> find(String deviceId) {
    return Optional.ofNullable(sessions.get().find(DeviceConfig.class, deviceId)).map(DeviceConfig::stored);
  }

  /** Returns every configuration the broker has not taken yet. */
  public List<Stored> unpublished() {
    return sessions.get().createSelectionQuery("FROM DeviceConfig c WHERE c.published = FALSE", DeviceConfig.class)
        .getResultList().stream().map(DeviceConfig::stored).toList();
  }

  /**
   * Stores {@code body} as version {@code version} of a device's configuration, unpublished, if the stored version
   * is still {@code read} (0: none stored yet); {@code version} is above {@code read}. Returns what was stored, or
   * empty when someone else set the configuration first, even at the same moment: only one of two writers of the
   * same version gets through, and the other's transaction is rolled back.
   */
  public Optional<Stored> replace(String deviceId, long read, long version, String body, String by, Instant now) {
    if (version <= read) {
      throw new IllegalArgumentException("version " + version + " of the configuration of " + deviceId
          + " must be above the stored version " + read);
    }
    Session session = sessions.get();
    DeviceConfig stored = session.find(DeviceConfig.class, deviceId);
    if ((stored == null ? 0 : stored.version()) != read) {
      return Optional.empty();
    }
    try {
      if (stored == null) {
        stored = new DeviceConfig(deviceId, version, body, by, now);
        session.persist(stored);
      } else if (version == read + 1) {
        stored.change(body, by, now);
      } else {
        // The device runs a version above the stored one (set before the stored row was): the row is written again
        // at that number, and its versioned delete turns away a writer that came first just as an update would.
        session.remove(stored);
        session.flush();
        stored = new DeviceConfig(deviceId, version, body, by, now);
        session.persist(stored);
      }
      session.flush();
    } catch (OptimisticLockException | StaleStateException e) {
      QuarkusTransaction.setRollbackOnly();
      return Optional.empty();
    } catch (PersistenceException e) {
      // The only unique key is the device: someone stored its first version meanwhile.
      if (Sessions.translate(e) instanceof StoreException s && s.isUniqueViolation()) {
        QuarkusTransaction.setRollbackOnly();
        return Optional.empty();
      }
      throw e;
    }
    session.refresh(stored);
    return Optional.of(stored.stored());
  }

  /** Records that the broker has version {@code version} of a device's configuration, if it is still the one set. */
  public void markPublished(String deviceId, long version) {
    // A query rather than the entity, so that publishing does not count as a change and the version stays.
    sessions.get().createMutationQuery("UPDATE DeviceConfig c SET c.published = TRUE WHERE c.deviceId = :d "
        + "AND c.version = :v").setParameter("d", deviceId).setParameter("v", version).executeUpdate();
  }
}
