package vn.farm.cloud.people;

import io.quarkus.security.Authenticated;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import vn.farm.cloud.FarmConfig;
import vn.farm.cloud.people.LoginGuard.Attempt;
import vn.farm.cloud.people.UserStore.UserRow;
import vn.farm.cloud.security.SessionMechanism;
import vn.farm.cloud.web.ApiException;
import vn.farm.cloud.web.Bodies;
import vn.farm.cloud.web.CurrentCaller;

/**
 * Logging in and out, and changing one's own password. A login answers the same way for an unknown name and a
 * wrong password. Every attempt is counted before its password is checked ({@link LoginGuard}): by source address,
 * and by account, or, from a browser holding the person's device cookie ({@value #DEVICE_COOKIE}), by that device;
 * {@code farm.auth.max-failures} wrong passwords in a row lock the account (or the device) for
 * {@code farm.auth.lockout}.
 */
@Path("/api/session")
@Produces(MediaType.APPLICATION_JSON)
public class SessionResource {
  /**
   * The device cookie: HttpOnly, sent only to {@code /api/session} and only by the cloud's own pages
   * (SameSite=Strict); it lets its browser log in past a lock of its person's account, under a limit of its own.
   */
  public static final String DEVICE_COOKIE = "farm_device";

  @Inject
  UserStore users;
  @Inject
  SessionStore sessions;
  @Inject
  CooperativeStore cooperatives;
  @Inject
  LoginGuard guard;
  @Inject
  AuditLog audit;
  @Inject
  FarmConfig config;
  @Inject
  CurrentCaller current;
  @Inject
  Bodies bodies;

  /** Login by username or phone number. */
  public record Login(@NotBlank(message = "give a username or phone number") String login,
      @NotEmpty(message = "give the password") String password) {}

  /** A password change: the current one proves it is really the person. */
  public record PasswordChange(String currentPassword, String newPassword) {}

  /**
   * The person logged in. {@code token} is set only in the answer to a login, for clients that send
   * {@code Authorization: Bearer}; browsers use the HttpOnly cookie instead. {@code timezone} is the farm's
   * ({@code farm.timezone}), in which the dashboard shows times and counts days.
   */
  public record Me(long id, String username, String displayName, String role, Long cooperativeId,
      String cooperativeName, String province, String district, String token, String timezone) {}

  @POST
  @PermitAll
  @Consumes(MediaType.APPLICATION_JSON)
  public Response login(Login body, @Context HttpHeaders headers, @Context HttpServerRequest request) {
    if (body == null) {
      throw ApiException.badField("login", null, "give a username or phone number");
    }
    bodies.valid(body);
    String login = body.login().strip();
    UserRow user = users.findByLogin(login).orElse(null);
    String device = deviceToken(headers);
    String address = request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
    Attempt attempt = guard.login(address, user, device);
    String known = device == null ? null : attempt.fromKnownDevice() ? "from a known device" : "device cookie not "
        + "this person's";
    if (attempt.refused()) {
      throw refusal("login", attempt, login, known);
    }
    boolean ok = Passwords.matches(body.password(), user == null ? null : user.passwordHash());
    if (!ok || user.disabled()) {
      if (user != null && !ok) {
        audit.record(user.username(), "login", "user " + user.username(), known,
            attempt.locksOnFailure() ? "failed, locked" : "failed", user.cooperativeId());
      } else {
        audit.record(login, "login", null, user == null ? "unknown login" : "account disabled", "failed",
            user == null ? null : user.cooperativeId());
      }
      throw new ApiException(401, "wrong_login", "wrong login or password", null);
    }
    String keep = guard.succeeded(attempt, device, true).orElseThrow();
    String token = sessions.create(user.id());
    audit.record(user.username(), "login", "user " + user.username(), known, "done", user.cooperativeId());
    return Response.ok(me(user.caller(), user.displayName(), token))
        .cookie(cookie(token, config.auth().sessionIdle()), deviceCookie(keep, config.auth().deviceLifetime()))
        .build();
  }

