package vn.farm.cloud.people;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import vn.farm.cloud.FarmConfig;
import vn.farm.cloud.people.LoginDevices.Device;
import vn.farm.cloud.people.UserStore.Reservation;
import vn.farm.cloud.people.UserStore.UserRow;

/**
 * Slows down online password guessing, counting every attempt before its password is checked:
 *
 * <ul>
 *   <li>by source address, in memory ({@link AddressThrottle}): {@code farm.auth.address-max-failures} failures at
 *       once, then one more every {@code farm.auth.address-window} divided by that;</li>
 *   <li>by account: {@code farm.auth.max-failures} in a row lock it for {@code farm.auth.lockout};</li>
 *   <li>but an attempt from a browser holding the person's device cookie ({@link LoginDevices}) counts against
 *       that device instead, with the same limit: someone guessing a person's password from elsewhere locks the
 *       account for browsers it has never logged in from, never for the person's own.</li>
 * </ul>
 *
 * As OWASP's "Slow Down Online Guessing Attacks with Device Cookies" describes. Thread-safe.
 */
@ApplicationScoped
public class LoginGuard {
  /** Addresses remembered at most: about 1.5 MB. */
  static final int ADDRESSES = 10_000;

  @Inject
  UserStore users;
  @Inject
  LoginDevices devices;
  @Inject
  FarmConfig config;
  @Inject
  Clock clock;

  private AddressThrottle addresses;

  @PostConstruct
  void limits() {
    addresses = new AddressThrottle(config.auth().addressMaxFailures(), config.auth().addressWindow(), ADDRESSES);
  }

  /** Which limit refused an attempt. */
  public enum Limit { ADDRESS, ACCOUNT, DEVICE }

  /**
   * An attempt counted before its password is checked: refused by a limit (and for how long), or allowed, in which
   * case it must be settled with {@link #succeeded} when the password was right.
   */
  public record Attempt(Limit refusedBy, long retryAfterS, String address, UserRow user, Device device,
      boolean locksOnFailure) {
    /** Returns whether the password must not be checked. */
    public boolean refused() {
      return refusedBy != null;
    }

    /** Returns whether the attempt came from a browser holding the person's device cookie. */
    public boolean fromKnownDevice() {
      return device != null;
    }
  }

  /**
   * Counts a login from {@code address} (an IP address, after a trusted proxy's forwarding) as {@code user} (null for
   * an unknown name), carrying {@code deviceToken}, the device cookie (null when none).
   */
  public Attempt login(String address, UserRow user, String deviceToken) {
    Instant now = clock.instant();
    String key = AddressThrottle.key(address);
    long wait = addresses.take(key, now);
    if (wait > 0) {
      return new Attempt(Limit.ADDRESS, wait, key, user, null, false);
    }
    if (user == null) {
      return new Attempt(null, 0, key, null, null, false);
    }
    Attempt a = account(user, deviceToken, now, key);
    if (a.refused()) {
      // No password is checked, so nothing was learnt from this address.
      addresses.giveBack(key, now);
    }
    return a;
  }

  /**
   * Counts a check of {@code user}'s current password by their own session (a password change), against their
   * account or their device as a login; the source address is not counted, since the session already proves who it
   * is.
   */
  public Attempt passwordCheck(UserRow user, String deviceToken) {
    return account(user, deviceToken, clock.instant(), null);
  }

  private Attempt account(UserRow user, String deviceToken, Instant now, String key) {
    Duration lockout = config.auth().lockout();
    Device device = deviceToken == null ? null : devices.of(deviceToken, user.id(), now).orElse(null);
    Reservation r = device != null
        ? devices.reserveAttempt(device.tokenHash(), config.auth().maxFailures(), now, now.plus(lockout))
        : users.reserveAttempt(user.id(), config.auth().maxFailures(), now, now.plus(lockout));
    if (!r.allowed()) {
      long waitS = Math.max(1, Duration.between(now, r.lockedUntil()).toSeconds() + 1);
      return new Attempt(device != null ? Limit.DEVICE : Limit.ACCOUNT, waitS, key, user, device, false);
    }
    return new Attempt(null, 0, key, user, device, r.locks());
  }

  /**
   * Settles an allowed attempt whose password was right: gives back what it counted, and returns the device
   * token the browser is to keep when {@code remember} (the one it came with, kept for another
   * {@code farm.auth.device-lifetime}, or a new one).
   */
  public Optional<String> succeeded(Attempt a, String deviceToken, boolean remember) {
    Instant now = clock.instant();
    if (a.address() != null) {
      addresses.giveBack(a.address(), now);
    }
    Instant expires = now.plus(config.auth().deviceLifetime());
    if (a.fromKnownDevice()) {
      devices.recordSuccess(a.device().tokenHash(), now, expires);
      return remember ? Optional.of(deviceToken) : Optional.empty();
    }
    users.recordSuccess(a.user().id());
    return remember ? Optional.of(devices.create(a.user().id(), now, expires)) : Optional.empty();
  }
}
