package vn.farm.cloud.device;

import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import vn.farm.cloud.command.CommandService;
import vn.farm.cloud.command.CommandStore;
import vn.farm.cloud.command.CommandStore.CommandRow;
import vn.farm.cloud.device.DeviceStore.DeviceRow;
import vn.farm.cloud.device.StateStore.StoredEvent;
import vn.farm.cloud.greenhouse.GreenhouseStore;
import vn.farm.cloud.people.AuditLog;
import vn.farm.cloud.people.Caller;
import vn.farm.cloud.people.Role;
import vn.farm.cloud.reading.ReadingStore;
import vn.farm.cloud.reading.ReadingStore.StoredReading;
import vn.farm.cloud.reading.SeriesStore;
import vn.farm.cloud.web.Access;
import vn.farm.cloud.web.ApiException;
import vn.farm.cloud.web.Bodies;
import vn.farm.cloud.web.CurrentCaller;
import vn.farm.cloud.web.Fields;
import vn.farm.contract.Action;
import vn.farm.contract.DeviceId;
import vn.farm.contract.Quantity;

/**
 * Edge devices: their status, readings over a time range, events, and the commands sent to them. A caller reaches
 * the devices of the greenhouses they see ({@link Access}); only administrators see devices not yet serving one.
 */
@Path("/api/devices")
@Produces(MediaType.APPLICATION_JSON)
public class DeviceResource {
  static final int MAX_READINGS = 10_000;

  @Inject
  DeviceStore devices;
  @Inject
  ReadingStore readings;
  @Inject
  StateStore states;
  @Inject
  CommandStore commandStore;
  @Inject
  CommandService commands;
  @Inject
  Clock clock;
  @Inject
  Access access;
  @Inject
  AuditLog audit;
  @Inject
  GreenhouseStore greenhouses;
  @Inject
  SeriesStore series;
  @Inject
  CurrentCaller current;
  @Inject
  Bodies bodies;

  /** Body of a new command: {@code durationS} is required for {@code on}; {@code ttlS} defaults to 60. */
  public record NewCommand(@NotBlank(message = "name the output to switch, e.g. 'pump'") String actuator,
      String action, Integer durationS,
      @Min(value = 1, message = "must be 1-86400 s") @Max(value = 86_400,
          message = "must be 1-86400 s") Integer ttlS) {}

  /** Readings of one device in a time range. */
  public record ReadingPage(String deviceId, Instant from, Instant to, int count, boolean truncated,
      List<StoredReading> readings) {}

  @GET
  @Authenticated
  public List<DeviceRow> list() {
    Caller caller = current.get();
    if (caller.role() == Role.ADMIN) {
      return devices.all();
    }
    java.util.Set<Long> seen = new java.util.HashSet<>();
    access.greenhouses(caller).forEach(g -> seen.add(g.id()));
    return devices.all().stream().filter(d -> d.greenhouseId() != null && seen.contains(d.greenhouseId())).toList();
  }

  @GET
  @Path("{deviceId}")
  @Authenticated
  public DeviceRow get(@PathParam("deviceId") String deviceId) {
    return device(deviceId);
  }

  @GET
  @Path("{deviceId}/readings")
  @Authenticated
  public ReadingPage readings(@PathParam("deviceId") String deviceId, @QueryParam("from") String from,
      @QueryParam("to") String to, @QueryParam("quantity") String quantity,
      @QueryParam("limit") @DefaultValue("2000") int limit) {
    device(deviceId);
    Instant[] range = range(from, to);
    Instant start = range[0];
    Instant end = range[1];
    if (limit < 1 || limit > MAX_READINGS) {
      throw ApiException.badField("limit", limit, "must be 1-" + MAX_READINGS);
    }
    List<StoredReading> rows = readings.range(deviceId, start, end, quantity(quantity), limit + 1);
    boolean truncated = rows.size() > limit;
    List<StoredReading> page = truncated ? rows.subList(0, limit) : rows;
    return new ReadingPage(deviceId, start, end, page.size(), truncated, page);
  }

  /**
   * Chart series: per sensor and quantity, at most about {@code points} buckets (mean, min, max, count) over
   * [from, to), from raw readings, hourly or daily summaries depending on the span.
   */
  @GET
  @Path("{deviceId}/series")
  @Authenticated
  public SeriesView series(@PathParam("deviceId") String deviceId, @QueryParam("from") String from,
      @QueryParam("to") String to, @QueryParam("quantity") String quantity,
      @QueryParam("points") @DefaultValue("1000") int points) {
    device(deviceId);
    Instant[] range = range(from, to);
    Instant start = range[0];
    Instant end = range[1];
    if (Duration.between(start, end).compareTo(Duration.ofDays(3660)) > 0) {
      throw ApiException.badField("from", from, "a chart spans at most ten years");
    }
    if (points < 10 || points > 2000) {
      throw ApiException.badField("points", points, "must be 10-2000");
    }
    SeriesStore.Result r = series.query(deviceId, start, end, quantity(quantity), points);
    return new SeriesView(deviceId, start, end, r.source().name().toLowerCase(java.util.Locale.ROOT), r.bucketS(),
        r.series());
  }

