package vn.farm.cloud.device;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import vn.farm.cloud.broker.DeviceCredentials;
import vn.farm.cloud.broker.EmbeddedBroker;
import vn.farm.cloud.device.DeviceStore.DeviceRow;
import vn.farm.cloud.greenhouse.GreenhouseStore;
import vn.farm.cloud.greenhouse.GreenhouseStore.GreenhouseRow;
import vn.farm.cloud.people.AuditLog;
import vn.farm.cloud.people.Caller;
import vn.farm.cloud.people.Role;
import vn.farm.cloud.web.Access;
import vn.farm.cloud.web.ApiException;
import vn.farm.cloud.web.CurrentCaller;
import vn.farm.contract.DeviceId;

/**
 * Enrolling a controller: its MQTT credentials are issued here, shown once and kept only as a hash; issuing again
 * replaces them, and revoking disconnects the device from the embedded broker and keeps it out. Administrators
 * and the manager of the greenhouse's cooperative may do this.
 */
@Path("/api/devices/{deviceId}/credentials")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.ADMIN_NAME, Role.MANAGER_NAME})
public class DeviceCredentialsResource {
  @Inject
  vn.farm.cloud.broker.BrokerLogins logins;
  @Inject
  DeviceCredentials credentials;
  @Inject
  DeviceStore devices;
  @Inject
  GreenhouseStore greenhouses;
  @Inject
  EmbeddedBroker broker;
  @Inject
  Access access;
  @Inject
  AuditLog audit;
  @Inject
  CurrentCaller current;
  @Inject
  Clock clock;

  /**
   * Optional body: the greenhouse the controller serves, for a controller not yet serving one. A greenhouse may have
   * several controllers; enrolling one more adds it.
   */
  public record Enrolment(Long greenhouseId) {}

  /**
   * What the controller is set up with: {@code username} and {@code clientId} are its device id; {@code password}
   * is shown this once and cannot be read again.
   */
  public record Issued(String deviceId, String username, String clientId, String password, String topics,
      long greenhouseId, Instant issuedAt) {}

  /** Where a device's credentials stand; never the secret. */
  public record Status(String deviceId, boolean enrolled, boolean active, Instant issuedAt, String issuedBy,
      Instant revokedAt) {}

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response issue(@PathParam("deviceId") String deviceId, Enrolment body) {
    Caller caller = current.get();
    if (!DeviceId.isValid(deviceId)) {
      throw ApiException.badField("deviceId", deviceId, "lowercase letters, digits and '-', at most 64");
    }
    if (logins.isReserved(deviceId)) {
      throw ApiException.badField("deviceId", deviceId, "is the broker login of the cloud or the observer; give the "
          + "controller another id");
    }
    GreenhouseRow g = greenhouseFor(caller, deviceId, body == null ? null : body.greenhouseId());
    boolean again = credentials.find(deviceId).isPresent();
    String secret = credentials.issue(deviceId, caller.username());
    if (again) {
      broker.disconnect(deviceId);
    }
    audit.record(caller.username(), again ? "device.credentials" : "device.enrol", "device " + deviceId,
        "greenhouse " + g.id() + (again ? ", earlier credentials replaced" : ""), "done", g.cooperativeId());
    return Response.status(201).entity(new Issued(deviceId, deviceId, deviceId, secret, "farm/v1/" + deviceId
        + "/#", g.id(), credentials.find(deviceId).orElseThrow().issuedAt())).build();
  }

  @GET
  public Status get(@PathParam("deviceId") String deviceId) {
    access.device(current.get(), deviceId, false);
    return credentials.find(deviceId).map(c -> new Status(deviceId, true, c.active(), c.issuedAt(), c.issuedBy(),
        c.revokedAt())).orElse(new Status(deviceId, false, false, null, null, null));
  }

  @DELETE
  public Response revoke(@PathParam("deviceId") String deviceId) {
    Caller caller = current.get();
    DeviceRow d = access.device(caller, deviceId, false);
    Long coop = null;
    if (d.greenhouseId() != null) {
      coop = access.manage(caller, d.greenhouseId()).cooperativeId();
    }
    boolean revoked = credentials.revoke(deviceId);
    broker.disconnect(deviceId);
    audit.record(caller.username(), "device.revoke", "device " + deviceId, null, revoked ? "done"
        : "had no live credentials", coop);
    return Response.noContent().build();
  }

  /** Returns the greenhouse the device serves or will serve, checking the caller manages it. */
  private GreenhouseRow greenhouseFor(Caller caller, String deviceId, Long asked) {
    Long serving = devices.find(deviceId).map(DeviceRow::greenhouseId).orElse(null);
    if (serving != null) {
      if (asked != null && !asked.equals(serving)) {
        throw ApiException.conflict("greenhouseId", "device " + deviceId + " already serves greenhouse " + serving);
      }
      try {
        return access.manage(caller, serving);
      } catch (ApiException e) {
        throw e.status() == 404 ? ApiException.notFound("device " + deviceId) : e;
      }
    }
    if (asked == null) {
      throw ApiException.badField("greenhouseId", null, "name the greenhouse this controller serves");
    }
    GreenhouseRow g = access.manage(caller, asked);
    greenhouses.attach(g.id(), deviceId, clock.instant());
    return greenhouses.find(g.id()).orElseThrow();
  }
}
