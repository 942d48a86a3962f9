package vn.farm.cloud.security;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** A session token presented by a browser cookie or an {@code Authorization: Bearer} header. */
public final class SessionRequest extends BaseAuthenticationRequest {
  private final String token;

  public SessionRequest(String token) {
    this.token = token;
  }

  public String token() {
    return token;
  }
}
