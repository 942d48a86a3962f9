package vn.farm.cloud.alert;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
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
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import vn.farm.cloud.alert.ChannelStore.Channel;
import vn.farm.cloud.people.AuditLog;
import vn.farm.cloud.people.Caller;
import vn.farm.cloud.people.Role;
import vn.farm.cloud.web.Access;
import vn.farm.cloud.web.ApiException;
import vn.farm.cloud.web.Bodies;
import vn.farm.cloud.web.CurrentCaller;
import vn.farm.cloud.web.Fields;

/**
 * Where a cooperative's alerts go besides the app: an SMS gateway, a Zalo Official Account, or any webhook. Its
 * manager (or an administrator) sets them up; the token is stored to call the service with and never shown again.
 * A channel's URL must lead to a public address unless {@code farm.alerts.allowed-hosts} lets it through
 * ({@link Destinations}).
 */
@Path("/api/alert-channels")
@Produces(MediaType.APPLICATION_JSON)
public class AlertChannelResource {
  private static final java.util.regex.Pattern PHONE = java.util.regex.Pattern.compile("\\+?[0-9]{8,15}");
  private static final java.util.regex.Pattern ZALO_ID = java.util.regex.Pattern.compile("[0-9A-Za-z_-]{1,64}");

  @Inject
  ChannelStore channels;
  @Inject
  Destinations destinations;
  @Inject
  Access access;
  @Inject
  AuditLog audit;
  @Inject
  CurrentCaller current;
  @Inject
  Bodies bodies;
  @Inject
  Clock clock;

  /** A channel as the API shows it: its token only as whether one is set. */
  public record ChannelView(long id, long cooperativeId, String kind, String name, String url, boolean hasToken,
      List<String> recipients, String lang, LocalTime quietFrom, LocalTime quietUntil, boolean enabled) {
    static ChannelView of(Channel c) {
      return new ChannelView(c.id(), c.cooperativeId(), c.kind(), c.name(), c.url(), c.token() != null,
          c.recipients(), c.lang(), c.quietFrom(), c.quietUntil(), c.enabled());
    }
  }

  /** A new channel as a request gives it; its recipients are checked against its kind in {@link #create}. */
  public record NewChannel(Long cooperativeId,
      @NotNull(message = "must be sms, zalo or webhook") @Pattern(regexp = "sms|zalo|webhook",
          message = "must be sms, zalo or webhook") String kind,
      @NotBlank(message = "must be 1-120 characters") @Size(max = 120,
          message = "must be 1-120 characters") String name,
      @NotBlank(message = "must be 1-500 characters") @Size(max = 500, message = "must be 1-500 characters") String url,
      @Size(max = 500, message = "must be 1-500 characters") String token,
      List<String> recipients,
      @Pattern(regexp = "vi|en", message = "must be vi or en") String lang,
      LocalTime quietFrom, LocalTime quietUntil) {}

  @GET
  @RolesAllowed({Role.ADMIN_NAME, Role.MANAGER_NAME})
  public List<ChannelView> list() {
    Caller caller = current.get();
    return channels.of(caller.role() == Role.ADMIN ? null : caller.cooperativeId()).stream()
        .map(ChannelView::of).toList();
  }

  /**
   * Body: {@code kind} (sms, zalo, webhook), {@code name}, {@code url} (http or https), optional {@code token},
   * {@code recipients} (phone numbers for sms, Zalo user ids for zalo), {@code lang} (vi or en, default vi),
   * {@code quietFrom} and {@code quietUntil} (HH:MM, local time), {@code cooperativeId} for administrators.
   */
  @POST
  @RolesAllowed({Role.ADMIN_NAME, Role.MANAGER_NAME})
  @Consumes(MediaType.APPLICATION_JSON)
  public Response create(NewChannel body) {
    Caller caller = current.get();
    if (body == null) {
      throw ApiException.badField("(body)", null, "must be a JSON object");
    }
    long cooperativeId = access.cooperativeFor(caller, body.cooperativeId(), "alert channels");
    bodies.valid(body);
    String kind = body.kind();
    String name = body.name().strip();
    String url = body.url().strip();
    try {
      URI u = URI.create(url);
      if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null) {
        throw new IllegalArgumentException();
      }
    } catch (IllegalArgumentException e) {
      throw ApiException.badField("url", url, "must be an http:// or https:// address");
    }
    String token = Fields.stripped(body.token());
    List<String> recipients = recipients(body.recipients(), kind);
    String lang = body.lang() == null ? "vi" : body.lang();
    LocalTime from = body.quietFrom();
    LocalTime until = body.quietUntil();
    if ((from == null) != (until == null)) {
      throw ApiException.badField(from == null ? "quietFrom" : "quietUntil", null,
          "quiet hours need both quietFrom and quietUntil");
    }
    // Last, as it may look the host up.
    checkDestination(url);
    Channel ch = channels.create(new Channel(0, cooperativeId, kind, name, url, token, recipients, lang, from, until,
        true), clock.instant());
    audit.record(caller.username(), "alert_channel.create", "alert channel " + ch.id(), kind + " " + name + " "
        + url, "done", cooperativeId);
    return Response.created(URI.create("/api/alert-channels/" + ch.id())).entity(ChannelView.of(ch)).build();
  }

  /** Body: {@code {"enabled": false}} stops sending over a channel (waiting messages are dropped); true resumes. */
  @PATCH
  @Path("{id}")
  @RolesAllowed({Role.ADMIN_NAME, Role.MANAGER_NAME})
  @Consumes(MediaType.APPLICATION_JSON)
  public ChannelView enable(@PathParam("id") long id, JsonNode json) {
    Caller caller = current.get();
    Channel ch = channels.find(id).orElseThrow(() -> ApiException.notFound("alert channel " + id));
    access.manageCooperative(caller, ch.cooperativeId());
    boolean enabled = Fields.flag(Fields.object(json), "enabled");
    if (enabled && !ch.enabled()) {
      // A channel set up before destinations were checked, or whose host has moved since, is not switched back on.
      checkDestination(ch.url());
    }
    channels.enable(id, enabled);
    audit.record(caller.username(), "alert_channel." + (enabled ? "enable" : "disable"),
        "alert channel " + id, ch.kind() + " " + ch.name(), "done", ch.cooperativeId());
    return ChannelView.of(channels.find(id).orElseThrow());
  }

  /** Refuses, naming the field, a URL whose host is not an address alerts may be posted to. */
  private void checkDestination(String url) {
    try {
      destinations.resolve(URI.create(url));
    } catch (Destinations.Refused e) {
      throw ApiException.badField("url", url, e.getMessage());
    }
  }

  private static List<String> recipients(List<String> list, String kind) {
    List<String> out = new ArrayList<>();
    if (list != null) {
      for (String r : list) {
        String v = r == null ? "" : r.replace(" ", "");
        boolean ok = "sms".equals(kind) ? PHONE.matcher(v).matches() : ZALO_ID.matcher(v).matches();
        if (!ok) {
          throw ApiException.badField("recipients", r, "sms".equals(kind) ? "phone numbers are 8-15 digits, "
              + "optionally after +" : "Zalo user ids are letters, digits, _ and -");
        }
        out.add(v);
      }
    }
    if (!"webhook".equals(kind) && out.isEmpty()) {
      throw ApiException.badField("recipients", null, "name at least one recipient");
    }
    if (out.size() > 50) {
      throw ApiException.badField("recipients", out.size(), "at most 50 recipients");
    }
    return out;
  }
}
