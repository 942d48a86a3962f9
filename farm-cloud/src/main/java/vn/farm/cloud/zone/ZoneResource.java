package vn.farm.cloud.zone;

import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import vn.farm.cloud.cropcycle.CropCycleStore;
import vn.farm.cloud.db.StoreException;
import vn.farm.cloud.greenhouse.GreenhouseStore.GreenhouseRow;
import vn.farm.cloud.people.AuditLog;
import vn.farm.cloud.people.Caller;
import vn.farm.cloud.people.Role;
import vn.farm.cloud.web.Access;
import vn.farm.cloud.web.ApiException;
import vn.farm.cloud.web.Bodies;
import vn.farm.cloud.web.CurrentCaller;
import vn.farm.cloud.web.Fields;
import vn.farm.cloud.zone.ZoneStore.ZoneRow;

/**
 * Zones of a greenhouse (a bay, a bed, an irrigation line), the controller that serves each, and which of that
 * controller's inputs and outputs lie in each. Whoever sees the greenhouse reads them; its cooperative's manager and
 * administrators change them.
 */
@Path("/api/greenhouses/{greenhouseId}/zones")
@Produces(MediaType.APPLICATION_JSON)
public class ZoneResource {
  @Inject
  ZoneStore zones;
  @Inject
  CropCycleStore cycles;
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

  /**
   * A zone as a request gives it: {@code deviceId} is optional when the greenhouse has one controller, and the
   * inputs and outputs are that controller's channel ids.
   */
  public record ZoneBody(
      @NotBlank(message = "must be 1-120 characters") @Size(max = 120,
          message = "must be 1-120 characters") String name,
      @DecimalMin(value = "0", inclusive = false, message = Fields.AREA) @DecimalMax(value = "1000000",
          message = Fields.AREA) Double areaM2,
      String deviceId,
      List<@NotNull(message = Fields.CHANNELS) @Pattern(regexp = Fields.CHANNEL_ID,
          message = Fields.CHANNELS) String> inputs,
      List<@NotNull(message = Fields.CHANNELS) @Pattern(regexp = Fields.CHANNEL_ID,
          message = Fields.CHANNELS) String> outputs) {}

  /** What a zone body holds, checked against the greenhouse and its other zones. */
  private record Checked(String name, Double areaM2, String deviceId, List<String> inputs, List<String> outputs) {}

  @GET
  @Authenticated
  public List<ZoneRow> list(@PathParam("greenhouseId") long greenhouseId) {
    access.read(current.get(), greenhouseId);
    return zones.of(greenhouseId);
  }

  /**
   * Body: {@code name}, optional {@code areaM2}, {@code deviceId} (the controller serving the zone: optional when
   * the greenhouse has one), {@code inputs} and {@code outputs} (that controller's channel ids).
   */
  @POST
  @RolesAllowed({Role.ADMIN_NAME, Role.MANAGER_NAME})
  @Consumes(MediaType.APPLICATION_JSON)
  public Response create(@PathParam("greenhouseId") long greenhouseId, ZoneBody body) {
    Caller caller = current.get();
    GreenhouseRow g = access.manage(caller, greenhouseId);
    Checked z = check(body, g, null);
    ZoneRow zone = store(() -> zones.create(g.id(), z.name(), z.areaM2(), z.deviceId(), z.inputs(), z.outputs(),
        clock.instant()));
    audit.record(caller.username(), "zone.create", "greenhouse " + g.id() + " zone " + zone.id(), describe(zone),
        "done", g.cooperativeId());
    return Response.created(URI.create("/api/greenhouses/" + g.id() + "/zones/" + zone.id())).entity(zone).build();
  }

  /** Replaces a zone's name, area and channels with the body's. */
  @PUT
  @Path("{zoneId}")
  @RolesAllowed({Role.ADMIN_NAME, Role.MANAGER_NAME})
  @Consumes(MediaType.APPLICATION_JSON)
  public ZoneRow replace(@PathParam("greenhouseId") long greenhouseId, @PathParam("zoneId") long zoneId,
      ZoneBody body) {
    Caller caller = current.get();
    GreenhouseRow g = access.manage(caller, greenhouseId);
    ZoneRow zone = zones.find(g.id(), zoneId).orElseThrow(() -> ApiException.notFound("zone " + zoneId));
    Checked z = check(body, g, zone);
    ZoneRow changed = store(() -> zones.replace(zone, z.name(), z.areaM2(), z.deviceId(), z.inputs(),
        z.outputs()));
    audit.record(caller.username(), "zone.update", "greenhouse " + g.id() + " zone " + zone.id(), describe(changed),
        "done", g.cooperativeId());
    return changed;
  }

