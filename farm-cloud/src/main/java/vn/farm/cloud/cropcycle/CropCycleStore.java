package vn.farm.cloud.cropcycle;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.OptimisticLockException;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.hibernate.Session;
import org.hibernate.StaleStateException;
import org.hibernate.query.NativeQuery;
import vn.farm.cloud.db.Sessions;

/**
 * Crop cycles (vụ) of greenhouses. A change never overwrites: each version of a cycle, the first included, is kept
 * as a numbered revision with who made it, when and why.
 */
@ApplicationScoped
@Transactional
public class CropCycleStore {
  @Inject
  Sessions sessions;

  /**
   * What a person records of a crop cycle. {@code crop} is a crop profile id; {@code stage} is a stage they
   * recorded, or null to follow the profile; {@code zoneId} null means the whole greenhouse.
   */
  public record Cycle(Long zoneId, String crop, String variety, Double areaM2, LocalDate plantedOn,
      LocalDate expectedHarvest, LocalDate endedOn, String stage) {}

  /** A stored crop cycle at its latest revision. */
  public record CycleRow(long id, long greenhouseId, Cycle cycle, int revision, String updatedBy,
      Instant updatedAt) {}

  /** One version of a cycle, as it was entered. */
  public record Revision(int revision, Cycle cycle, String changedBy, Instant changedAt, String note) {}

  /** Stores a new cycle as revision 1 and returns it. */
  public CycleRow create(long greenhouseId, Cycle cycle, String by, Instant now) {
    Session session = sessions.get();
    CropCycle stored = new CropCycle(greenhouseId, cycle, by, now);
    session.persist(stored);
    session.persist(new CropCycleRevision(stored.id(), stored.revision(), cycle, by, now, null));
    session.flush();
    // Read back, so that the answer shows what the database keeps (its timestamp precision included).
    session.refresh(stored);
    return stored.row();
  }

  /**
   * Stores {@code cycle} as the next revision of cycle {@code id} if its latest revision is still
   * {@code revision}; returns the new row, or empty when someone else changed it first, even at the same moment:
   * the cycle's version lets only one of two writers of the same revision through, and the other's transaction is
   * rolled back.
   */
  public Optional<CycleRow> revise(long id, int revision, Cycle cycle, String by, String note, Instant now) {
    Session session = sessions.get();
    CropCycle stored = session.find(CropCycle.class, id);
    if (stored == null || stored.revision() != revision) {
      return Optional.empty();
    }
    stored.change(cycle, by, now);
    try {
      // The cycle first: its versioned update is what finds a concurrent writer, before the revision row is added.
      session.flush();
      session.persist(new CropCycleRevision(id, stored.revision(), cycle, by, now, note));
      session.flush();
    } catch (OptimisticLockException | StaleStateException e) {
      QuarkusTransaction.setRollbackOnly();
      return Optional.empty();
    }
    session.refresh(stored);
    return Optional.of(stored.row());
  }

  /** Returns one cycle. */
  public Optional<CycleRow> find(long id) {
    return Optional.ofNullable(sessions.get().find(CropCycle.class, id)).map(CropCycle::row);
  }

  /** Returns a greenhouse's cycles, the latest planted first. */
  public List<CycleRow> of(long greenhouseId) {
    return sessions.get().createSelectionQuery("FROM CropCycle c WHERE c.greenhouseId = :g "
        + "ORDER BY c.fields.plantedOn DESC, c.id DESC", CropCycle.class).setParameter("g", greenhouseId)
        .getResultList().stream().map(CropCycle::row).toList();
  }

  /**
   * Returns the cycles of the greenhouses (alias {@code g}) that {@code where} selects, joined as {@code cc}, by
   * greenhouse and then the latest planted first. {@code where} is SQL with {@code ?} parameters, as the access
   * scopes of people are written for the greenhouse store.
   */
  public List<CycleRow> where(String where, Object... params) {
    NativeQuery<CropCycle> query = sessions.get().createNativeQuery("SELECT cc.* FROM crop_cycle cc JOIN greenhouse "
        + "g ON g.id = cc.greenhouse_id WHERE " + where + " ORDER BY cc.greenhouse_id, cc.planted_on DESC, cc.id DESC",
        CropCycle.class);
    for (int i = 0; i < params.length; i++) {
      query.setParameter(i + 1, params[i]);
    }
    return query.getResultList().stream().map(CropCycle::row).toList();
  }

  /** Returns every version of a cycle, the first first. */
  public List<Revision> history(long id) {
    return sessions.get().createSelectionQuery("FROM CropCycleRevision r WHERE r.cycleId = :id ORDER BY r.revision",
        CropCycleRevision.class).setParameter("id", id).getResultList().stream().map(CropCycleRevision::revision)
        .toList();
  }

  /** Returns true when a crop cycle names zone {@code zoneId}. */
  public boolean usesZone(long zoneId) {
    return !sessions.get().createSelectionQuery("SELECT c.id FROM CropCycle c WHERE c.fields.zoneId = :z", Long.class)
        .setParameter("z", zoneId).setMaxResults(1).getResultList().isEmpty();
  }
}
