package vn.farm.cloud.et0;

import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import vn.farm.agronomy.ReferenceEt;
import vn.farm.cloud.web.ApiException;
import vn.farm.cloud.web.Bodies;

/**
 * The FAO-56 Penman-Monteith reference evapotranspiration calculator for extension staff: the same code the edge
 * agent and the simulator use ({@link ReferenceEt}), from the inputs FAO-56 uses, answering ET0 with every
 * intermediate value so a figure can be checked by hand. Any logged-in person may use it; it reads no farm data.
 */
@Path("/api/et0")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class Et0Resource {
  private static final String REQUIRED = "is required (a number)";
  private static final String WIND_HEIGHT = "must be more than 0.5 and at most 100 m";

  /** The inputs of a daily figure, as FAO-56 names them; see {@link #daily}. */
  public record DailyBody(@NotNull(message = "give the date (YYYY-MM-DD)") LocalDate date,
      @NotNull(message = REQUIRED) Double latitudeDeg, @NotNull(message = REQUIRED) Double altitudeM,
      @NotNull(message = REQUIRED) Double tMaxC, @NotNull(message = REQUIRED) Double tMinC, Double rhMaxPct,
      Double rhMinPct, Double actualVapourPressureKpa, @NotNull(message = REQUIRED) Double windSpeedMps,
      @DecimalMin(value = "0.5", inclusive = false, message = WIND_HEIGHT) @DecimalMax(value = "100",
          message = WIND_HEIGHT) Double windHeightM,
      Double sunshineHours, Double solarRadiationMj) {}

  /** The inputs of an hourly figure, as FAO-56 names them; see {@link #hourly}. */
  public record HourlyBody(@NotNull(message = "give the date (YYYY-MM-DD)") LocalDate date,
      @NotNull(message = REQUIRED) @DecimalMin(value = "0", message = "must be 0-24") @DecimalMax(value = "24",
          message = "must be 0-24") Double midpointClockHour,
      @NotNull(message = REQUIRED) Double utcOffsetHours, @NotNull(message = REQUIRED) Double latitudeDeg,
      @NotNull(message = REQUIRED) Double longitudeEastDeg, @NotNull(message = REQUIRED) Double altitudeM,
      @NotNull(message = REQUIRED) Double temperatureC, @NotNull(message = REQUIRED) Double relativeHumidityPct,
      @NotNull(message = REQUIRED) Double windSpeedMps,
      @DecimalMin(value = "0.5", inclusive = false, message = WIND_HEIGHT) @DecimalMax(value = "100",
          message = WIND_HEIGHT) Double windHeightM,
      @NotNull(message = REQUIRED) Double solarRadiationMj, Double nightRelativeShortwave) {}

  @Inject
  Bodies bodies;

  /**
   * Daily ET0 (mm/day). Body: {@code date}, {@code latitudeDeg}, {@code altitudeM}, {@code tMaxC}, {@code tMinC};
   * humidity as {@code rhMaxPct} and {@code rhMinPct}, or {@code actualVapourPressureKpa}; {@code windSpeedMps}
   * measured at {@code windHeightM} (default 2); radiation as {@code sunshineHours} or {@code solarRadiationMj}.
   */
  @POST
  @Path("daily")
  @Authenticated
  public ReferenceEt.DailyResult daily(DailyBody body) {
    DailyBody b = bodies.valid(body);
    ReferenceEt.DailyInput in = new ReferenceEt.DailyInput(b.date(), b.latitudeDeg(), b.altitudeM(), b.tMaxC(),
        b.tMinC(), b.rhMaxPct(), b.rhMinPct(), b.actualVapourPressureKpa(), b.windSpeedMps(),
        windHeight(b.windHeightM()), b.sunshineHours(), b.solarRadiationMj());
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
  public ReferenceEt.HourlyResult hourly(HourlyBody body) {
    HourlyBody b = bodies.valid(body);
    ReferenceEt.HourlyInput in = new ReferenceEt.HourlyInput(b.date(), b.midpointClockHour(), b.utcOffsetHours(),
        b.latitudeDeg(), b.longitudeEastDeg(), b.altitudeM(), b.temperatureC(), b.relativeHumidityPct(),
        b.windSpeedMps(), windHeight(b.windHeightM()), b.solarRadiationMj(),
        b.nightRelativeShortwave() == null ? 0.5 : b.nightRelativeShortwave());
    try {
      return ReferenceEt.hourly(in);
    } catch (IllegalArgumentException e) {
      throw refusal(e);
    }
  }

  private static double windHeight(Double h) {
    return h == null ? 2 : h;
  }

  /** Turns the calculator's "field = value: rule" refusal into a 400 naming the field. */
  private static ApiException refusal(IllegalArgumentException e) {
    String message = e.getMessage() == null ? "" : e.getMessage();
    int eq = message.indexOf(" = ");
    String field = eq > 0 ? message.substring(0, eq) : "(body)";
    return new ApiException(400, "invalid_field", message, field);
  }
}
