package vn.farm.cloud.live;

import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.jboss.resteasy.reactive.RestStreamElementType;
import vn.farm.cloud.FarmConfig;
import vn.farm.cloud.people.Caller;
import vn.farm.cloud.people.Role;
import vn.farm.cloud.people.SessionStore;
import vn.farm.cloud.web.Access;
import vn.farm.cloud.web.ApiException;
import vn.farm.cloud.web.CurrentCaller;

/**
 * Server-sent events: every stored telemetry, state, status, event, alert and command change, as it happens, for
 * the devices of the greenhouses the caller sees (administrators: every device). Every
 * {@code farm.stream.rescope-every} the stream looks again: it ends when its session has (a logout, a disabled
 * account), and follows the greenhouses the person sees now and the controllers they hold.
 */
@Path("/api/stream")
public class StreamResource {
  /** Marks, inside the stream, that its session has ended; never sent. */
  private static final LiveEvent ENDED = new LiveEvent("ended", null, null);

  @Inject
  LiveFeed feed;
  @Inject
  Access access;
  @Inject
  CurrentCaller current;
  @Inject
  SessionStore sessions;
  @Inject
  FarmConfig config;
  @Inject
  StreamSlots slots;

  @GET
  @Authenticated
  @Blocking
  @Produces(MediaType.SERVER_SENT_EVENTS)
  @RestStreamElementType(MediaType.APPLICATION_JSON)
  public Multi<LiveEvent> stream() {
    String token = current.sessionToken();
    int max = config.stream().maxPerSession();
    if (!slots.take(token, max)) {
      throw new ApiException(429, "too_many_streams", "this session has " + max + " live streams open already "
          + "(farm.stream.max-per-session); close one, such as another tab of the dashboard, and try again", null);
    }
    AtomicBoolean released = new AtomicBoolean();
    Runnable release = () -> {
      if (released.compareAndSet(false, true)) {
        slots.release(token);
      }
    };
    AtomicReference<Set<String>> scope = new AtomicReference<>(devicesOf(current.get()));
    Multi<LiveEvent> rescope = Multi.createFrom().ticks().every(config.stream().rescopeEvery())
        .emitOn(Infrastructure.getDefaultWorkerPool())
        .map(t -> {
          var person = sessions.current(token);
          person.ifPresent(p -> scope.set(devicesOf(p.caller())));
          return person.isPresent();
        })
        .filter(live -> !live)
        .map(live -> ENDED);
    Multi<LiveEvent> scoped = feed.stream().filter(e -> {
      Set<String> devices = scope.get();
      return e.deviceId() == null ? "ping".equals(e.type()) : devices == null || devices.contains(e.deviceId());
    });
    // A session that has ended completes the stream; the dashboard's reconnection then meets a 401 and the login.
    // Closing the connection cancels the stream; ending it with the session completes it: either frees its slot.
    return Multi.createBy().merging().streams(scoped, rescope).select().first(e -> e != ENDED)
        .onTermination().invoke(release);
  }

  /** Returns the devices {@code caller} sees now, or null for every device. */
  private Set<String> devicesOf(Caller caller) {
    if (caller.role() == Role.ADMIN) {
      return null;
    }
    return access.greenhouses(caller).stream()
        .flatMap(g -> g.deviceIds().stream()).collect(Collectors.toUnmodifiableSet());
  }
}
