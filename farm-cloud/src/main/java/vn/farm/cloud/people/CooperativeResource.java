package vn.farm.cloud.people;

import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import vn.farm.cloud.alert.AlertStore;
import vn.farm.cloud.alert.AlertStore.Rule;
import vn.farm.cloud.alert.RuleKind;
import vn.farm.cloud.people.CooperativeStore.CooperativeRow;
import vn.farm.cloud.people.CooperativeStore.FarmRow;
import vn.farm.cloud.web.Access;
import vn.farm.cloud.web.ApiException;
import vn.farm.cloud.web.Bodies;
import vn.farm.cloud.web.CurrentCaller;
import vn.farm.cloud.web.Fields;

/**
 * Cooperatives (HTX) and their member farms. Administrators see and add cooperatives; officers see those of their
 * region; managers and farmers see their own.
 */
@Path("/api/cooperatives")
@Produces(MediaType.APPLICATION_JSON)
public class CooperativeResource {
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
  AlertStore alerts;
  @Inject
  Clock clock;

  /**
   * The alert rules every new cooperative starts with: what needs a person whatever the crop. Bands depend on the
   * crop and are the manager's to set.
   */
  static final List<Rule> DEFAULT_RULES = List.of(
      new Rule(0, 0, null, RuleKind.OFFLINE, null, null, null, 15, "critical", true),
      new Rule(0, 0, null, RuleKind.SENSOR_FAULT, null, null, null, 0, "warning", true),
      new Rule(0, 0, null, RuleKind.SAFETY_TRIP, null, null, null, 0, "critical", true),
      new Rule(0, 0, null, RuleKind.REFUSED_COMMAND, null, null, null, 0, "warning", true));

  /** Body of a new cooperative; {@code district} is optional. */
  public record NewCooperative(
      @NotBlank(message = "must be 1-160 characters") @Size(max = 160,
          message = "must be 1-160 characters") String name,
      @NotBlank(message = "must be 1-120 characters") @Size(max = 120,
          message = "must be 1-120 characters") String province,
      @Size(max = 120, message = "must be 1-120 characters") String district) {}

  /** Body of a new member farm. */
  public record NewFarm(
      @NotBlank(message = "must be 1-160 characters") @Size(max = 160,
          message = "must be 1-160 characters") String name) {}

  @GET
  @Authenticated
  public List<CooperativeRow> list() {
    Caller caller = current.get();
    return switch (caller.role()) {
      case ADMIN -> cooperatives.all();
      case OFFICER -> cooperatives.inRegion(caller.province(), caller.district());
      case MANAGER, FARMER -> cooperatives.find(caller.cooperativeId()).stream().toList();
    };
  }

  @POST
  @RolesAllowed(Role.ADMIN_NAME)
  @Consumes(MediaType.APPLICATION_JSON)
  public Response create(NewCooperative body) {
    Caller caller = current.get();
    if (body == null) {
      throw ApiException.badField("name", null, "must be 1-160 characters");
    }
    bodies.valid(body);
    String name = body.name().strip();
    String province = body.province().strip();
    String district = Fields.stripped(body.district());
    CooperativeRow row = cooperatives.create(name, province, district, clock.instant());
    audit.record(caller.username(), "cooperative.create", "cooperative " + row.id(), name, "done", row.id());
    for (Rule rule : DEFAULT_RULES) {
      alerts.createRule(new Rule(0, row.id(), null, rule.kind(), null, null, null, rule.forMinutes(),
          rule.severity(), true), caller.username(), clock.instant());
    }
    return Response.created(URI.create("/api/cooperatives/" + row.id())).entity(row).build();
  }

  @GET
  @Path("{id}/farms")
  @Authenticated
  public List<FarmRow> farms(@PathParam("id") long id) {
    if (list().stream().noneMatch(c -> c.id() == id)) {
      throw ApiException.notFound("cooperative " + id);
    }
    return cooperatives.farms(id);
  }

  @POST
  @Path("{id}/farms")
  @RolesAllowed({Role.ADMIN_NAME, Role.MANAGER_NAME})
  @Consumes(MediaType.APPLICATION_JSON)
  public Response addFarm(@PathParam("id") long id, NewFarm body) {
    Caller caller = current.get();
    access.manageCooperative(caller, id);
    if (cooperatives.find(id).isEmpty()) {
      throw ApiException.notFound("cooperative " + id);
    }
    if (body == null) {
      throw ApiException.badField("name", null, "must be 1-160 characters");
    }
    String name = bodies.valid(body).name().strip();
    FarmRow farm = cooperatives.addFarm(id, name, clock.instant());
    audit.record(caller.username(), "farm.create", "farm " + farm.id(), name, "done", id);
    return Response.status(201).entity(farm).build();
  }
}
