package vn.farm.cloud.security;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Puts the browser's security headers on every answer: the API's, the dashboard's files, errors and {@code /q/}.
 *
 * <ul>
 *   <li>{@code Content-Security-Policy}: the page runs only scripts and styles of its own files (none inline, no
 *       {@code eval}), talks only to this server, and is framed by nobody, so an injected name cannot run as script
 *       and another site cannot overlay the dashboard's buttons; Swagger UI, which needs inline code, gets its own
 *       policy under {@code /q/swagger-ui};</li>
 *   <li>{@code X-Content-Type-Options: nosniff}: a download (a CSV export) is never taken for a script or a page;</li>
 *   <li>{@code Referrer-Policy: same-origin}: addresses of the dashboard (a greenhouse's id) stay on this server;</li>
 *   <li>{@code Strict-Transport-Security}, only on an answer to a request that came over HTTPS (directly, or through
 *       a proxy that Quarkus' {@code quarkus.http.proxy.*} settings trust): over plain HTTP it would mean nothing,
 *       and a cloud served over plain HTTP must not tell browsers to insist on HTTPS.</li>
 * </ul>
 */
@ApplicationScoped
public class SecurityHeaders {
  /** The dashboard's policy: its own files only, for everything. */
  public static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
      + "connect-src 'self'; worker-src 'self'; manifest-src 'self'; object-src 'none'; base-uri 'none'; "
      + "form-action 'self'; frame-ancestors 'none'";
  /**
   * Swagger UI's page starts itself with an inline script and styles, and draws its icons from {@code data:}
   * images; it is still framed by nobody.
   */
  static final String SWAGGER_CSP = "default-src 'self'; script-src 'self' 'unsafe-inline'; "
      + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; "
      + "base-uri 'none'; frame-ancestors 'none'";
  /** A year, as browsers' preload lists ask; sent over HTTPS only. */
  static final String HSTS = "max-age=31536000";
  /** Before Quarkus' own filters, so that even an answer they end early carries the headers. */
  private static final int PRIORITY = 1000;

  void register(@Observes Filters filters) {
    filters.register(this::filter, PRIORITY);
  }

  private void filter(RoutingContext rc) {
    // Set as the headers go out, whichever handler ends the answer (a static file, a failure, a 404).
    rc.addHeadersEndHandler(v -> {
      MultiMap h = rc.response().headers();
      h.set("Content-Security-Policy", rc.normalizedPath().startsWith("/q/swagger-ui") ? SWAGGER_CSP : CSP);
      h.set("X-Content-Type-Options", "nosniff");
      h.set("Referrer-Policy", "same-origin");
      if ("https".equals(rc.request().scheme())) {
        h.set("Strict-Transport-Security", HSTS);
      }
    });
    rc.next();
  }
}
