package vn.farm.cloud.people;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import vn.farm.cloud.db.StoreException;
import vn.farm.cloud.greenhouse.GreenhouseStore.GreenhouseRow;
import vn.farm.cloud.people.UserStore.NewUser;
import vn.farm.cloud.people.UserStore.UserRow;
import vn.farm.cloud.web.Access;
import vn.farm.cloud.web.ApiException;
import vn.farm.cloud.web.Bodies;
import vn.farm.cloud.web.CurrentCaller;
import vn.farm.cloud.web.Fields;

/**
 * People: administrators manage everyone; a manager sees the people of their own cooperative and changes only its
 * farmers (their password, role, disabling, and which of its greenhouses each controls), never another manager.
 * Every change is audited; disabling someone or resetting their password ends their sessions.
 */
@Path("/api/users")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.ADMIN_NAME, Role.MANAGER_NAME})
public class UserResource {
  private static final String USERNAME_RULE =
      "3-64 lowercase letters, digits, '.', '_' or '-', starting with a letter or digit";

  @Inject
  UserStore users;
  @Inject
  SessionStore sessions;
  @Inject
  CooperativeStore cooperatives;
  @Inject
  Access access;
  @Inject
  AuditLog audit;
  @Inject
  CurrentCaller current;
  @Inject
  Bodies bodies;
  @Inject
  Clock clock;

  /** A person as the API shows them: never their password hash. */
  public record UserView(long id, String username, String phone, String displayName, String role,
      Long cooperativeId, String province, String district, boolean disabled, Instant lockedUntil,
      List<Long> greenhouseIds) {}

  /** A page of people, and the id to pass as {@code after} for the next one (null at the end). */
  public record UserPage(List<UserView> users, Long next) {}

  /** Body of a new person. Managers may only add farmers, to their own cooperative. */
  public record NewUserBody(
      @NotNull(message = USERNAME_RULE) @Pattern(regexp = "[a-z0-9][a-z0-9._-]{2,63}",
          message = USERNAME_RULE) String username,
      @Pattern(regexp = "\\+?[0-9]{9,15}", message = "9-15 digits, optionally starting with +") String phone,
      @NotBlank(message = "must be 1-120 characters") @Size(max = 120,
          message = "must be 1-120 characters") String displayName,
      String password, String role, Long cooperativeId, String province, String district) {}

  /** Changes to a person; absent fields stay as they are. */
  public record UserChange(String role, Long cooperativeId, String province, String district, Boolean disabled,
      String password) {}

  @GET
  public UserPage list(@QueryParam("after") @DefaultValue("0") long after,
      @QueryParam("limit") @DefaultValue("50") int limit) {
    if (limit < 1 || limit > 200) {
      throw ApiException.badField("limit", limit, "must be 1-200");
    }
    Caller caller = current.get();
    List<UserRow> rows = users.page(caller.role() == Role.ADMIN ? null : caller.cooperativeId(), after, limit + 1);
    boolean more = rows.size() > limit;
    List<UserView> page = rows.stream().limit(limit).map(this::view).toList();
    return new UserPage(page, more ? page.get(page.size() - 1).id() : null);
  }

