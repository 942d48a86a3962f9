package vn.farm.cloud.alert;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import vn.farm.cloud.alert.AlertStore.Alert;
import vn.farm.cloud.alert.AlertStore.Rule;
import vn.farm.cloud.people.AuditLog;
import vn.farm.cloud.people.Caller;
import vn.farm.cloud.people.Role;
import vn.farm.cloud.web.Access;
import vn.farm.cloud.web.ApiException;
import vn.farm.cloud.web.Bodies;
import vn.farm.cloud.web.CurrentCaller;
import vn.farm.cloud.web.Fields;
import vn.farm.contract.Quantity;

/** A cooperative's alert rules: its manager (or an administrator) sets them up and switches them on and off. */
@Path("/api/alert-rules")
@Produces(MediaType.APPLICATION_JSON)
public class AlertRuleResource {
  @Inject
  AlertStore alerts;
  @Inject
  AlertEngine engine;
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

  /** A new rule as a request gives it; what each kind needs is checked in {@link #create}. */
  public record NewRule(Long cooperativeId, Long greenhouseId, String kind, Long forMinutes, String quantity,
      Double min, Double max,
      @Pattern(regexp = "info|warning|critical", message = "must be info, warning or critical") String severity) {}

  @GET
  @RolesAllowed({Role.ADMIN_NAME, Role.MANAGER_NAME})
  public List<Rule> list() {
    Caller caller = current.get();
    return alerts.rules(caller.role() == Role.ADMIN ? null : caller.cooperativeId());
  }

  /**
   * Body: {@code kind} (band, offline, sensor_fault, safety_trip, refused_command), {@code cooperativeId} (for
   * administrators; a manager's rules are their cooperative's), optional {@code greenhouseId}, {@code forMinutes}
   * (band and offline), {@code quantity} with {@code min} and/or {@code max} (band), {@code severity} (default
   * warning).
   */
  @POST
  @RolesAllowed({Role.ADMIN_NAME, Role.MANAGER_NAME})
  @Consumes(MediaType.APPLICATION_JSON)
  public Response create(NewRule body) {
    Caller caller = current.get();
    if (body == null) {
      throw ApiException.badField("(body)", null, "must be a JSON object");
    }
    long cooperativeId = access.cooperativeFor(caller, body.cooperativeId(), "alerts");
    Long greenhouseId = body.greenhouseId();
    if (greenhouseId != null && access.manage(caller, greenhouseId).cooperativeId() != cooperativeId) {
      throw ApiException.badField("greenhouseId", greenhouseId, "is not a greenhouse of cooperative "
          + cooperativeId);
    }
    bodies.valid(body);
    RuleKind kind;
    try {
      kind = RuleKind.of(body.kind());
    } catch (IllegalArgumentException e) {
      throw ApiException.badField("kind", body.kind(), e.getMessage());
    }
    Long forMinutes = body.forMinutes();
    long minutes = forMinutes == null ? 0 : forMinutes;
    if (minutes < 0 || minutes > 10_080 || kind == RuleKind.OFFLINE && minutes < 1) {
      throw ApiException.badField("forMinutes", forMinutes, kind == RuleKind.OFFLINE
          ? "say after how many minutes of silence (1-10080)" : "must be 0-10080 minutes");
    }
    String quantity = null;
    Double min = null;
    Double max = null;
    if (kind == RuleKind.BAND) {
      quantity = body.quantity();
      Quantity q;
      try {
        q = Quantity.ofWireName(quantity);
      } catch (IllegalArgumentException e) {
        throw ApiException.badField("quantity", quantity, "must be a quantity of the contract, e.g. "
            + "air_temperature, soil_moisture");
      }
      min = body.min();
      max = body.max();
      if (min == null && max == null) {
        throw ApiException.badField("min", null, "a band needs min, max or both");
      }
      if (min != null && max != null && min >= max) {
        throw ApiException.badField("max", max, "must be above min " + min);
      }
      for (Double v : new Double[] {min, max}) {
        if (v != null && (v < q.min() || v > q.max())) {
          throw ApiException.badField(v.equals(min) ? "min" : "max", v, "lies outside the physical range "
              + q.min() + ".." + q.max() + " " + q.unit());
        }
      }
    }
    String severity = body.severity() == null ? "warning" : body.severity();
    Rule rule = alerts.createRule(new Rule(0, cooperativeId, greenhouseId, kind, quantity, min, max, (int) minutes,
        severity, true), caller.username(), clock.instant());
    audit.record(caller.username(), "alert_rule.create", "alert rule " + rule.id(), describe(rule), "done",
        cooperativeId);
    return Response.created(URI.create("/api/alert-rules/" + rule.id())).entity(rule).build();
  }

  /** Body: {@code {"enabled": false}} switches a rule off and closes its open alerts; true switches it on. */
  @PATCH
  @Path("{id}")
  @RolesAllowed({Role.ADMIN_NAME, Role.MANAGER_NAME})
  @Consumes(MediaType.APPLICATION_JSON)
  public Rule enable(@PathParam("id") long id, JsonNode json) {
    Caller caller = current.get();
    Rule rule = alerts.rule(id).orElseThrow(() -> ApiException.notFound("alert rule " + id));
    access.manageCooperative(caller, rule.cooperativeId());
    boolean enabled = Fields.flag(Fields.object(json), "enabled");
    alerts.enable(id, enabled);
    if (!enabled) {
      for (Alert a : alerts.openOf(id)) {
        alerts.close(a.id(), "rule_disabled", clock.instant()).ifPresent(engine::closed);
      }
    }
    audit.record(caller.username(), "alert_rule." + (enabled ? "enable" : "disable"), "alert rule " + id,
        describe(rule), "done", rule.cooperativeId());
    return alerts.rule(id).orElseThrow();
  }

  static String describe(Rule r) {
    return r.kind().wireName() + (r.quantity() == null ? "" : " " + r.quantity() + " " + r.min() + ".." + r.max())
        + (r.forMinutes() > 0 ? " for " + r.forMinutes() + " min" : "")
        + (r.greenhouseId() == null ? "" : ", greenhouse " + r.greenhouseId()) + ", " + r.severity();
  }
}
