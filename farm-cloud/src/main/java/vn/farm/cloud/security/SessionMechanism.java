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
    Cookie cookie = context.request().getCookie(COOKIE);
    return token(context.request().getHeader("Authorization"), cookie == null ? null : cookie.getValue());
  }

  /** Returns the token of an {@code Authorization} header value or else of a cookie value, or null. */
  public static String token(String authorization, String cookie) {
    if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      String t = authorization.substring(BEARER.length()).strip();
      return t.isEmpty() ? null : t;
    }
    return cookie == null || cookie.isEmpty() ? null : cookie;
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
