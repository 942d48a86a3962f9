package vn.farm.cloud.api;

import io.smallrye.mutiny.Multi;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestStreamElementType;
import vn.farm.cloud.live.LiveEvent;
import vn.farm.cloud.live.LiveFeed;

/** Server-sent events: every stored telemetry, state, status, event and command change, as it happens. */
@Path("/api/stream")
public class StreamResource {
  @Inject LiveFeed feed;

  @GET
  @Produces(MediaType.SERVER_SENT_EVENTS)
  @RestStreamElementType(MediaType.APPLICATION_JSON)
  public Multi<LiveEvent> stream() {
    return feed.stream();
  }
}