  @GET
  @Path("{id}")
  public UserView get(@PathParam("id") long id) {
    return view(visible(current.get(), id));
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response create(NewUserBody body) {
    Caller caller = current.get();
    if (body == null) {
      throw ApiException.badField("username", null, USERNAME_RULE);
    }
    bodies.valid(body);
    String displayName = body.displayName().strip();
    String problem = Passwords.problem(body.password());
    if (problem != null) {
      throw ApiException.badField("password", "…", problem);
    }
    Role role = role(body.role());
    Scope scope = scope(caller, role, body.cooperativeId(), body.province(), body.district());
    UserRow row;
    try {
      row = users.create(new NewUser(body.username(), body.phone(), displayName, Passwords.hash(body.password()),
          role, scope.cooperativeId(), scope.province(), scope.district()), clock.instant());
    } catch (StoreException e) {
      if (e.isUniqueViolation()) {
        throw ApiException.conflict("username", "the username or phone number is already taken");
      }
      throw e;
    }
    audit.record(caller.username(), "user.create", "user " + row.username(), "role " + role.wireName(), "done",
        row.cooperativeId());
    return Response.created(URI.create("/api/users/" + row.id())).entity(view(row)).build();
  }

  @PATCH
  @Path("{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  public UserView change(@PathParam("id") long id, UserChange body) {
    Caller caller = current.get();
    UserRow user = changeable(caller, id);
    if (body == null) {
      throw ApiException.badField("role", null, "say what to change");
    }
    if (user.id() == caller.userId() && (body.role() != null || Boolean.TRUE.equals(body.disabled()))) {
      throw ApiException.forbidden("nobody changes their own role or disables themselves");
    }
    if (body.role() != null || body.cooperativeId() != null || body.province() != null || body.district() != null) {
      Role role = body.role() == null ? user.role() : role(body.role());
      Scope scope = scope(caller, role, body.cooperativeId() != null ? body.cooperativeId() : user.cooperativeId(),
          body.province() != null ? body.province() : user.province(),
          body.district() != null ? body.district() : user.district());
      users.setRole(id, role, scope.cooperativeId(), scope.province(), scope.district());
      sessions.deleteAllOf(id, null);
      audit.record(caller.username(), "user.role", "user " + user.username(), user.role().wireName() + " → "
          + role.wireName() + (scope.cooperativeId() == null ? "" : ", cooperative " + scope.cooperativeId())
          + (scope.province() == null ? "" : ", " + scope.province()), "done", scope.cooperativeId());
    }
    if (body.password() != null) {
      String problem = Passwords.problem(body.password());
      if (problem != null) {
        throw ApiException.badField("password", "…", problem);
      }
      users.setPassword(id, Passwords.hash(body.password()));
      sessions.deleteAllOf(id, null);
      audit.record(caller.username(), "user.password-reset", "user " + user.username(), null, "done",
          user.cooperativeId());
    }
    if (body.disabled() != null && body.disabled() != user.disabled()) {
      users.setDisabled(id, body.disabled());
      if (body.disabled()) {
        sessions.deleteAllOf(id, null);
      }
      audit.record(caller.username(), body.disabled() ? "user.disable" : "user.enable", "user " + user.username(),
          null, "done", user.cooperativeId());
    }
    return view(users.find(id).orElseThrow());
  }

  @PUT
  @Path("{id}/greenhouses/{greenhouseId}")
  public UserView assign(@PathParam("id") long id, @PathParam("greenhouseId") long greenhouseId) {
    Caller caller = current.get();
    UserRow user = changeable(caller, id);
    GreenhouseRow g = access.manage(caller, greenhouseId);
    if (user.role() != Role.FARMER || user.cooperativeId() == null || user.cooperativeId() != g.cooperativeId()) {
      throw ApiException.badField("greenhouseId", greenhouseId,
          "only farmers of the greenhouse's own cooperative are assigned greenhouses");
    }
    if (users.assign(id, greenhouseId)) {
      audit.record(caller.username(), "user.assign", "user " + user.username(), "greenhouse " + greenhouseId,
          "done", g.cooperativeId());
    }
    return view(users.find(id).orElseThrow());
  }

  @DELETE
  @Path("{id}/greenhouses/{greenhouseId}")
  public UserView unassign(@PathParam("id") long id, @PathParam("greenhouseId") long greenhouseId) {
    Caller caller = current.get();
    UserRow user = changeable(caller, id);
    GreenhouseRow g = access.manage(caller, greenhouseId);
    if (users.unassign(id, greenhouseId)) {
      audit.record(caller.username(), "user.unassign", "user " + user.username(), "greenhouse " + greenhouseId,
          "done", g.cooperativeId());
    }
    return view(users.find(id).orElseThrow());
  }

  private record Scope(Long cooperativeId, String province, String district) {}

  /** Checks the scope a role needs and that the caller may grant it. */
  private Scope scope(Caller caller, Role role, Long cooperativeId, String province, String district) {
    if (caller.role() == Role.MANAGER) {
      if (role != Role.FARMER) {
        throw ApiException.forbidden("a manager adds and changes farmers only");
      }
      if (cooperativeId != null && !cooperativeId.equals(caller.cooperativeId())) {
        throw ApiException.badField("cooperativeId", cooperativeId, "a manager manages their own cooperative");
      }
      return new Scope(caller.cooperativeId(), null, null);
    }
    return switch (role) {
      case ADMIN -> new Scope(null, null, null);
      case MANAGER, FARMER -> {
        if (cooperativeId == null || cooperatives.find(cooperativeId).isEmpty()) {
          throw ApiException.badField("cooperativeId", cooperativeId, "a " + role.wireName()
              + " belongs to an existing cooperative");
        }
        yield new Scope(cooperativeId, null, null);
      }
      case OFFICER -> new Scope(null, Fields.text("province", province, 120),
          Fields.optionalText("district", district, 120));
    };
  }

  /** Returns a person the caller sees: anyone for admins, their cooperative's people for managers, else 404. */
  private UserRow visible(Caller caller, long id) {
    UserRow user = users.find(id).orElseThrow(() -> ApiException.notFound("user " + id));
    if (caller.role() == Role.MANAGER && !caller.cooperativeId().equals(user.cooperativeId())) {
      throw ApiException.notFound("user " + id);
    }
    return user;
  }

  /**
   * Returns a person the caller may change: anyone for admins; for managers a farmer of their cooperative, 403 for
   * its other people (a manager resetting another manager's password would take over their account), else 404.
   */
  private UserRow changeable(Caller caller, long id) {
    UserRow user = visible(caller, id);
    if (caller.role() == Role.MANAGER && user.role() != Role.FARMER) {
      throw ApiException.forbidden("a manager changes the farmers of their own cooperative only");
    }
    return user;
  }

  private static Role role(String name) {
    try {
      return Role.of(name);
    } catch (IllegalArgumentException e) {
      throw ApiException.badField("role", name, "must be admin, manager, farmer or officer");
    }
  }

  private UserView view(UserRow u) {
    Instant now = clock.instant();
    return new UserView(u.id(), u.username(), u.phone(), u.displayName(), u.role().wireName(), u.cooperativeId(),
        u.province(), u.district(), u.disabled(),
        u.lockedUntil() != null && u.lockedUntil().isAfter(now) ? u.lockedUntil() : null,
        u.role() == Role.FARMER ? users.greenhousesOf(u.id()) : List.of());
  }
}
