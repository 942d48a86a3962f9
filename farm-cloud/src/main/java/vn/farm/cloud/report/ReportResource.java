package vn.farm.cloud.report;

import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import vn.farm.cloud.FarmConfig;
import vn.farm.cloud.cropcycle.CropCycleStore;
import vn.farm.cloud.cropcycle.CropCycleStore.CycleRow;
import vn.farm.cloud.greenhouse.GreenhouseStore.GreenhouseRow;
import vn.farm.cloud.harvest.HarvestStore;
import vn.farm.cloud.harvest.HarvestStore.HarvestRow;
import vn.farm.cloud.people.Caller;
import vn.farm.cloud.people.Role;
import vn.farm.cloud.web.Access;
import vn.farm.cloud.web.ApiException;
import vn.farm.cloud.web.CurrentCaller;
import vn.farm.cloud.web.Fields;

/**
 * Season reports of crop cycles, comparisons across cycles, greenhouses and cooperatives, and the exports of
 * harvests, reports and open data. Everyone logged in may read the reports of the greenhouses they see (an
 * extension officer: every greenhouse of the cooperatives of their province or district); nothing here changes
 * anything. How each figure is counted: docs/reports.md.
 */
@Path("/api")
public class ReportResource {
  static final MediaType CSV = new MediaType("text", "csv", "UTF-8");

  @Inject
  SeasonReports reports;
  @Inject
  CropCycleStore cycles;
  @Inject
  HarvestStore harvests;
  @Inject
  Access access;
  @Inject
  CurrentCaller current;
  @Inject
  ScheduledExport export;
  @Inject
  FarmConfig config;

  /** One harvest record in an export, with the cycle and greenhouse it belongs to. */
  public record HarvestExportRow(long harvestId, long cycleId, long greenhouseId, String greenhouse,
      long cooperativeId, String crop, String variety, LocalDate harvestedOn, double kg, String grade,
      Double priceVndPerKg, boolean voided, int revision, String updatedBy) {}

  /** Which crop cycles a comparison or export takes: each filter optional. */
  public static class Filters {
    @QueryParam("greenhouseId")
    Long greenhouseId;
    @QueryParam("cooperativeId")
    Long cooperativeId;
    /** A crop profile id. */
    @QueryParam("crop")
    String crop;
    /** Planted on or after this date (YYYY-MM-DD). */
    @QueryParam("plantedFrom")
    String plantedFrom;
    /** Planted on or before this date (YYYY-MM-DD). */
    @QueryParam("plantedTo")
    String plantedTo;
  }

  /** A page of season figures; {@code next} is the offset of the next page, or null on the last. */
  public record SeasonPage(List<SeasonSummary> seasons, Integer next) {}

  /**
   * The season figures of every crop cycle the caller sees, for comparing them: optionally of one greenhouse, one
   * cooperative or one crop, and only those planted in [plantedFrom, plantedTo]; by greenhouse, the latest planted
   * first, {@code limit} (at most 500) from {@code offset}. {@code format} json (default) or csv (every matching
   * cycle, no pages).
   */
  @GET
  @Path("reports/seasons")
  @Authenticated
  @Produces({MediaType.APPLICATION_JSON, "text/csv"})
  public Response seasons(@BeanParam Filters filters, @QueryParam("offset") @DefaultValue("0") int offset,
      @QueryParam("limit") @DefaultValue("100") int limit,
      @QueryParam("format") @DefaultValue("json") String format) {
    String kind = format(format);
    Selection s = select(filters);
    if (kind.equals("csv")) {
      List<SeasonSummary> all = s.cycles().stream().map(c -> reports.report(s.greenhouse(c), c).summary()).toList();
      return csv("seasons.csv", out -> Csv.write(out, SeasonSummary.class, all));
    }
    if (offset < 0) {
      throw ApiException.badField("offset", offset, "must be 0 or more");
    }
    int n = Math.max(1, Math.min(limit, 500));
    List<CycleRow> page = s.cycles().stream().skip(offset).limit(n).toList();
    List<SeasonSummary> rows = page.stream().map(c -> reports.report(s.greenhouse(c), c).summary()).toList();
    return Response.ok(new SeasonPage(rows, offset + n < s.cycles().size() ? offset + n : null),
        MediaType.APPLICATION_JSON_TYPE).build();
  }

