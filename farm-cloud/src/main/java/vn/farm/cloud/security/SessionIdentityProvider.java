package vn.farm.cloud.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import vn.farm.cloud.people.Caller;
import vn.farm.cloud.people.SessionStore;
import vn.farm.cloud.people.UserStore.UserRow;

/**
 * Turns a session token into the person's identity, loaded fresh on each request so that a role change, a
 * disabled account or a logout takes effect at once. An unknown or expired token fails authentication (401).
 */
@ApplicationScoped
public class SessionIdentityProvider implements IdentityProvider<SessionRequest> {
  @Inject
  SessionStore sessions;

  @Override
  public Class<SessionRequest> getRequestType() {
    return SessionRequest.class;
  }

  @Override
  public Uni<SecurityIdentity> authenticate(SessionRequest request, AuthenticationRequestContext context) {
    return context.runBlocking(() -> {
      UserRow user = sessions.resolve(request.token())
          .orElseThrow(() -> new AuthenticationFailedException("the session has ended; log in again"));
      Caller caller = user.caller();
      return QuarkusSecurityIdentity.builder()
          .setPrincipal(new QuarkusPrincipal(user.username()))
          .addRole(user.role().wireName())
          .addAttribute(Caller.ATTRIBUTE, caller)
          .addAttribute(Caller.SESSION, request.token())
          .build();
    });
  }
}
