package vn.farm.cloud.greenhouse;

import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
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
import java.time.Instant;
import java.util.List;
import java.util.Map;
import vn.farm.cloud.cropcycle.CropCycleStore;
import vn.farm.cloud.cropcycle.CropViews;
import vn.farm.cloud.device.DeviceStore;
import vn.farm.cloud.device.DeviceStore.DeviceRow;
import vn.farm.cloud.device.StateStore;
import vn.farm.cloud.greenhouse.GreenhouseStore.GreenhouseRow;
import vn.farm.cloud.people.AuditLog;
import vn.farm.cloud.people.Caller;
import vn.farm.cloud.people.CooperativeStore;
import vn.farm.cloud.people.Role;
import vn.farm.cloud.reading.ReadingStore;
import vn.farm.cloud.reading.ReadingStore.StoredReading;
import vn.farm.cloud.web.Access;
import vn.farm.cloud.web.ApiException;
import vn.farm.cloud.web.Bodies;
import vn.farm.cloud.web.CurrentCaller;
import vn.farm.cloud.web.Fields;
import vn.farm.cloud.zone.ZoneStore;
import vn.farm.cloud.zone.ZoneStore.ZoneRow;
import vn.farm.contract.ActuatorState;
import vn.farm.contract.DeviceId;

/**
 * Greenhouses with their controllers' latest readings and output states: what the phone's home screen shows. Each
 * caller gets the greenhouses their role lets them see ({@link Access}).
 */
@Path("/api/greenhouses")
@Produces(MediaType.APPLICATION_JSON)
public class GreenhouseResource {

  @Inject
  vn.farm.cloud.broker.BrokerLogins logins;
  @Inject
  GreenhouseStore greenhouses;
  @Inject
  DeviceStore devices;
  @Inject
  ReadingStore readings;
  @Inject
  StateStore states;
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
  ZoneStore zones;
  @Inject
  CropCycleStore cycles;
  @Inject
  CropViews cropViews;
  @Inject
  Clock clock;

  /**
   * A greenhouse as the dashboard shows it: its controllers (one, usually; none before one is enrolled), its zones
   * and each zone's controller, and the open crop cycles.
   */
  public record GreenhouseView(long id, String name, long cooperativeId, Long farmId, String type, Double areaM2,
      Double latitude, Double longitude, List<ControllerView> controllers, List<ZoneRow> zones,
      List<CropViews.CropCycleView> cropCycles) {}

  /** One controller of a greenhouse: whether it is online, its latest readings and its outputs' states. */
  public record ControllerView(String deviceId, boolean online, Instant lastSeen, List<StoredReading> latest,
      Map<String, ActuatorState> actuators, long rejectedPayloads) {}

  /**
   * Body of a new greenhouse. {@code cooperativeId} is required of administrators; a manager's greenhouses go to
   * their own cooperative. {@code type} is film, glass or net. {@code deviceId}, optional, is its first controller;
   * more are added by enrolling them ({@link DeviceCredentialsResource}).
   */
  public record NewGreenhouse(
      @NotBlank(message = "must be 1-120 characters") @Size(max = 120,
          message = "must be 1-120 characters") String name,
      String deviceId, Long cooperativeId, Long farmId,
      @Pattern(regexp = "film|glass|net", message = "must be film, glass or net") String type,
      @DecimalMin(value = "0", inclusive = false, message = Fields.AREA) @DecimalMax(value = "1000000",
          message = Fields.AREA) Double areaM2,
      @DecimalMin(value = "-90", message = "must be -90..90") @DecimalMax(value = "90",
          message = "must be -90..90") Double latitude,
      @DecimalMin(value = "-180", message = "must be -180..180") @DecimalMax(value = "180",
          message = "must be -180..180") Double longitude) {}

  @GET
  @Authenticated
  public List<GreenhouseView> list() {
    return access.greenhouses(current.get()).stream().map(this::view).toList();
  }

  @GET
  @Path("{id}")
  @Authenticated
  public GreenhouseView get(@PathParam("id") long id) {
    return view(access.read(current.get(), id));
  }

  @POST
  @RolesAllowed({Role.ADMIN_NAME, Role.MANAGER_NAME})
  @Consumes(MediaType.APPLICATION_JSON)
  public Response create(NewGreenhouse body) {
    Caller caller = current.get();
    if (body == null) {
      throw ApiException.badField("name", null, "a greenhouse needs a name");
    }
    bodies.valid(body);
    long cooperativeId = access.cooperativeFor(caller, body.cooperativeId(), "greenhouses");
    if (body.farmId() != null && cooperatives.farm(body.farmId())
        .filter(f -> f.cooperativeId() == cooperativeId).isEmpty()) {
      throw ApiException.badField("farmId", body.farmId(), "is not a farm of cooperative " + cooperativeId);
    }
    if (body.deviceId() != null) {
      if (!DeviceId.isValid(body.deviceId())) {
        throw ApiException.badField("deviceId", body.deviceId(), "lowercase letters, digits and '-'");
      }
      if (logins.isReserved(body.deviceId())) {
        throw ApiException.badField("deviceId", body.deviceId(), "is the broker login of the cloud or the observer; "
            + "give the controller another id");
      }
      if (devices.find(body.deviceId()).map(DeviceRow::greenhouseId).orElse(null) != null) {
        throw ApiException.conflict("deviceId", "device " + body.deviceId() + " already serves a greenhouse");
      }
    }
    GreenhouseRow row = greenhouses.create(new GreenhouseRow(0, body.name().strip(), cooperativeId,
        body.farmId(), body.type(), body.areaM2(), body.latitude(), body.longitude(),
        body.deviceId() == null ? List.of() : List.of(body.deviceId())), clock.instant());
    audit.record(caller.username(), "greenhouse.create", "greenhouse " + row.id(), row.name()
        + (row.deviceIds().isEmpty() ? "" : ", controller " + row.deviceIds().get(0)), "done", cooperativeId);
    return Response.created(URI.create("/api/greenhouses/" + row.id())).entity(view(row)).build();
  }

  private GreenhouseView view(GreenhouseRow g) {
    List<ZoneRow> zoneList = zones.of(g.id());
    List<CropViews.CropCycleView> open = cycles.of(g.id()).stream().filter(c -> c.cycle().endedOn() == null)
        .map(cropViews::cycle).toList();
    List<ControllerView> controllers = g.deviceIds().stream().map(id -> {
      DeviceRow d = devices.find(id).orElseThrow();
      return new ControllerView(id, d.online(), d.lastSeen(), readings.latest(id), states.actuators(id),
          d.rejectedPayloads());
    }).toList();
    return new GreenhouseView(g.id(), g.name(), g.cooperativeId(), g.farmId(), g.houseType(), g.areaM2(),
        g.latitude(), g.longitude(), controllers, zoneList, open);
  }
}
