package vn.farm.cloud.live;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/** Fans every stored change out to the connected dashboards. A slow client drops updates, never blocks ingest. */
@ApplicationScoped
public class LiveFeed {
  private static final Logger LOG = Logger.getLogger(LiveFeed.class);
  private final BroadcastProcessor<LiveEvent> processor = BroadcastProcessor.create();

  private final List<Consumer<LiveEvent>> listeners = new CopyOnWriteArrayList<>();

  /** Publishes an update to every subscriber and listener; never blocks. */
  public void publish(LiveEvent event) {
    for (Consumer<LiveEvent> l : listeners) {
      try {
        l.accept(event);
      } catch (RuntimeException e) {
        LOG.errorf(e, "A listener failed on a %s update; the others still get it", event.type());
      }
    }
    processor.onNext(event);
  }

  /**
   * Adds an in-process listener that gets every update, none dropped, on the publishing thread: it must hand the
   * update off at once (to a queue) and never block.
   */
  public void listen(Consumer<LiveEvent> listener) {
    listeners.add(listener);
  }

  /** Returns a stream of updates with a ping every 20 s so proxies and phones keep the connection open. */
  public Multi<LiveEvent> stream() {
    Multi<LiveEvent> pings = Multi.createFrom().ticks().every(Duration.ofSeconds(20))
        .map(t -> new LiveEvent("ping", null, null));
    return Multi.createBy().merging().streams(processor.onOverflow().drop(), pings);
  }
}
