package vn.farm.cloud.people;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * The person behind a request, as loaded with their session: who they are and the scope their role gives them.
 * {@code cooperativeId} is set for managers and farmers; {@code province} (and optionally {@code district}) for
 * officers. Resources get the one of their request from {@code web.CurrentCaller}.
 */
public record Caller(long userId, String username, Role role, Long cooperativeId, String province,
    String district) {
  /** Attribute of the {@link SecurityIdentity} that carries the caller. */
  public static final String ATTRIBUTE = "farm.caller";
  /** Attribute of the {@link SecurityIdentity} that carries the session token it was loaded from. */
  public static final String SESSION = "farm.session";
}
