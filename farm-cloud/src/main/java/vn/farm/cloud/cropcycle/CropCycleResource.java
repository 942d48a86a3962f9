package vn.farm.cloud.cropcycle;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
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
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import vn.farm.cloud.FarmConfig;
import vn.farm.cloud.cropcycle.CropCycleStore.Cycle;
import vn.farm.cloud.cropcycle.CropCycleStore.CycleRow;
import vn.farm.cloud.greenhouse.GreenhouseStore.GreenhouseRow;
import vn.farm.cloud.people.AuditLog;
import vn.farm.cloud.people.Caller;
import vn.farm.cloud.people.Role;
import vn.farm.cloud.web.Access;
import vn.farm.cloud.web.ApiException;
import vn.farm.cloud.web.Bodies;
import vn.farm.cloud.web.CurrentCaller;
import vn.farm.cloud.web.Fields;
import vn.farm.cloud.zone.ZoneStore;
import vn.farm.profile.CropProfile;

/**
 * Crop cycles (vụ) of a greenhouse: what grows where since when, and its stage. Whoever sees the greenhouse reads
 * them; those who control it (its assigned farmers, its manager, administrators) enter and correct them. A
 * correction is a new revision; earlier ones stay readable in the cycle's history.
 */
@Path("/api/greenhouses/{greenhouseId}/crop-cycles")
@Produces(MediaType.APPLICATION_JSON)
public class CropCycleResource {
  @Inject
  CropCycleStore cycles;
  @Inject
  ZoneStore zones;
  @Inject
  CropViews views;
  @Inject
  Access access;
  @Inject
  AuditLog audit;
  @Inject
  CurrentCaller current;
  @Inject
  Bodies bodies;
  @Inject
  FarmConfig config;
  @Inject
  Clock clock;

  /** A new crop cycle as a request gives it; see {@link #create}. */
  public record NewCycle(String crop,
      @NotNull(message = "say when the crop was planted (YYYY-MM-DD)") LocalDate plantedOn,
      @Size(max = 120, message = "must be 1-120 characters") String variety,
      @DecimalMin(value = "0", inclusive = false, message = Fields.AREA) @DecimalMax(value = "1000000",
          message = Fields.AREA) Double areaM2,
      LocalDate expectedHarvest, Long zoneId, LocalDate endedOn, String stage) {}

  /** A cycle with every revision, the first first. */
  public record CropCycleDetail(CropViews.CropCycleView cycle, List<CropCycleStore.Revision> history) {}

  @GET
  @Authenticated
  public List<CropViews.CropCycleView> list(@PathParam("greenhouseId") long greenhouseId) {
    access.read(current.get(), greenhouseId);
    return cycles.of(greenhouseId).stream().map(views::cycle).toList();
  }

  @GET
  @Path("{id}")
  @Authenticated
  public CropCycleDetail get(@PathParam("greenhouseId") long greenhouseId, @PathParam("id") long id) {
    access.read(current.get(), greenhouseId);
    CycleRow row = find(greenhouseId, id);
    return new CropCycleDetail(views.cycle(row), cycles.history(id));
  }

  /**
   * Body: {@code crop} (a crop profile id), {@code plantedOn} (YYYY-MM-DD), optional {@code variety},
   * {@code areaM2}, {@code expectedHarvest} (default: planting plus the profile's season), {@code zoneId},
   * {@code stage} (one the farmer sees; absent: follow the profile).
   */
  @POST
  @RolesAllowed({Role.ADMIN_NAME, Role.MANAGER_NAME, Role.FARMER_NAME})
  @Consumes(MediaType.APPLICATION_JSON)
  public Response create(@PathParam("greenhouseId") long greenhouseId, NewCycle body) {
    Caller caller = current.get();
    GreenhouseRow g = access.control(caller, greenhouseId);
    bodies.valid(body);
    CropProfile profile = views.profile("crop", body.crop());
    LocalDate planted = body.plantedOn();
    LocalDate harvest = body.expectedHarvest();
    Cycle cycle = check(g, null, new Cycle(body.zoneId(), body.crop(), Fields.stripped(body.variety()),
        body.areaM2(), planted, harvest != null ? harvest : planted.plusDays(profile.seasonDays()), body.endedOn(),
        body.stage()));
    CycleRow row = cycles.create(g.id(), cycle, caller.username(), clock.instant());
    audit.record(caller.username(), "crop_cycle.create", "greenhouse " + g.id() + " crop cycle " + row.id(),
        describe(cycle), "done", g.cooperativeId());
    return Response.created(URI.create("/api/greenhouses/" + g.id() + "/crop-cycles/" + row.id()))
        .entity(views.cycle(row)).build();
  }

