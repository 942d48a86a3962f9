package vn.farm.cloud.security;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/**
 * Reads the session token from the {@value #COOKIE} cookie (the dashboard) or an {@code Authorization: Bearer}
 * header (scripts), and has {@link SessionIdentityProvider} look it up. A request without either is anonymous and
 * reaches only endpoints that permit everyone.
 */
@ApplicationScoped
public class SessionMechanism implements HttpAuthenticationMechanism {
  /** Name of the session cookie: HttpOnly, so page scripts cannot read it. */
  public static final String COOKIE = "farm_session";
  private static final String BEARER = "Bearer ";

  @Override
  public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
    String token = token(context);
    if (token == null) {
      return Uni.createFrom().optional(java.util.Optional.empty());
    }
    return identities.authenticate(HttpSecurityUtils.setRoutingContextAttribute(new SessionRequest(token),
        context));
  }

  /** Returns the token the request carries, header first, or null. */
  public static String token(RoutingContext context) {
    String header = context.request().getHeader("Authorization");
    if (header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      String t = header.substring(BEARER.length()).strip();
      return t.isEmpty() ? null : t;
    }
    Cookie cookie = context.request().getCookie(COOKIE);
    return cookie == null || cookie.getValue().isEmpty() ? null : cookie.getValue();
  }

  @Override
  public Uni<ChallengeData> getChallenge(RoutingContext context) {
    return Uni.createFrom().item(new ChallengeData(401, null, null));
  }

  @Override
  public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
    return Set.of(SessionRequest.class);
  }
}