  /** Returns the answer to a refused attempt, and records it as {@code action}. */
  private ApiException refusal(String action, Attempt a, String login, String known) {
    long minutes = (a.retryAfterS() + 59) / 60;
    if (a.refusedBy() == LoginGuard.Limit.ADDRESS) {
      audit.record(login, action, a.user() == null ? null : "user " + a.user().username(), "address "
          + a.address(), "throttled", a.user() == null ? null : a.user().cooperativeId());
      return new ApiException(429, "throttled", "too many failed logins from this address; try again in "
          + minutes + " min", null).retryAfter(a.retryAfterS());
    }
    UserRow user = a.user();
    audit.record(user.username(), action, "user " + user.username(), known, "locked", user.cooperativeId());
    return new ApiException(429, "locked", "too many failed logins; try again in " + minutes + " min", null)
        .retryAfter(a.retryAfterS());
  }

  @GET
  @Authenticated
  public Me get() {
    Caller caller = current.get();
    UserRow user = users.find(caller.userId()).orElseThrow();
    return me(caller, user.displayName(), null);
  }

  @DELETE
  @Authenticated
  public Response logout(@Context HttpHeaders headers) {
    Caller caller = current.get();
    String token = token(headers);
    if (token != null) {
      sessions.delete(token);
    }
    audit.record(caller.username(), "logout", "user " + caller.username(), null, "done", caller.cooperativeId());
    return Response.noContent().cookie(cookie("", Duration.ZERO)).build();
  }

  @POST
  @Path("password")
  @Authenticated
  @Consumes(MediaType.APPLICATION_JSON)
  public Response changePassword(PasswordChange body, @Context HttpHeaders headers) {
    Caller caller = current.get();
    UserRow user = users.find(caller.userId()).orElseThrow();
    // Counted as a login: a stolen session must not become a way to guess the password.
    String device = deviceToken(headers);
    Attempt attempt = guard.passwordCheck(user, device);
    if (attempt.refused()) {
      throw refusal("password.change", attempt, user.username(), attempt.fromKnownDevice() ? "from a known device"
          : null);
    }
    if (body == null || body.currentPassword() == null
        || !Passwords.matches(body.currentPassword(), user.passwordHash())) {
      audit.record(user.username(), "password.change", "user " + user.username(), null, "wrong current password",
          user.cooperativeId());
      throw ApiException.badField("currentPassword", "…", "is not your current password");
    }
    guard.succeeded(attempt, device, false);
    String problem = Passwords.problem(body.newPassword());
    if (problem != null) {
      throw ApiException.badField("newPassword", "…", problem);
    }
    users.setPassword(user.id(), Passwords.hash(body.newPassword()));
    int ended = sessions.deleteAllOf(user.id(), token(headers));
    audit.record(user.username(), "password.change", "user " + user.username(), ended + " other sessions ended",
        "done", user.cooperativeId());
    return Response.noContent().build();
  }

  private Me me(Caller c, String displayName, String token) {
    String coopName = c.cooperativeId() == null ? null
        : cooperatives.find(c.cooperativeId()).map(CooperativeStore.CooperativeRow::name).orElse(null);
    return new Me(c.userId(), c.username(), displayName, c.role().wireName(), c.cooperativeId(), coopName,
        c.province(), c.district(), token, config.timezone().getId());
  }

  private NewCookie cookie(String value, Duration maxAge) {
    return new NewCookie.Builder(SessionMechanism.COOKIE).value(value).path("/").httpOnly(true)
        .secure(config.auth().secureCookie()).sameSite(NewCookie.SameSite.LAX).maxAge((int) maxAge.toSeconds())
        .build();
  }

  private NewCookie deviceCookie(String value, Duration maxAge) {
    return new NewCookie.Builder(DEVICE_COOKIE).value(value).path("/api/session").httpOnly(true)
        .secure(config.auth().secureCookie()).sameSite(NewCookie.SameSite.STRICT)
        .maxAge((int) Math.min(Integer.MAX_VALUE, maxAge.toSeconds())).build();
  }

  private static String deviceToken(HttpHeaders headers) {
    var cookie = headers.getCookies().get(DEVICE_COOKIE);
    return cookie == null || cookie.getValue().isBlank() ? null : cookie.getValue();
  }

  /** Returns the token the request came with, from the header or the cookie. */
  static String token(HttpHeaders headers) {
    var cookie = headers.getCookies().get(SessionMechanism.COOKIE);
    return SessionMechanism.token(headers.getHeaderString(HttpHeaders.AUTHORIZATION),
        cookie == null ? null : cookie.getValue());
  }
}
