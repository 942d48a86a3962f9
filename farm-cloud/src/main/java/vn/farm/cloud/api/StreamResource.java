package vn.farm.cloud.api;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.resteasy.reactive.RestStreamElementType;
import vn.farm.cloud.live.LiveEvent;
import vn.farm.cloud.live.LiveFeed;
import vn.farm.cloud.people.Caller;
import vn.farm.cloud.people.Role;

/**
 * Server-sent events: every stored telemetry, state, status, event and command change, as it happens, for the
 * devices of the greenhouses the caller sees when they connect (administrators: every device).
 */
@Path("/api/stream")
public class StreamResource {
  @Inject LiveFeed feed;
  @Inject Access access;
  @Inject SecurityIdentity identity;

  @GET
  @Authenticated
  @Blocking
  @Produces(MediaType.SERVER_SENT_EVENTS)
  @RestStreamElementType(MediaType.APPLICATION_JSON)
  public Multi<LiveEvent> stream() {
    Caller caller = Caller.of(identity);
    if (caller.role() == Role.ADMIN) {
      return feed.stream();
    }
    Set<String> devices = access.greenhouses(caller).stream()
        .flatMap(g -> g.deviceIds().stream()).collect(Collectors.toUnmodifiableSet());
    return feed.stream().filter(e -> e.deviceId() == null || devices.contains(e.deviceId()));
  }
}
