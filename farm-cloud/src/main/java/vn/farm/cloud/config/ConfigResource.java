package vn.farm.cloud.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import vn.farm.cloud.config.ConfigService.Desired;
import vn.farm.cloud.device.DeviceStore.DeviceRow;
import vn.farm.cloud.people.AuditLog;
import vn.farm.cloud.people.Caller;
import vn.farm.cloud.people.Role;
import vn.farm.cloud.web.Access;
import vn.farm.cloud.web.ApiException;
import vn.farm.cloud.web.CurrentCaller;
import vn.farm.contract.ContractViolation;

/**
 * A device's rules and safety limits (docs/control.md): the version set here beside the version the device says
 * it runs. Everyone who sees the device reads it; administrators and the cooperative's manager change it.
 */
@Path("/api/devices/{deviceId}/config")
@Produces(MediaType.APPLICATION_JSON)
public class ConfigResource {
  @Inject
  ConfigService configs;
  @Inject
  Access access;
  @Inject
  AuditLog audit;
  @Inject
  CurrentCaller current;

  /**
   * The configuration: {@code desiredVersion} was set through the API, {@code reportedVersion} is what the device
   * last said it runs; {@code inSync} when they are equal. {@code published} is false while the broker was away.
   */
  public record ConfigView(String deviceId, Long desiredVersion, Long reportedVersion, boolean inSync,
      boolean published, Instant setAt, String setBy, JsonNode config) {}

  @GET
  @Authenticated
  public ConfigView get(@PathParam("deviceId") String deviceId) {
    return view(access.device(current.get(), deviceId, false));
  }

  /**
   * Sets the configuration as the next version; 409 on {@code version} when someone else set it at the same moment,
   * so that two people's configurations are never sent under one number.
   */
  @PUT
  @RolesAllowed({Role.ADMIN_NAME, Role.MANAGER_NAME})
  @Consumes(MediaType.APPLICATION_JSON)
  public ConfigView set(@PathParam("deviceId") String deviceId, JsonNode body) {
    Caller caller = current.get();
    DeviceRow device = access.device(caller, deviceId, false);
    Long coop = device.greenhouseId() == null ? null : access.manage(caller, device.greenhouseId()).cooperativeId();
    if (!(body instanceof ObjectNode config)) {
      throw ApiException.badField("(body)", null, "send the configuration as a JSON object (docs/control.md)");
    }
    Desired d;
    try {
      d = configs.set(deviceId, config, device.configVersion(), caller.username()).orElseThrow(() -> ApiException
          .conflict("version", "the configuration of device " + deviceId + " was set by someone else at the same "
              + "moment; reload it and send yours again"));
    } catch (ContractViolation e) {
      throw new ApiException(400, "invalid_field", e.getMessage(), e.field());
    }
    audit.record(caller.username(), "config.push", "device " + deviceId, "version " + d.version(),
        d.published() ? "sent" : "stored, broker unreachable", coop);
    return view(access.device(caller, deviceId, false));
  }

  private ConfigView view(DeviceRow device) {
    Desired d = configs.find(device.deviceId()).orElse(null);
    Long desired = d == null ? null : d.version();
    return new ConfigView(device.deviceId(), desired, device.configVersion(),
        desired != null && desired.equals(device.configVersion()), d != null && d.published(),
        d == null ? null : d.setAt(), d == null ? null : d.setBy(), d == null ? null : d.config());
  }
}
