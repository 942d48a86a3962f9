package vn.farm.cloud.api;

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
import vn.farm.cloud.store.DeviceStore;
import vn.farm.cloud.store.DeviceStore.DeviceRow;
import vn.farm.cloud.store.GreenhouseStore;
import vn.farm.cloud.store.GreenhouseStore.GreenhouseRow;
import vn.farm.cloud.store.ReadingStore;
import vn.farm.cloud.store.ReadingStore.StoredReading;
import vn.farm.cloud.store.StateStore;
import vn.farm.contract.ActuatorState;
import vn.farm.contract.DeviceId;

/** Greenhouses with their controller's latest readings and output states: what the phone's home screen shows. */
@Path("/api/greenhouses")
@Produces(MediaType.APPLICATION_JSON)
public class GreenhouseResource {
  @Inject GreenhouseStore greenhouses;
  @Inject DeviceStore devices;
  @Inject ReadingStore readings;
  @Inject StateStore states;
  @Inject Clock clock;

  /** A greenhouse as the dashboard shows it. */
  public record GreenhouseView(long id, String name, String deviceId, boolean online, Instant lastSeen,
      List<StoredReading> latest, Map<String, ActuatorState> actuators, long rejectedPayloads) {}

  /** Body of a new greenhouse. */
  public record NewGreenhouse(String name, String deviceId) {}

  @GET
  public List<GreenhouseView> list() {
    return greenhouses.all().stream().map(this::view).toList();
  }

  @GET
  @Path("{id}")
  public GreenhouseView get(@PathParam("id") long id) {
    return greenhouses.find(id).map(this::view).orElseThrow(() -> ApiException.notFound("greenhouse " + id));
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response create(NewGreenhouse body) {
    if (body == null) {
      throw ApiException.badField("name", null, "a greenhouse needs a name");
    }
    if (body.name() == null || body.name().isBlank() || body.name().length() > 120) {
      throw ApiException.badField("name", body.name(), "must be 1-120 characters");
    }
    if (body.deviceId() != null) {
      if (!DeviceId.isValid(body.deviceId())) {
        throw ApiException.badField("deviceId", body.deviceId(), "lowercase letters, digits and '-'");
      }
      if (greenhouses.findByDevice(body.deviceId()).isPresent()) {
        throw new ApiException(409, "conflict", "device " + body.deviceId() + " already serves a greenhouse",
            "deviceId");
      }
    }
    GreenhouseRow row = greenhouses.create(body.name().strip(), body.deviceId(), clock.instant());
    return Response.created(URI.create("/api/greenhouses/" + row.id())).entity(view(row)).build();
  }

  private GreenhouseView view(GreenhouseRow g) {
    if (g.deviceId() == null) {
      return new GreenhouseView(g.id(), g.name(), null, false, null, List.of(), Map.of(), 0);
    }
    DeviceRow d = devices.find(g.deviceId()).orElseThrow();
    return new GreenhouseView(g.id(), g.name(), g.deviceId(), d.online(), d.lastSeen(),
        readings.latest(g.deviceId()), states.actuators(g.deviceId()), d.rejectedPayloads());
  }
}
