package vn.farm.cloud.alert;

import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import vn.farm.cloud.alert.AlertStore.Alert;
import vn.farm.cloud.alert.ChannelStore.Delivery;
import vn.farm.cloud.greenhouse.GreenhouseStore.GreenhouseRow;
import vn.farm.cloud.live.LiveEvent;
import vn.farm.cloud.live.LiveFeed;
import vn.farm.cloud.people.AuditLog;
import vn.farm.cloud.people.Caller;
import vn.farm.cloud.people.Role;
import vn.farm.cloud.web.Access;
import vn.farm.cloud.web.ApiException;
import vn.farm.cloud.web.CurrentCaller;

/**
 * Alerts of the greenhouses a caller sees, newest first. Those who control a greenhouse acknowledge its alerts; an
 * alert of a one-off happening (a safety trip, a refused command) closes when acknowledged, one of a lasting
 * condition when the condition clears.
 */
@Path("/api/alerts")
@Produces(MediaType.APPLICATION_JSON)
public class AlertResource {
  private static final Set<String> CLOSED_BY_ACK =
      Set.of(RuleKind.SAFETY_TRIP.wireName(), RuleKind.REFUSED_COMMAND.wireName());

  @Inject
  AlertStore alerts;
  @Inject
  ChannelStore channels;
  @Inject
  AlertEngine engine;
  @Inject
  LiveFeed live;
  @Inject
  Access access;
  @Inject
  AuditLog audit;
  @Inject
  CurrentCaller current;
  @Inject
  Clock clock;

  /** A page of alerts; {@code next} is the {@code before} of the following page, or null at the end. */
  public record AlertPage(List<Alert> alerts, Long next) {}

  @GET
  @Authenticated
  public AlertPage list(@QueryParam("open") @DefaultValue("false") boolean openOnly,
      @QueryParam("greenhouseId") Long greenhouseId, @QueryParam("before") Long before,
      @QueryParam("limit") @DefaultValue("50") int limit) {
    Caller caller = current.get();
    if (limit < 1 || limit > 500) {
      throw ApiException.badField("limit", limit, "must be 1-500");
    }
    Access.Scope scope = access.scope(caller);
    String where = scope.where();
    Object[] params = scope.params();
    if (greenhouseId != null) {
      access.read(caller, greenhouseId);
      where = "(" + where + ") AND g.id = ?";
      params = java.util.Arrays.copyOf(params, params.length + 1);
      params[params.length - 1] = greenhouseId;
    }
    List<Alert> page = alerts.page(where, params, openOnly, before == null ? Long.MAX_VALUE : before, limit);
    return new AlertPage(page, page.size() < limit ? null : page.get(page.size() - 1).id());
  }

  /** Acknowledges an alert: the person has seen it. Answers the alert as it is after. */
  @POST
  @Path("{id}/ack")
  @RolesAllowed({Role.ADMIN_NAME, Role.MANAGER_NAME, Role.FARMER_NAME})
  public Alert acknowledge(@PathParam("id") long id) {
    Caller caller = current.get();
    Alert a = visible(caller, id);
    GreenhouseRow g = access.control(caller, a.greenhouseId());
    boolean first = alerts.acknowledge(id, caller.username(), clock.instant());
    if (first) {
      audit.record(caller.username(), "alert.ack", "alert " + id, a.textEn(), "done", g.cooperativeId());
    }
    if (a.open() && CLOSED_BY_ACK.contains(a.kind())) {
      alerts.close(id, "acknowledged", clock.instant()).ifPresent(engine::closed);
    }
    Alert after = alerts.find(id).orElseThrow();
    if (first && after.open() == a.open()) {
      live.publish(new LiveEvent("alert", after.deviceId(), after));
    }
    return after;
  }

  /** The messages sent, or tried, for an alert over the cooperative's channels: for its managers. */
  @GET
  @Path("{id}/deliveries")
  @RolesAllowed({Role.ADMIN_NAME, Role.MANAGER_NAME})
  public List<Delivery> deliveries(@PathParam("id") long id) {
    Caller caller = current.get();
    Alert a = visible(caller, id);
    access.manage(caller, a.greenhouseId());
    return channels.ofAlert(id);
  }

  private Alert visible(Caller caller, long id) {
    Alert a = alerts.find(id).orElseThrow(() -> ApiException.notFound("alert " + id));
    try {
      access.read(caller, a.greenhouseId());
    } catch (ApiException e) {
      throw ApiException.notFound("alert " + id);
    }
    return a;
  }
}
