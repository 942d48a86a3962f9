package vn.farm.cloud.people;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.hibernate.Session;
import vn.farm.cloud.db.Sessions;

/** Cooperatives (HTX) and their member farms. */
@ApplicationScoped
@Transactional
public class CooperativeStore {
  @Inject
  Sessions sessions;

  /** A cooperative and where it is. */
  public record CooperativeRow(long id, String name, String province, String district) {}

  /** A member household or farm. */
  public record FarmRow(long id, long cooperativeId, String name) {}

  /** Creates a cooperative and returns it. */
  public CooperativeRow create(String name, String province, String district, Instant now) {
    Cooperative stored = new Cooperative(name, province, district, now);
    write(stored);
    return stored.row();
  }

  /** Returns one cooperative. */
  public Optional<CooperativeRow> find(long id) {
    return Optional.ofNullable(sessions.get().find(Cooperative.class, id)).map(Cooperative::row);
  }

  /** Returns the cooperatives an officer reads: those of a province, or of one district in it. */
  public List<CooperativeRow> inRegion(String province, String district) {
    if (district == null) {
      return sessions.get().createSelectionQuery("FROM Cooperative c WHERE c.province = :p ORDER BY c.id",
          Cooperative.class).setParameter("p", province).getResultList().stream().map(Cooperative::row).toList();
    }
    return sessions.get().createSelectionQuery("FROM Cooperative c WHERE c.province = :p AND c.district = :d "
        + "ORDER BY c.id", Cooperative.class).setParameter("p", province).setParameter("d", district)
        .getResultList().stream().map(Cooperative::row).toList();
  }

  /** Returns every cooperative. */
  public List<CooperativeRow> all() {
    return sessions.get().createSelectionQuery("FROM Cooperative c ORDER BY c.id", Cooperative.class)
        .getResultList().stream().map(Cooperative::row).toList();
  }

  /** Adds a member farm to a cooperative and returns it. */
  public FarmRow addFarm(long cooperativeId, String name, Instant now) {
    Farm stored = new Farm(cooperativeId, name, now);
    write(stored);
    return stored.row();
  }

  /** Returns a cooperative's member farms. */
  public List<FarmRow> farms(long cooperativeId) {
    return sessions.get().createSelectionQuery("FROM Farm f WHERE f.cooperativeId = :c ORDER BY f.id", Farm.class)
        .setParameter("c", cooperativeId).getResultList().stream().map(Farm::row).toList();
  }

  /** Returns one farm. */
  public Optional<FarmRow> farm(long id) {
    return Optional.ofNullable(sessions.get().find(Farm.class, id)).map(Farm::row);
  }

  /** Inserts a new row; a statement the database refuses throws {@link vn.farm.cloud.db.StoreException}. */
  private void write(Object entity) {
    Session session = sessions.get();
    try {
      session.persist(entity);
      session.flush();
    } catch (PersistenceException e) {
      throw Sessions.translate(e);
    }
  }
}