  /** Chart series of a device; {@code source} is raw, hour or day. */
  public record SeriesView(String deviceId, Instant from, Instant to, String source, long bucketS,
      List<SeriesStore.Series> series) {}

  /** Returns [start, end) of a query: {@code to} defaults to now and {@code from} to a day before it. */
  private Instant[] range(String from, String to) {
    return Fields.range(from, to, clock.instant(), Duration.ofHours(24));
  }

  private static Quantity quantity(String quantity) {
    if (quantity == null) {
      return null;
    }
    try {
      return Quantity.ofWireName(quantity);
    } catch (IllegalArgumentException e) {
      throw ApiException.badField("quantity", quantity, "unknown quantity");
    }
  }

  @GET
  @Path("{deviceId}/events")
  @Authenticated
  public List<StoredEvent> events(@PathParam("deviceId") String deviceId,
      @QueryParam("limit") @DefaultValue("50") int limit, @QueryParam("type") String type,
      @QueryParam("from") String from, @QueryParam("to") String to) {
    device(deviceId);
    int n = Math.max(1, Math.min(limit, 500));
    if (type == null && from == null && to == null) {
      return states.recentEvents(deviceId, n);
    }
    Instant[] range = Fields.range(from, to, clock.instant(), Duration.ofDays(3660));
    return states.events(deviceId, type == null ? "" : type, range[0], range[1], n);
  }

  /**
   * The device's finished output runs that started in [from, to) (by default the last 7 days), in time order, at
   * most {@code limit} (up to 10,000): what season reports count water and run-time from.
   */
  @GET
  @Path("{deviceId}/runs")
  @Authenticated
  public List<StateStore.StoredRun> runs(@PathParam("deviceId") String deviceId, @QueryParam("from") String from,
      @QueryParam("to") String to, @QueryParam("limit") @DefaultValue("1000") int limit) {
    device(deviceId);
    Instant[] range = Fields.range(from, to, clock.instant(), Duration.ofDays(7));
    return states.runs(deviceId, range[0], range[1], Math.max(1, Math.min(limit, 10_000)));
  }

  @GET
  @Path("{deviceId}/commands")
  @Authenticated
  public List<CommandRow> recentCommands(@PathParam("deviceId") String deviceId,
      @QueryParam("limit") @DefaultValue("20") int limit) {
    device(deviceId);
    return commandStore.recent(deviceId, Math.max(1, Math.min(limit, 200)));
  }

  @POST
  @Path("{deviceId}/commands")
  @RolesAllowed({Role.ADMIN_NAME, Role.MANAGER_NAME, Role.FARMER_NAME})
  @Consumes(MediaType.APPLICATION_JSON)
  public Response command(@PathParam("deviceId") String deviceId, NewCommand body) {
    Caller caller = current.get();
    DeviceRow target = access.device(caller, deviceId, true);
    if (body == null) {
      throw ApiException.badField("action", null, "a command needs an actuator and an action");
    }
    bodies.valid(body);
    var known = states.actuators(deviceId);
    if (!known.isEmpty() && !known.containsKey(body.actuator())) {
      throw ApiException.badField("actuator", body.actuator(), "the device has no such output " + known.keySet());
    }
    Action action;
    try {
      action = Action.valueOf(String.valueOf(body.action()).toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ApiException.badField("action", body.action(), "must be on, off or auto");
    }
    if (action == Action.ON && (body.durationS() == null || body.durationS() < 1 || body.durationS() > 86_400)) {
      throw ApiException.badField("durationS", body.durationS(), "switching on needs a duration of 1-86400 s");
    }
    CommandRow row = commands.issue(DeviceId.of(deviceId), body.actuator(), action,
        action == Action.ON ? body.durationS() : null,
        body.ttlS() == null ? null : Duration.ofSeconds(body.ttlS()), caller.username());
    audit.record(caller.username(), "command", "device " + deviceId + " " + body.actuator(),
        action.name().toLowerCase(java.util.Locale.ROOT) + (action == Action.ON ? " " + body.durationS() + " s" : "")
            + ", command " + row.commandId(), row.status(), cooperativeOf(target));
    return Response.accepted(row).location(URI.create("/api/commands/" + row.commandId())).build();
  }

  private DeviceRow device(String deviceId) {
    return access.device(current.get(), deviceId, false);
  }

  private Long cooperativeOf(DeviceRow d) {
    return d.greenhouseId() == null ? null
        : greenhouses.find(d.greenhouseId()).map(GreenhouseStore.GreenhouseRow::cooperativeId).orElse(null);
  }

}
