package vn.farm.cloud.api;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
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
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import vn.farm.cloud.people.AuditLog;
import vn.farm.cloud.people.Caller;
import vn.farm.cloud.people.CooperativeStore;
import vn.farm.cloud.people.Role;
import vn.farm.cloud.store.CropCycleStore;
import vn.farm.cloud.store.DeviceStore;
import vn.farm.cloud.store.DeviceStore.DeviceRow;
import vn.farm.cloud.store.GreenhouseStore;
import vn.farm.cloud.store.GreenhouseStore.GreenhouseRow;
import vn.farm.cloud.store.ReadingStore;
import vn.farm.cloud.store.ReadingStore.StoredReading;
import vn.farm.cloud.store.StateStore;
import vn.farm.cloud.store.ZoneStore;
import vn.farm.cloud.store.ZoneStore.ZoneRow;
import vn.farm.contract.ActuatorState;
import vn.farm.contract.DeviceId;

/**
 * Greenhouses with their controller's latest readings and output states: what the phone's home screen shows. Each
 * caller gets the greenhouses their role lets them see ({@link Access}).
 */
@Path("/api/greenhouses")
@Produces(MediaType.APPLICATION_JSON)
public class GreenhouseResource {
  static final Set<String> HOUSE_TYPES = Set.of("film", "glass", "net");

  @Inject GreenhouseStore greenhouses;
  @Inject DeviceStore devices;
  @Inject ReadingStore readings;
  @Inject StateStore states;
  @Inject CooperativeStore cooperatives;
  @Inject Access access;
  @Inject AuditLog audit;
  @Inject SecurityIdentity identity;
  @Inject ZoneStore zones;
  @Inject CropCycleStore cycles;
  @Inject CropViews cropViews;
  @Inject Clock clock;

  /** A greenhouse as the dashboard shows it; {@code cropCycles} are the open ones. */
  public record GreenhouseView(long id, String name, long cooperativeId, Long farmId, String type, Double areaM2,
      Double latitude, Double longitude, String deviceId, boolean online, Instant lastSeen,
      List<StoredReading> latest, Map<String, ActuatorState> actuators, long rejectedPayloads,
      List<ZoneRow> zones, List<CropViews.CropCycleView> cropCycles) {}

  /**
   * Body of a new greenhouse. {@code cooperativeId} is required of administrators; a manager's greenhouses go to
   * their own cooperative. {@code type} is film, glass or net.
   */
  public record NewGreenhouse(String name, String deviceId, Long cooperativeId, Long farmId, String type,
      Double areaM2, Double latitude, Double longitude) {}

  @GET
  @Authenticated
  public List<GreenhouseView> list() {
    return access.greenhouses(Caller.of(identity)).stream().map(this::view).toList();
  }

  @GET
  @Path("{id}")
  @Authenticated
  public GreenhouseView get(@PathParam("id") long id) {
    return view(access.read(Caller.of(identity), id));
  }

  @POST
  @RolesAllowed({Role.ADMIN_NAME, Role.MANAGER_NAME})
  @Consumes(MediaType.APPLICATION_JSON)
  public Response create(NewGreenhouse body) {
    Caller caller = Caller.of(identity);
    if (body == null) {
      throw ApiException.badField("name", null, "a greenhouse needs a name");
    }
    if (body.name() == null || body.name().isBlank() || body.name().length() > 120) {
      throw ApiException.badField("name", body.name(), "must be 1-120 characters");
    }
    long cooperativeId = cooperativeOf(caller, body.cooperativeId());
    if (body.farmId() != null && cooperatives.farm(body.farmId())
        .filter(f -> f.cooperativeId() == cooperativeId).isEmpty()) {
      throw ApiException.badField("farmId", body.farmId(), "is not a farm of cooperative " + cooperativeId);
    }
    if (body.type() != null && !HOUSE_TYPES.contains(body.type())) {
      throw ApiException.badField("type", body.type(), "must be film, glass or net");
    }
    Fields.area("areaM2", body.areaM2());
    if (body.latitude() != null && !(body.latitude() >= -90 && body.latitude() <= 90)) {
      throw ApiException.badField("latitude", body.latitude(), "must be -90..90");
    }
    if (body.longitude() != null && !(body.longitude() >= -180 && body.longitude() <= 180)) {
      throw ApiException.badField("longitude", body.longitude(), "must be -180..180");
    }
    if (body.deviceId() != null) {
      if (!DeviceId.isValid(body.deviceId())) {
        throw ApiException.badField("deviceId", body.deviceId(), "lowercase letters, digits and '-'");
      }
      if (devices.find(body.deviceId()).map(DeviceRow::greenhouseId).orElse(null) != null) {
        throw ApiException.conflict("deviceId", "device " + body.deviceId() + " already serves a greenhouse");
      }
    }
    GreenhouseRow row = greenhouses.create(new GreenhouseRow(0, body.name().strip(), cooperativeId,
        body.farmId(), body.type(), body.areaM2(), body.latitude(), body.longitude(), body.deviceId()),
        clock.instant());
    audit.record(caller.username(), "greenhouse.create", "greenhouse " + row.id(), row.name()
        + (row.deviceId() == null ? "" : ", controller " + row.deviceId()), "done", cooperativeId);
    return Response.created(URI.create("/api/greenhouses/" + row.id())).entity(view(row)).build();
  }

  private long cooperativeOf(Caller caller, Long asked) {
    if (caller.role() == Role.MANAGER) {
      if (asked != null && !asked.equals(caller.cooperativeId())) {
        throw ApiException.badField("cooperativeId", asked, "a manager adds greenhouses to their own cooperative");
      }
      return caller.cooperativeId();
    }
    if (asked == null) {
      throw ApiException.badField("cooperativeId", null, "name the cooperative the greenhouse belongs to");
    }
    if (cooperatives.find(asked).isEmpty()) {
      throw ApiException.badField("cooperativeId", asked, "no such cooperative");
    }
    return asked;
  }

  private GreenhouseView view(GreenhouseRow g) {
    List<ZoneRow> zoneList = zones.of(g.id());
    List<CropViews.CropCycleView> open = cycles.of(g.id()).stream().filter(c -> c.cycle().endedOn() == null)
        .map(cropViews::cycle).toList();
    if (g.deviceId() == null) {
      return new GreenhouseView(g.id(), g.name(), g.cooperativeId(), g.farmId(), g.houseType(), g.areaM2(),
          g.latitude(), g.longitude(), null, false, null, List.of(), Map.of(), 0, zoneList, open);
    }
    DeviceRow d = devices.find(g.deviceId()).orElseThrow();
    return new GreenhouseView(g.id(), g.name(), g.cooperativeId(), g.farmId(), g.houseType(), g.areaM2(),
        g.latitude(), g.longitude(), g.deviceId(), d.online(), d.lastSeen(), readings.latest(g.deviceId()),
        states.actuators(g.deviceId()), d.rejectedPayloads(), zoneList, open);
  }
}
