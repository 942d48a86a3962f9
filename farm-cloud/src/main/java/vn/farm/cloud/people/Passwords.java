package vn.farm.cloud.people;

import io.quarkus.elytron.security.common.BcryptUtil;
import java.security.SecureRandom;

/** Hashes and checks passwords with bcrypt, and states what a new password must be. */
public final class Passwords {
  /** bcrypt cost: about 60 ms a check on one core of the reference machine. */
  static final int COST = 10;
  /** Shortest accepted password; length matters more than character classes. */
  public static final int MIN_LENGTH = 8;
  /** bcrypt reads at most 72 bytes; longer passwords would silently lose their tail. */
  public static final int MAX_BYTES = 72;

  /** A hash to check against when the login is unknown, so that the answer takes as long as a wrong password. */
  private static final String DECOY = BcryptUtil.bcryptHash("decoy-password-never-used", COST);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

  private Passwords() {}

  /** Returns the bcrypt hash of {@code password}. */
  public static String hash(String password) {
    return BcryptUtil.bcryptHash(password, COST);
  }

  /** Returns whether {@code password} matches {@code hash}; a null hash checks against a decoy and fails. */
  public static boolean matches(String password, String hash) {
    if (hash == null) {
      BcryptUtil.matches(password, DECOY);
      return false;
    }
    return BcryptUtil.matches(password, hash);
  }

  /** Returns what is wrong with {@code password} as a new password, or null when it is acceptable. */
  public static String problem(String password) {
    if (password == null || password.length() < MIN_LENGTH) {
      return "must be at least " + MIN_LENGTH + " characters";
    }
    if (password.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_BYTES) {
      return "must be at most " + MAX_BYTES + " bytes";
    }
    if (password.isBlank()) {
      return "must not be only spaces";
    }
    return null;
  }

  /**
   * Returns the SHA-256 of a random secret (a session token, a device's MQTT secret) in hex. Enough for secrets
   * of 128 bits and more, which nobody can guess, unlike passwords people choose.
   */
  public static String sha256Hex(String secret) {
    try {
      return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
          .digest(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  /** Returns a random password of {@code length} characters that are easy to read aloud and type on a phone. */
  public static String random(int length) {
    StringBuilder b = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      b.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return b.toString();
  }
}
