package vn.farm.cloud.harvest;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
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
import vn.farm.cloud.FarmConfig;
import vn.farm.cloud.cropcycle.CropCycleStore;
import vn.farm.cloud.cropcycle.CropCycleStore.CycleRow;
import vn.farm.cloud.greenhouse.GreenhouseStore.GreenhouseRow;
import vn.farm.cloud.harvest.HarvestStore.Harvest;
import vn.farm.cloud.harvest.HarvestStore.HarvestRow;
import vn.farm.cloud.people.AuditLog;
import vn.farm.cloud.people.Caller;
import vn.farm.cloud.people.Role;
import vn.farm.cloud.web.Access;
import vn.farm.cloud.web.ApiException;
import vn.farm.cloud.web.Bodies;
import vn.farm.cloud.web.CurrentCaller;
import vn.farm.cloud.web.Fields;

/**
 * Harvests of a crop cycle, entered from the phone by the greenhouse's farmers or its manager: date, kilograms,
 * grade and an optional price. Corrections are new revisions; a mistaken record is voided and stays readable.
 */
@Path("/api/greenhouses/{greenhouseId}/crop-cycles/{cycleId}/harvests")
@Produces(MediaType.APPLICATION_JSON)
public class HarvestResource {
  @Inject
  HarvestStore harvests;
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
  FarmConfig config;
  @Inject
  Clock clock;

  /**
   * A cycle's harvests with their total: {@code totalKg} over the records not voided, and {@code kgPerM2} over the
   * cycle's area (or, without one, the greenhouse's), null when neither is known.
   */
  public record HarvestList(List<HarvestRow> harvests, double totalKg, Double areaM2, Double kgPerM2) {}

  /** A harvest with every revision, the first first. */
  public record HarvestDetail(HarvestRow harvest, List<HarvestStore.Revision> history) {}

  @GET
  @Authenticated
  public HarvestList list(@PathParam("greenhouseId") long greenhouseId, @PathParam("cycleId") long cycleId) {
    GreenhouseRow g = access.read(current.get(), greenhouseId);
    CycleRow cycle = cycle(greenhouseId, cycleId);
    List<HarvestRow> rows = harvests.of(cycleId);
    double total = rows.stream().filter(h -> !h.harvest().voided()).mapToDouble(h -> h.harvest().kg()).sum();
    Double area = cycle.cycle().areaM2() != null ? cycle.cycle().areaM2() : g.areaM2();
    return new HarvestList(rows, total, area, area == null ? null : total / area);
  }

  @GET
  @Path("{id}")
  @Authenticated
  public HarvestDetail get(@PathParam("greenhouseId") long greenhouseId, @PathParam("cycleId") long cycleId,
      @PathParam("id") long id) {
    access.read(current.get(), greenhouseId);
    cycle(greenhouseId, cycleId);
    return new HarvestDetail(find(cycleId, id), harvests.history(id));
  }

  /** A new harvest as a request gives it; the day and the weights are checked as every revision is. */
  public record NewHarvest(LocalDate harvestedOn, Double kg,
      @Size(max = 16, message = "must be 1-16 characters") String grade, Double priceVndPerKg) {}

  /** Body: {@code harvestedOn} (YYYY-MM-DD), {@code kg}, optional {@code grade} and {@code priceVndPerKg}. */
  @POST
  @RolesAllowed({Role.ADMIN_NAME, Role.MANAGER_NAME, Role.FARMER_NAME})
  @Consumes(MediaType.APPLICATION_JSON)
  public Response create(@PathParam("greenhouseId") long greenhouseId, @PathParam("cycleId") long cycleId,
      NewHarvest body) {
    Caller caller = current.get();
    GreenhouseRow g = access.control(caller, greenhouseId);
    CycleRow cycle = cycle(greenhouseId, cycleId);
    bodies.valid(body);
    Harvest h = check(cycle, new Harvest(body.harvestedOn(), body.kg() == null ? Double.NaN : body.kg(),
        Fields.stripped(body.grade()), body.priceVndPerKg(), false));
    HarvestRow row = harvests.create(cycleId, h, caller.username(), clock.instant());
    audit.record(caller.username(), "harvest.create", "crop cycle " + cycleId + " harvest " + row.id(),
        describe(h), "done", g.cooperativeId());
    return Response.created(URI.create("/api/greenhouses/" + greenhouseId + "/crop-cycles/" + cycleId
        + "/harvests/" + row.id())).entity(row).build();
  }

