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

/** People who can log in, their role and scope, their failed logins, and the greenhouses farmers control. */
@ApplicationScoped
@Transactional
public class UserStore {
  @Inject
  Sessions sessions;

  /** A person as stored. {@code passwordHash} never leaves the cloud. */
  public record UserRow(long id, String username, String phone, String displayName, String passwordHash,
      Role role, Long cooperativeId, String province, String district, int failedLogins, Instant lockedUntil,
      boolean disabled, Instant createdAt) {
    /** Returns the scope this person acts with. */
    public Caller caller() {
      return new Caller(id, username, role, cooperativeId, province, district);
    }
  }

  /** What a new person is given. */
  public record NewUser(String username, String phone, String displayName, String passwordHash, Role role,
      Long cooperativeId, String province, String district) {}

  /** Returns the person whose username or phone number is {@code login}. */
  public Optional<UserRow> findByLogin(String login) {
    return sessions.get().createSelectionQuery("FROM AppUser u WHERE u.username = :login OR u.phone = :login",
        AppUser.class).setParameter("login", login).getResultStream().findFirst().map(AppUser::row);
  }

  /** Returns one person. */
  public Optional<UserRow> find(long id) {
    return user(id).map(AppUser::row);
  }

  /** Returns whether anyone can log in yet. */
  public boolean isEmpty() {
    return sessions.get().createSelectionQuery("SELECT u.id FROM AppUser u", Long.class).setMaxResults(1)
        .getResultList().isEmpty();
  }

  /** Returns people ordered by id after {@code afterId}: everyone, or one cooperative's when it is given. */
  public List<UserRow> page(Long cooperativeId, long afterId, int limit) {
    var query = cooperativeId == null
        ? sessions.get().createSelectionQuery("FROM AppUser u WHERE u.id > :after ORDER BY u.id", AppUser.class)
        : sessions.get().createSelectionQuery("FROM AppUser u WHERE u.cooperativeId = :coop AND u.id > :after "
            + "ORDER BY u.id", AppUser.class).setParameter("coop", cooperativeId);
    return query.setParameter("after", afterId).setMaxResults(limit).getResultList().stream().map(AppUser::row)
        .toList();
  }

  /**
   * Creates a person and returns them; throws {@link vn.farm.cloud.db.StoreException} wrapping a unique
   * violation when the username or phone is taken.
   */
  public UserRow create(NewUser u, Instant now) {
    AppUser user = new AppUser(u, now);
    Session session = sessions.get();
    try {
      session.persist(user);
      session.flush();
    } catch (PersistenceException e) {
      throw Sessions.translate(e);
    }
    // Read back, so that the answer shows what the database keeps (its defaults and timestamp precision).
    session.refresh(user);
    return user.row();
  }

  /**
   * What counting an attempt gave: whether its password may be checked, whether this attempt locked the account
   * (so that its failure is the last one allowed), and until when a lock holds.
   */
  public record Reservation(boolean allowed, boolean locks, Instant lockedUntil) {}

  /**
   * Counts a login attempt against a person before their password is checked: refused (nothing counted) while the
   * account is locked. The attempt that makes {@code maxFailures} in a row locks the account until
   * {@code lockedUntil} at once, before its own password is checked, so that attempts running beside it are
   * refused and no more passwords are checked than the limit allows; a success clears the count and the lock
   * ({@link #recordSuccess}). Once a lock has passed the count starts again. The row stays locked from the first
   * statement to the commit, so concurrent attempts count one after another.
   */
  public Reservation reserveAttempt(long id, int maxFailures, Instant now, Instant lockedUntil) {
    return Attempts.reserve(sessions.get(), "AppUser", "id", id, maxFailures, now, lockedUntil);
  }

  /** Clears failed logins and any lock after a successful login. */
  public void recordSuccess(long id) {
    sessions.get().createMutationQuery("UPDATE AppUser u SET u.failedLogins = 0, u.lockedUntil = NULL "
        + "WHERE u.id = :id").setParameter("id", id).executeUpdate();
  }

  /** Replaces a password hash. */
  public void setPassword(long id, String passwordHash) {
    user(id).ifPresent(u -> u.changePassword(passwordHash));
  }

  /** Changes role and scope. */
  public void setRole(long id, Role role, Long cooperativeId, String province, String district) {
    user(id).ifPresent(u -> u.changeRole(role, cooperativeId, province, district));
  }

  /** Disables or re-enables logging in. */
  public void setDisabled(long id, boolean disabled) {
    user(id).ifPresent(u -> u.disable(disabled));
  }

  /** Lets a farmer control a greenhouse; returns false when they already could. */
  public boolean assign(long userId, long greenhouseId) {
    AppUser user = user(userId).orElseThrow(() -> new IllegalArgumentException("no person " + userId));
    boolean added = user.greenhouseIds().add(greenhouseId);
    try {
      sessions.get().flush();
    } catch (PersistenceException e) {
      throw Sessions.translate(e);
    }
    return added;
  }

  /** Takes a greenhouse from a farmer; returns false when they did not have it. */
  public boolean unassign(long userId, long greenhouseId) {
    return user(userId).map(u -> u.greenhouseIds().remove(greenhouseId)).orElse(false);
  }

  /** Returns the ids of the greenhouses a farmer controls. */
  public List<Long> greenhousesOf(long userId) {
    return sessions.get().createSelectionQuery("SELECT g FROM AppUser u JOIN u.greenhouseIds g WHERE u.id = :id "
        + "ORDER BY g", Long.class).setParameter("id", userId).getResultList();
  }

  private Optional<AppUser> user(long id) {
    return Optional.ofNullable(sessions.get().find(AppUser.class, id));
  }
}
