package vn.farm.cloud.web;

import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses changes that another site's page makes with a person's browser (cross-site request forgery): a
 * {@code POST}, {@code PUT}, {@code PATCH} or {@code DELETE} that does not carry {@code Authorization: Bearer} (so
 * it is authenticated by the session cookie, or by nothing yet, as a login is) must come from the dashboard's own
 * origin. The browser says so in {@code Sec-Fetch-Site} ({@code same-origin}, or {@code none} for what the person
 * typed), or, in browsers without it, in {@code Origin}, which must equal this server's own origin as the browser
 * addressed it. A request with neither header is not a browser's (curl, scripts) and passes; so does one with a
 * Bearer token, which no other site can make a browser send. Refusing the login too keeps another site from logging
 * a browser into an account of its choosing.
 *
 * <p>SameSite=Lax on the session cookie already keeps most browsers from sending it with another site's
 * {@code POST}; this check does not depend on that, nor on the body being JSON.
 */
public class CrossSiteGuard {
  private static final Set<String> UNSAFE = Set.of("POST", "PUT", "PATCH", "DELETE");
  private static final Set<String> OWN_FETCH = Set.of("same-origin", "none");

  @ServerRequestFilter(preMatching = true)
  public Optional<Response> check(ContainerRequestContext context, HttpServerRequest request) {
    String why = refusal(context.getMethod(), context.getHeaderString("Authorization"),
        context.getHeaderString("Sec-Fetch-Site"), context.getHeaderString("Origin"),
        request.scheme() + "://" + request.host());
    if (why == null) {
      return Optional.empty();
    }
    return Optional.of(Response.status(403).type(MediaType.APPLICATION_JSON)
        .entity(new ApiError(403, "cross_site", why, null)).build());
  }

  /**
   * Returns why a request is refused, or null when it may go on. {@code ownOrigin} is this server's origin as the
   * request addressed it ({@code http://host:port}, after a trusted proxy's forwarded scheme).
   */
  static String refusal(String method, String authorization, String fetchSite, String origin, String ownOrigin) {
    if (!UNSAFE.contains(method.toUpperCase(Locale.ROOT)) || isBearer(authorization)) {
      return null;
    }
    if (fetchSite != null) {
      return OWN_FETCH.contains(fetchSite.strip().toLowerCase(Locale.ROOT)) ? null
          : "the browser says this request came from another site (Sec-Fetch-Site: " + fetchSite + "); changes "
              + "are taken from this server's own pages only, or from scripts that send Authorization: Bearer";
    }
    if (origin != null) {
      return sameOrigin(origin, ownOrigin) ? null
          : "this request came from the page of another origin (Origin: " + origin + ", not " + ownOrigin + "); "
              + "changes are taken from this server's own pages only, or from scripts that send "
              + "Authorization: Bearer";
    }
    return null;
  }

  private static boolean isBearer(String authorization) {
    return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7);
  }

  /** Compares two origins by scheme, host and port, a default port written or not; "null" matches nothing. */
  static boolean sameOrigin(String a, String b) {
    String na = normal(a);
    return na != null && na.equals(normal(b));
  }

  private static String normal(String origin) {
    try {
      URI u = URI.create(origin.strip());
      if (u.getScheme() == null || u.getHost() == null) {
        return null;
      }
      String scheme = u.getScheme().toLowerCase(Locale.ROOT);
      int port = u.getPort() != -1 ? u.getPort() : scheme.equals("https") ? 443 : scheme.equals("http") ? 80 : -1;
      return scheme + "://" + u.getHost().toLowerCase(Locale.ROOT) + ":" + port;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