  /**
   * Corrects or ends a cycle: the fields present replace the stored ones (null clears an optional one: a null
   * {@code stage} goes back to the profile's, a null {@code endedOn} reopens the cycle). {@code revision}, when
   * given, must be the latest (409 otherwise, so a correction never silently undoes another); {@code note} says
   * why.
   */
  @PATCH
  @Path("{id}")
  @RolesAllowed({Role.ADMIN_NAME, Role.MANAGER_NAME, Role.FARMER_NAME})
  @Consumes(MediaType.APPLICATION_JSON)
  public CropViews.CropCycleView correct(@PathParam("greenhouseId") long greenhouseId, @PathParam("id") long id,
      JsonNode json) {
    Caller caller = current.get();
    GreenhouseRow g = access.control(caller, greenhouseId);
    CycleRow row = find(greenhouseId, id);
    JsonNode body = Fields.object(json);
    Fields.expectRevision(body, row.revision(), "crop cycle " + id);
    Cycle old = row.cycle();
    String crop = body.has("crop") ? Fields.string(body, "crop") : old.crop();
    views.profile("crop", crop);
    Cycle cycle = check(g, row, new Cycle(
        body.has("zoneId") ? Fields.whole(body, "zoneId") : old.zoneId(), crop,
        body.has("variety") ? Fields.optionalText("variety", Fields.string(body, "variety"), 120) : old.variety(),
        body.has("areaM2") ? Fields.area("areaM2", Fields.number(body, "areaM2")) : old.areaM2(),
        body.has("plantedOn") ? Fields.date(body, "plantedOn") : old.plantedOn(),
        body.has("expectedHarvest") ? Fields.date(body, "expectedHarvest") : old.expectedHarvest(),
        body.has("endedOn") ? Fields.date(body, "endedOn") : old.endedOn(),
        body.has("stage") ? Fields.string(body, "stage") : old.stage()));
    if (cycle.plantedOn() == null) {
      throw ApiException.badField("plantedOn", null, "a crop cycle keeps its planting date");
    }
    String note = Fields.optionalText("note", Fields.string(body, "note"), 500);
    if (cycle.equals(old)) {
      return views.cycle(row);
    }
    CycleRow changed = cycles.revise(id, row.revision(), cycle, caller.username(), note, clock.instant())
        .orElseThrow(() -> ApiException.conflict("revision", "crop cycle " + id + " was changed meanwhile; reload "
            + "it and apply the correction again"));
    audit.record(caller.username(), "crop_cycle.update", "greenhouse " + g.id() + " crop cycle " + id,
        "revision " + changed.revision() + ": " + describe(cycle) + (note == null ? "" : " (" + note + ")"), "done",
        g.cooperativeId());
    return views.cycle(changed);
  }

  private CycleRow find(long greenhouseId, long id) {
    return cycles.find(id).filter(c -> c.greenhouseId() == greenhouseId)
        .orElseThrow(() -> ApiException.notFound("crop cycle " + id));
  }

  /** Checks what a cycle would become; {@code self} is the stored cycle being corrected, or null for a new one. */
  private Cycle check(GreenhouseRow g, CycleRow self, Cycle c) {
    if (c.zoneId() != null && zones.find(g.id(), c.zoneId()).isEmpty()) {
      throw ApiException.badField("zoneId", c.zoneId(), "is not a zone of greenhouse " + g.id());
    }
    if (c.stage() != null && !CropProfile.STAGE_IDS.contains(c.stage())) {
      throw ApiException.badField("stage", c.stage(), "must be one of " + String.join(", ", CropProfile.STAGE_IDS)
          + ", or null to follow the crop profile");
    }
    LocalDate today = LocalDate.now(clock.withZone(config.timezone()));
    if (c.plantedOn() != null && c.plantedOn().isAfter(today.plusYears(1))) {
      throw ApiException.badField("plantedOn", c.plantedOn(), "lies more than a year ahead");
    }
    if (c.expectedHarvest() != null && c.plantedOn() != null && c.expectedHarvest().isBefore(c.plantedOn())) {
      throw ApiException.badField("expectedHarvest", c.expectedHarvest(), "comes before plantedOn "
          + c.plantedOn());
    }
    if (c.endedOn() != null) {
      if (c.plantedOn() != null && c.endedOn().isBefore(c.plantedOn())) {
        throw ApiException.badField("endedOn", c.endedOn(), "comes before plantedOn " + c.plantedOn());
      }
      if (c.endedOn().isAfter(today)) {
        throw ApiException.badField("endedOn", c.endedOn(), "lies in the future (today is " + today + ")");
      }
    } else {
      for (CycleRow other : cycles.of(g.id())) {
        if (other.cycle().endedOn() == null && (self == null || other.id() != self.id())
            && Objects.equals(other.cycle().zoneId(), c.zoneId())) {
          throw ApiException.conflict(c.zoneId() == null ? "crop" : "zoneId", "crop cycle " + other.id() + " ("
              + other.cycle().crop() + ", planted " + other.cycle().plantedOn() + ") is still open "
              + (c.zoneId() == null ? "in this greenhouse" : "in this zone") + "; end it first (endedOn)");
        }
      }
    }
    return c;
  }

  private static String describe(Cycle c) {
    return c.crop() + (c.variety() == null ? "" : " " + c.variety()) + ", planted " + c.plantedOn()
        + (c.zoneId() == null ? "" : ", zone " + c.zoneId()) + (c.endedOn() == null ? "" : ", ended " + c.endedOn())
        + (c.stage() == null ? "" : ", stage " + c.stage());
  }
}
