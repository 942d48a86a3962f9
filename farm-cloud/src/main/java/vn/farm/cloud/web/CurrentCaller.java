package vn.farm.cloud.web;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import vn.farm.cloud.people.Caller;

/**
 * Gives every resource the person behind the current request, read once a request from its security identity (where
 * {@code SessionIdentityProvider} put it), so no resource method works out who is asking by itself. A
 * {@link Caller} is a record and cannot be proxied, hence this request-scoped holder; inject it and call
 * {@link #get()}. Only for authenticated requests: {@link #get()} throws on an anonymous one.
 */
@RequestScoped
public class CurrentCaller {
  @Inject
  SecurityIdentity identity;

  private Caller caller;

  /** Returns the person behind this request; throws {@link IllegalStateException} on an anonymous request. */
  public Caller get() {
    if (caller == null) {
      caller = identity.getAttribute(Caller.ATTRIBUTE);
      if (caller == null) {
        throw new IllegalStateException("no caller on an anonymous identity");
      }
    }
    return caller;
  }

  /** Returns the session token this request was authenticated with, or null on an anonymous request. */
  public String sessionToken() {
    return identity.getAttribute(Caller.SESSION);
  }
}
