package vn.farm.cloud.et0;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import vn.farm.agronomy.ReferenceEt;
import vn.farm.cloud.web.ApiException;
import vn.farm.cloud.web.Fields;

/**
 * The FAO-56 Penman-Monteith reference evapotranspiration calculator for extension staff: the same code the edge
 * agent and the simulator use ({@link ReferenceEt}), from the inputs FAO-56 uses, answering ET0 with every
 * intermediate value so a figure can be checked by hand. Any logged-in person may use it; it reads no farm data.
 */
@Path("/api/et0")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class Et0Resource {
  /**
   * Daily ET0 (mm/day). Body: {@code date}, {@code latitudeDeg}, {@code altitudeM}, {@code tMaxC}, {@code tMinC};
   * humidity as {@code rhMaxPct} and {@code rhMinPct}, or {@code actualVapourPressureKpa}; {@code windSpeedMps}
   * measured at {@code windHeightM} (default 2); radiation as {@code sunshineHours} or {@code solarRadiationMj}.
   */
  @POST
  @Path("daily")
  @Authenticated
  public ReferenceEt.DailyResult daily(JsonNode json) {
    JsonNode b = Fields.object(json);
    ReferenceEt.DailyInput in = new ReferenceEt.DailyInput(date(b), required(b, "latitudeDeg"),
        required(b, "altitudeM"), required(b, "tMaxC"), required(b, "tMinC"), Fields.number(b, "rhMaxPct"),
        Fields.number(b, "rhMinPct"), Fields.number(b, "actualVapourPressureKpa"), required(b, "windSpeedMps"),
        windHeight(b), Fields.number(b, "sunshineHours"), Fields.number(b, "solarRadiationMj"));
    try {
      return ReferenceEt.daily(in);
    } catch (IllegalArgumentException e) {
      throw refusal(e);
    }
  }

  /**
   * Hourly ET0 (mm/h). Body: {@code date}, {@code midpointClockHour} (e.g. 14.5 for 14:00-15:00),
   * {@code utcOffsetHours} (7 in Vietnam), {@code latitudeDeg}, {@code longitudeEastDeg}, {@code altitudeM},
   * {@code temperatureC}, {@code relativeHumidityPct}, {@code windSpeedMps} at {@code windHeightM} (default 2),
   * {@code solarRadiationMj} of the hour, and {@code nightRelativeShortwave} (Rs/Rso for night hours, default 0.5,
   * FAO-56's middle value for humid climates).
   */
  @POST
  @Path("hourly")
  @Authenticated
  public ReferenceEt.HourlyResult hourly(JsonNode json) {
    JsonNode b = Fields.object(json);
    Double night = Fields.number(b, "nightRelativeShortwave");
    double hour = required(b, "midpointClockHour");
    if (hour < 0 || hour > 24) {
      throw ApiException.badField("midpointClockHour", hour, "must be 0-24");
    }
    ReferenceEt.HourlyInput in = new ReferenceEt.HourlyInput(date(b), hour, required(b, "utcOffsetHours"),
        required(b, "latitudeDeg"), required(b, "longitudeEastDeg"), required(b, "altitudeM"),
        required(b, "temperatureC"), required(b, "relativeHumidityPct"), required(b, "windSpeedMps"), windHeight(b),
        required(b, "solarRadiationMj"), night == null ? 0.5 : night);
    try {
      return ReferenceEt.hourly(in);
    } catch (IllegalArgumentException e) {
      throw refusal(e);
    }
  }

  private static LocalDate date(JsonNode b) {
    LocalDate d = Fields.date(b, "date");
    if (d == null) {
      throw ApiException.badField("date", null, "give the date (YYYY-MM-DD)");
    }
    return d;
  }

  private static double windHeight(JsonNode b) {
    Double h = Fields.number(b, "windHeightM");
    if (h != null && !(h > 0.5 && h <= 100)) {
      throw ApiException.badField("windHeightM", h, "must be more than 0.5 and at most 100 m");
    }
    return h == null ? 2 : h;
  }

  private static double required(JsonNode b, String field) {
    Double v = Fields.number(b, field);
    if (v == null || !Double.isFinite(v)) {
      throw ApiException.badField(field, v, "is required (a number)");
    }
    return v;
  }

  /** Turns the calculator's "field = value: rule" refusal into a 400 naming the field. */
  private static ApiException refusal(IllegalArgumentException e) {
    String message = e.getMessage() == null ? "" : e.getMessage();
    int eq = message.indexOf(" = ");
    String field = eq > 0 ? message.substring(0, eq) : "(body)";
    return new ApiException(400, "invalid_field", message, field);
  }
}