  /**
   * Every harvest record of the crop cycles the caller sees, voided ones included and marked, with the same
   * filters as {@code reports/seasons}; {@code format} csv (default) or json.
   */
  @GET
  @Path("reports/harvests")
  @Authenticated
  @Produces({MediaType.APPLICATION_JSON, "text/csv"})
  public Response harvests(@BeanParam Filters filters,
      @QueryParam("format") @DefaultValue("csv") String format) {
    String kind = format(format);
    Selection s = select(filters);
    List<HarvestExportRow> rows = new ArrayList<>();
    for (CycleRow c : s.cycles()) {
      GreenhouseRow g = s.greenhouse(c);
      for (HarvestRow h : harvests.of(c.id())) {
        rows.add(new HarvestExportRow(h.id(), c.id(), g.id(), g.name(), g.cooperativeId(), c.cycle().crop(),
            c.cycle().variety(), h.harvest().harvestedOn(), h.harvest().kg(), h.harvest().grade(),
            h.harvest().priceVndPerKg(), h.harvest().voided(), h.revision(), h.updatedBy()));
      }
    }
    return kind.equals("csv") ? csv("harvests.csv", out -> Csv.write(out, HarvestExportRow.class, rows))
        : Response.ok(rows, MediaType.APPLICATION_JSON_TYPE).build();
  }

  /**
   * The open-data export of the season figures the caller sees: no names of people, farms, greenhouses or
   * cooperatives, locations rounded to 0.1° (about 11 km); its schema is in docs/open-data.md. {@code format} csv
   * (default) or json.
   */
  @GET
  @Path("open-data/seasons")
  @Authenticated
  @Produces({MediaType.APPLICATION_JSON, "text/csv"})
  public Response openData(@QueryParam("crop") String crop, @QueryParam("plantedFrom") String plantedFrom,
      @QueryParam("plantedTo") String plantedTo, @QueryParam("format") @DefaultValue("csv") String format) {
    String kind = format(format);
    Filters f = new Filters();
    f.crop = crop;
    f.plantedFrom = plantedFrom;
    f.plantedTo = plantedTo;
    Selection s = select(f);
    List<OpenData.Season> rows = s.cycles().stream()
        .map(c -> OpenData.of(s.greenhouse(c), reports.report(s.greenhouse(c), c).summary())).toList();
    return kind.equals("csv") ? csv("open-data-seasons.csv", out -> Csv.write(out, OpenData.Season.class, rows))
        : Response.ok(rows, MediaType.APPLICATION_JSON_TYPE).build();
  }

  /**
   * Writes the scheduled export now, into {@code farm.export.folder}, and returns the files written; 409 when no
   * folder is configured.
   */
  @POST
  @Path("exports")
  @RolesAllowed(Role.ADMIN_NAME)
  @Produces(MediaType.APPLICATION_JSON)
  public List<String> exportNow() throws IOException {
    java.nio.file.Path folder = config.export().folder()
        .orElseThrow(() -> ApiException.conflict("farm.export.folder", "no export folder is configured"));
    return export.exportTo(folder).stream().map(p -> p.getFileName().toString()).toList();
  }

  /** The cycles a request selects, and the greenhouse of each. */
  private record Selection(List<CycleRow> cycles, Map<Long, GreenhouseRow> greenhouses) {
    GreenhouseRow greenhouse(CycleRow c) {
      return greenhouses.get(c.greenhouseId());
    }
  }

  private Selection select(Filters f) {
    Caller caller = current.get();
    Access.Scope scope = access.scope(caller);
    StringBuilder where = new StringBuilder("(" + scope.where() + ")");
    List<Object> params = new ArrayList<>(java.util.Arrays.asList(scope.params()));
    if (f.greenhouseId != null) {
      access.read(caller, f.greenhouseId);
      where.append(" AND g.id = ?");
      params.add(f.greenhouseId);
    }
    if (f.cooperativeId != null) {
      where.append(" AND g.cooperative_id = ?");
      params.add(f.cooperativeId);
    }
    if (f.crop != null) {
      where.append(" AND cc.crop = ?");
      params.add(f.crop);
    }
    if (f.plantedFrom != null) {
      where.append(" AND cc.planted_on >= ?");
      params.add(Fields.date("plantedFrom", f.plantedFrom));
    }
    if (f.plantedTo != null) {
      where.append(" AND cc.planted_on <= ?");
      params.add(Fields.date("plantedTo", f.plantedTo));
    }
    List<CycleRow> found = cycles.where(where.toString(), params.toArray());
    Map<Long, GreenhouseRow> byId = access.greenhouses(caller).stream()
        .collect(Collectors.toMap(GreenhouseRow::id, Function.identity()));
    return new Selection(found, byId);
  }

  static String format(String format) {
    if (!format.equals("csv") && !format.equals("json")) {
      throw ApiException.badField("format", format, "must be csv or json");
    }
    return format;
  }

  static Response csv(String name, StreamingOutput body) {
    return Response.ok(body, CSV).header("Content-Disposition", "attachment; filename=\"" + name + "\"").build();
  }
}
