package vn.farm.cloud.people;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.hibernate.annotations.DynamicUpdate;
import vn.farm.cloud.people.UserStore.NewUser;
import vn.farm.cloud.people.UserStore.UserRow;

/**
 * A person who can log in as stored (table {@code app_user}), with the greenhouses a farmer controls
 * ({@code greenhouse_farmer}) as an element collection, so that the store changes people through Hibernate while
 * Flyway's migrations keep defining the tables. The collection is a set: adding or taking one greenhouse writes
 * that one row, and it is loaded only when asked for, never with a session's lookup of its person. A change writes
 * only the columns it changed: a failed login is counted by a statement of its own while the person may be
 * loaded elsewhere, and writing back the whole row would undo that count.
 */
@Entity
@Table(name = "app_user")
@DynamicUpdate
class AppUser {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(nullable = false, length = 64)
  private String username;

  @Column(length = 20)
  private String phone;

  @Column(name = "display_name", nullable = false, length = 120)
  private String displayName;

  /** The bcrypt hash from {@link Passwords#hash}, stored as given. */
  @Column(name = "password_hash", nullable = false, length = 80)
  private String passwordHash;

  /** The role's wire name ({@link Role#wireName}). */
  @Column(name = "user_role", nullable = false, length = 16)
  private String role;

  @Column(name = "cooperative_id")
  private Long cooperativeId;

  @Column(length = 120)
  private String province;

  @Column(length = 120)
  private String district;

  /** Counted by {@link UserStore#reserveAttempt} with statements of its own, never through this field. */
  @Column(name = "failed_logins", nullable = false)
  private int failedLogins;

  @Column(name = "locked_until")
  private Instant lockedUntil;

  @Column(nullable = false)
  private boolean disabled;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @ElementCollection
  @CollectionTable(name = "greenhouse_farmer", joinColumns = @JoinColumn(name = "user_id"))
  @Column(name = "greenhouse_id", nullable = false)
  private Set<Long> greenhouseIds = new HashSet<>();

  protected AppUser() {}

  AppUser(NewUser u, Instant createdAt) {
    this.username = u.username();
    this.phone = u.phone();
    this.displayName = u.displayName();
    this.passwordHash = u.passwordHash();
    this.role = u.role().wireName();
    this.cooperativeId = u.cooperativeId();
    this.province = u.province();
    this.district = u.district();
    this.createdAt = createdAt;
  }

  /** Replaces the password hash and clears failed logins and any lock, as a new password starts afresh. */
  void changePassword(String passwordHash) {
    this.passwordHash = passwordHash;
    this.failedLogins = 0;
    this.lockedUntil = null;
  }

  /** Sets role and scope; someone who is no longer a farmer controls no greenhouse. */
  void changeRole(Role role, Long cooperativeId, String province, String district) {
    this.role = role.wireName();
    this.cooperativeId = cooperativeId;
    this.province = province;
    this.district = district;
    if (role != Role.FARMER) {
      greenhouseIds.clear();
    }
  }

  void disable(boolean disabled) {
    this.disabled = disabled;
  }

  /** Returns the greenhouses this farmer controls, to add to or take from. */
  Set<Long> greenhouseIds() {
    return greenhouseIds;
  }

  /** Returns the person as the resources see them. */
  UserRow row() {
    return new UserRow(id, username, phone, displayName, passwordHash, Role.of(role), cooperativeId, province,
        district, failedLogins, lockedUntil, disabled, createdAt);
  }
}
