package vn.farm.cloud.people;

import java.time.Instant;
import java.util.List;
import org.hibernate.Session;
import vn.farm.cloud.people.UserStore.Reservation;

/**
 * Counts a login attempt against a row that keeps {@code failedLogins} and {@code lockedUntil} (a person, or one of
 * their devices), with update statements rather than through a loaded entity: the first statement locks the row
 * until the transaction commits, so that concurrent attempts count one after another and none reads a count that
 * another is about to raise.
 */
final class Attempts {
  private Attempts() {}

  /**
   * Counts an attempt against the {@code entity} whose {@code key} attribute is {@code id}, as
   * {@link UserStore#reserveAttempt} describes. Must run inside the caller's transaction.
   */
  static Reservation reserve(Session session, String entity, String key, Object id, int maxFailures, Instant now,
      Instant lockedUntil) {
    int counted = session.createMutationQuery("UPDATE " + entity + " e SET e.failedLogins = CASE WHEN "
        + "e.lockedUntil IS NULL THEN e.failedLogins + 1 ELSE 1 END, e.lockedUntil = NULL WHERE e." + key
        + " = :id AND (e.lockedUntil IS NULL OR e.lockedUntil <= :now)").setParameter("id", id)
        .setParameter("now", now).executeUpdate();
    if (counted == 0) {
      List<Instant> until = session.createSelectionQuery("SELECT e.lockedUntil FROM " + entity + " e WHERE e."
          + key + " = :id", Instant.class).setParameter("id", id).getResultList();
      return new Reservation(false, false, until.isEmpty() || until.get(0) == null ? now : until.get(0));
    }
    boolean locks = session.createMutationQuery("UPDATE " + entity + " e SET e.lockedUntil = :until WHERE e."
        + key + " = :id AND e.failedLogins >= :max").setParameter("until", lockedUntil).setParameter("id", id)
        .setParameter("max", maxFailures).executeUpdate() == 1;
    return new Reservation(true, locks, locks ? lockedUntil : null);
  }
}
