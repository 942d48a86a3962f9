package vn.farm.cloud.report;

import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import vn.farm.cloud.cropcycle.CropCycleStore;
import vn.farm.cloud.cropcycle.CropCycleStore.CycleRow;
import vn.farm.cloud.greenhouse.GreenhouseStore.GreenhouseRow;
import vn.farm.cloud.web.Access;
import vn.farm.cloud.web.ApiException;
import vn.farm.cloud.web.CurrentCaller;

/**
 * The season report of one crop cycle, for everyone who sees its greenhouse. How each figure is counted:
 * docs/reports.md. Comparisons and exports: {@link ReportResource}.
 */
@Path("/api/greenhouses/{greenhouseId}/crop-cycles/{cycleId}/report")
public class SeasonReportResource {
  @Inject
  SeasonReports reports;
  @Inject
  CropCycleStore cycles;
  @Inject
  Access access;
  @Inject
  CurrentCaller current;

  /** The season report of one crop cycle; {@code format} json (default) or csv (its days, one row each). */
  @GET
  @Authenticated
  @Produces({MediaType.APPLICATION_JSON, "text/csv"})
  public Response report(@PathParam("greenhouseId") long greenhouseId, @PathParam("cycleId") long cycleId,
      @QueryParam("format") @DefaultValue("json") String format) {
    GreenhouseRow g = access.read(current.get(), greenhouseId);
    CycleRow cycle = cycles.find(cycleId).filter(c -> c.greenhouseId() == greenhouseId)
        .orElseThrow(() -> ApiException.notFound("crop cycle " + cycleId));
    SeasonReport report = reports.report(g, cycle);
    return switch (ReportResource.format(format)) {
      case "csv" -> ReportResource.csv("season-" + cycleId + "-days.csv", out -> Csv.write(out, SeasonReport.Day.class,
          report.days()));
      default -> Response.ok(report, MediaType.APPLICATION_JSON_TYPE).build();
    };
  }

}
