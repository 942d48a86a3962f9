package vn.farm.cloud.harvest;

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
import vn.farm.cloud.db.Sessions;

/**
 * Harvest records of crop cycles. A change never overwrites: each version, the first included, is kept as a
 * numbered revision; a record entered by mistake is voided, not deleted.
 */
@ApplicationScoped
@Transactional
public class HarvestStore {
  @Inject
  Sessions sessions;

  /** What a person records of a harvest: {@code grade} e.g. 1, 2, loại 1; {@code priceVndPerKg} optional. */
  public record Harvest(LocalDate harvestedOn, double kg, String grade, Double priceVndPerKg, boolean voided) {}

  /** A stored harvest at its latest revision. */
  public record HarvestRow(long id, long cycleId, Harvest harvest, int revision, String updatedBy,
      Instant updatedAt) {}

  /** One version of a harvest record. */
  public record Revision(int revision, Harvest harvest, String changedBy, Instant changedAt, String note) {}

  /** Stores a new harvest as revision 1 and returns it. */
  public HarvestRow create(long cycleId, Harvest h, String by, Instant now) {
    Session session = sessions.get();
    HarvestRecord stored = new HarvestRecord(cycleId, h, by, now);
    session.persist(stored);
    session.persist(new HarvestRevision(stored.id(), stored.revision(), h, by, now, null));
    session.flush();
    // Read back, so that the answer shows what the database keeps (its timestamp precision included).
    session.refresh(stored);
    return stored.row();
  }

  /**
   * Stores {@code h} as the next revision of harvest {@code id} if its latest revision is still {@code revision};
   * returns the new row, or empty when someone else changed it first, even at the same moment: the harvest's
   * version lets only one of two writers of the same revision through, and the other's transaction is rolled back.
   */
  public Optional<HarvestRow> revise(long id, int revision, Harvest h, String by, String note, Instant now) {
    Session session = sessions.get();
    HarvestRecord stored = session.find(HarvestRecord.class, id);
    if (stored == null || stored.revision() != revision) {
      return Optional.empty();
    }
    stored.change(h, by, now);
    try {
      // The harvest first: its versioned update is what finds a concurrent writer, before the revision row is added.
      session.flush();
      session.persist(new HarvestRevision(id, stored.revision(), h, by, now, note));
      session.flush();
    } catch (OptimisticLockException | StaleStateException e) {
      QuarkusTransaction.setRollbackOnly();
      return Optional.empty();
    }
    session.refresh(stored);
    return Optional.of(stored.row());
  }

  /** Returns one harvest record. */
  public Optional<HarvestRow> find(long id) {
    return Optional.ofNullable(sessions.get().find(HarvestRecord.class, id)).map(HarvestRecord::row);
  }

  /** Returns a cycle's harvests, voided ones included, in date order. */
  public List<HarvestRow> of(long cycleId) {
    return sessions.get().createSelectionQuery("FROM HarvestRecord h WHERE h.cycleId = :c "
        + "ORDER BY h.fields.harvestedOn, h.id", HarvestRecord.class).setParameter("c", cycleId).getResultList()
        .stream().map(HarvestRecord::row).toList();
  }

  /** Returns every version of a harvest record, the first first. */
  public List<Revision> history(long id) {
    return sessions.get().createSelectionQuery("FROM HarvestRevision r WHERE r.harvestId = :id ORDER BY r.revision",
        HarvestRevision.class).setParameter("id", id).getResultList().stream().map(HarvestRevision::revision)
        .toList();
  }
}
