package vn.farm.cloud.reading;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import vn.farm.cloud.reading.ReadingExport.Resolution;
import vn.farm.cloud.report.Csv;
import vn.farm.cloud.web.Access;
import vn.farm.cloud.web.ApiException;
import vn.farm.cloud.web.CurrentCaller;
import vn.farm.cloud.web.Fields;
import vn.farm.contract.Quantity;

/**
 * Exports of a device's readings as CSV or JSON, raw or as hourly or daily summaries, streamed from a database
 * cursor so that a season of raw readings downloads without the server holding it. Whoever reads the device may
 * export it.
 */
@Path("/api/devices/{deviceId}/export")
public class ExportResource {
  static final String CSV_HEADER = "device_id,sensor,quantity,unit,at,seq,count,mean,min,max\n";

  @Inject
  ReadingExport export;
  @Inject
  Access access;
  @Inject
  CurrentCaller current;
  @Inject
  ObjectMapper json;
  @Inject
  Clock clock;

  /**
   * {@code resolution} raw, hour or day (default hour); {@code format} csv or json (default csv); [from, to) as
   * ISO-8601 instants, by default the last 30 days; {@code quantity} optional. A raw row's {@code seq} is the
   * device's message number (0 in summaries) and its count 1.
   */
  @GET
  @Authenticated
  public Response export(@PathParam("deviceId") String deviceId, @QueryParam("from") String from,
      @QueryParam("to") String to, @QueryParam("resolution") @DefaultValue("hour") String resolution,
      @QueryParam("format") @DefaultValue("csv") String format, @QueryParam("quantity") String quantity) {
    access.device(current.get(), deviceId, false);
    Instant[] range = Fields.range(from, to, clock.instant(), Duration.ofDays(30));
    if (Duration.between(range[0], range[1]).compareTo(Duration.ofDays(3660)) > 0) {
      throw ApiException.badField("from", from, "an export spans at most ten years");
    }
    Resolution res = switch (resolution) {
      case "raw" -> Resolution.RAW;
      case "hour" -> Resolution.HOUR;
      case "day" -> Resolution.DAY;
      default -> throw ApiException.badField("resolution", resolution, "must be raw, hour or day");
    };
    if (!format.equals("csv") && !format.equals("json")) {
      throw ApiException.badField("format", format, "must be csv or json");
    }
    Quantity q = null;
    if (quantity != null) {
      try {
        q = Quantity.ofWireName(quantity);
      } catch (IllegalArgumentException e) {
        throw ApiException.badField("quantity", quantity, "unknown quantity");
      }
    }
    Quantity only = q;
    String name = deviceId + "-" + resolution + "-" + range[0].toString().substring(0, 10) + "_"
        + range[1].toString().substring(0, 10) + "." + format;
    StreamingOutput body = format.equals("csv") ? out -> {
      Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
      w.write(CSV_HEADER);
      // Ids and units are of the contract's vocabularies, which start with no formula character; they go through
      // Csv.cell all the same, as every text cell does. The numbers are the cloud's own and keep their sign.
      export.stream(deviceId, res, range[0], range[1], only, r -> w.write(String.join(",", Csv.cell(deviceId),
          Csv.cell(r.sensor()), Csv.cell(r.quantity()), Csv.cell(r.unit()), r.at().toString(),
          Long.toString(r.seq()), Long.toString(r.count()), number(r.mean()), number(r.min()), number(r.max()))
          + "\n"));
      w.flush();
    } : out -> {
      try (JsonGenerator g = json.getFactory().createGenerator(out)) {
        g.writeStartArray();
        export.stream(deviceId, res, range[0], range[1], only, r -> {
          g.writeStartObject();
          g.writeStringField("deviceId", deviceId);
          g.writeStringField("sensor", r.sensor());
          g.writeStringField("quantity", r.quantity());
          g.writeStringField("unit", r.unit());
          g.writeStringField("at", r.at().toString());
          g.writeNumberField("seq", r.seq());
          g.writeNumberField("count", r.count());
          g.writeNumberField("mean", r.mean());
          g.writeNumberField("min", r.min());
          g.writeNumberField("max", r.max());
          g.writeEndObject();
        });
        g.writeEndArray();
      }
    };
    return Response.ok(body, format.equals("csv") ? "text/csv; charset=utf-8" : "application/json")
        .header("Content-Disposition", "attachment; filename=\"" + name + "\"").build();
  }

  private static String number(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v)
        : String.format(Locale.ROOT, "%.4f", v).replaceAll("0+$", "");
  }
}