  /**
   * Corrects a harvest: the fields present replace the stored ones; {@code "voided": true} voids it (and false
   * restores it); {@code revision}, when given, must be the latest (409 otherwise); {@code note} says why.
   */
  @PATCH
  @Path("{id}")
  @RolesAllowed({Role.ADMIN_NAME, Role.MANAGER_NAME, Role.FARMER_NAME})
  @Consumes(MediaType.APPLICATION_JSON)
  public HarvestRow correct(@PathParam("greenhouseId") long greenhouseId, @PathParam("cycleId") long cycleId,
      @PathParam("id") long id, JsonNode json) {
    Caller caller = current.get();
    GreenhouseRow g = access.control(caller, greenhouseId);
    CycleRow cycle = cycle(greenhouseId, cycleId);
    HarvestRow row = find(cycleId, id);
    JsonNode body = Fields.object(json);
    Fields.expectRevision(body, row.revision(), "harvest " + id);
    if (body.has("voided") && !body.get("voided").isBoolean()) {
      throw ApiException.badField("voided", body.get("voided"), "must be true or false");
    }
    Harvest old = row.harvest();
    Double kg = body.has("kg") ? Fields.number(body, "kg") : Double.valueOf(old.kg());
    Harvest h = check(cycle, new Harvest(
        body.has("harvestedOn") ? Fields.date(body, "harvestedOn") : old.harvestedOn(),
        kg == null ? Double.NaN : kg,
        body.has("grade") ? Fields.optionalText("grade", Fields.string(body, "grade"), 16) : old.grade(),
        body.has("priceVndPerKg") ? Fields.number(body, "priceVndPerKg") : old.priceVndPerKg(),
        body.has("voided") ? body.get("voided").asBoolean() : old.voided()));
    if (h.equals(old)) {
      return row;
    }
    String note = Fields.optionalText("note", Fields.string(body, "note"), 500);
    HarvestRow changed = harvests.revise(id, row.revision(), h, caller.username(), note, clock.instant())
        .orElseThrow(() -> ApiException.conflict("revision", "harvest " + id + " was changed meanwhile; reload it "
            + "and apply the correction again"));
    audit.record(caller.username(), h.voided() && !old.voided() ? "harvest.void" : "harvest.update",
        "crop cycle " + cycleId + " harvest " + id, "revision " + changed.revision() + ": " + describe(h)
            + (note == null ? "" : " (" + note + ")"), "done", g.cooperativeId());
    return changed;
  }

  private CycleRow cycle(long greenhouseId, long cycleId) {
    return cycles.find(cycleId).filter(c -> c.greenhouseId() == greenhouseId)
        .orElseThrow(() -> ApiException.notFound("crop cycle " + cycleId));
  }

  private HarvestRow find(long cycleId, long id) {
    return harvests.find(id).filter(h -> h.cycleId() == cycleId)
        .orElseThrow(() -> ApiException.notFound("harvest " + id));
  }

  private Harvest check(CycleRow cycle, Harvest h) {
    LocalDate today = LocalDate.now(clock.withZone(config.timezone()));
    if (h.harvestedOn() == null) {
      throw ApiException.badField("harvestedOn", null, "say the day of the harvest (YYYY-MM-DD)");
    }
    if (h.harvestedOn().isBefore(cycle.cycle().plantedOn()) || h.harvestedOn().isAfter(today)) {
      throw ApiException.badField("harvestedOn", h.harvestedOn(), "must lie between the planting date "
          + cycle.cycle().plantedOn() + " and today " + today);
    }
    if (!(h.kg() > 0 && h.kg() <= 1_000_000)) {
      throw ApiException.badField("kg", Double.isNaN(h.kg()) ? null : h.kg(), "must be more than 0 and at most "
          + "1000000 kg");
    }
    if (h.priceVndPerKg() != null && !(h.priceVndPerKg() >= 0 && h.priceVndPerKg() <= 10_000_000)) {
      throw ApiException.badField("priceVndPerKg", h.priceVndPerKg(), "must be 0-10000000 đồng per kg");
    }
    return h;
  }

  private static String describe(Harvest h) {
    return h.harvestedOn() + " " + h.kg() + " kg" + (h.grade() == null ? "" : " grade " + h.grade())
        + (h.priceVndPerKg() == null ? "" : " at " + Math.round(h.priceVndPerKg()) + " đ/kg")
        + (h.voided() ? " (voided)" : "");
  }
}