  /** Deletes a zone no crop cycle names; one that a cycle names answers 409 and stays. */
  @DELETE
  @Path("{zoneId}")
  @RolesAllowed({Role.ADMIN_NAME, Role.MANAGER_NAME})
  public Response delete(@PathParam("greenhouseId") long greenhouseId, @PathParam("zoneId") long zoneId) {
    Caller caller = current.get();
    GreenhouseRow g = access.manage(caller, greenhouseId);
    ZoneRow zone = zones.find(g.id(), zoneId).orElseThrow(() -> ApiException.notFound("zone " + zoneId));
    if (cycles.usesZone(zone.id())) {
      throw ApiException.conflict("zoneId", "zone " + zoneId + " has crop cycles on record; it stays so that "
          + "their reports keep their place");
    }
    zones.delete(zone);
    audit.record(caller.username(), "zone.delete", "greenhouse " + g.id() + " zone " + zone.id(), zone.name(),
        "done", g.cooperativeId());
    return Response.noContent().build();
  }

  private Checked check(ZoneBody given, GreenhouseRow g, ZoneRow self) {
    ZoneBody body = bodies.valid(given);
    String name = body.name().strip();
    Double area = body.areaM2();
    List<String> inputs = Fields.once("inputs", body.inputs());
    List<String> outputs = Fields.once("outputs", body.outputs());
    String device = controller(body, g, self, !inputs.isEmpty() || !outputs.isEmpty());
    for (ZoneRow other : zones.of(g.id())) {
      if (self != null && other.id() == self.id()) {
        continue;
      }
      if (other.name().equalsIgnoreCase(name)) {
        throw ApiException.conflict("name", "greenhouse " + g.id() + " already has a zone named " + other.name());
      }
      if (!java.util.Objects.equals(other.deviceId(), device)) {
        continue;
      }
      inputs.stream().filter(other.inputs()::contains).findFirst().ifPresent(id -> {
        throw ApiException.conflict("inputs", "input " + id + " already lies in zone " + other.name());
      });
      outputs.stream().filter(other.outputs()::contains).findFirst().ifPresent(id -> {
        throw ApiException.conflict("outputs", "output " + id + " already lies in zone " + other.name());
      });
    }
    return new Checked(name, area, device, inputs, outputs);
  }

  /**
   * The controller a zone body names: one of the greenhouse's; when it names none, the one the zone has (a change),
   * else the greenhouse's only one. A greenhouse of several needs it named for a new zone with channels, since two
   * boards may use the same channel ids.
   */
  private static String controller(ZoneBody body, GreenhouseRow g, ZoneRow self, boolean hasChannels) {
    String named = body.deviceId();
    if (named != null) {
      if (!g.deviceIds().contains(named)) {
        throw ApiException.badField("deviceId", named, g.deviceIds().isEmpty()
            ? "greenhouse " + g.id() + " has no controller yet"
            : "is not a controller of greenhouse " + g.id() + " (" + String.join(", ", g.deviceIds()) + ")");
      }
      return named;
    }
    if (self != null && self.deviceId() != null && g.deviceIds().contains(self.deviceId())) {
      return self.deviceId();
    }
    if (g.deviceIds().size() == 1) {
      return g.deviceIds().get(0);
    }
    if (g.deviceIds().size() > 1 && hasChannels) {
      throw ApiException.badField("deviceId", null, "greenhouse " + g.id() + " has several controllers ("
          + String.join(", ", g.deviceIds()) + "): name the one whose inputs and outputs these are");
    }
    return null;
  }

  /** Runs a change; two people saving the same name or channel at once: the second gets 409. */
  private static ZoneRow store(java.util.function.Supplier<ZoneRow> change) {
    try {
      return change.get();
    } catch (StoreException e) {
      if (e.isUniqueViolation()) {
        throw ApiException.conflict("name", "a zone with this name or one of these channels was saved meanwhile");
      }
      throw e;
    }
  }

  private static String describe(ZoneRow z) {
    return z.name() + (z.areaM2() == null ? "" : ", " + z.areaM2() + " m²")
        + (z.deviceId() == null ? "" : ", controller " + z.deviceId()) + ", inputs " + z.inputs()
        + ", outputs " + z.outputs();
  }
}
