package vn.farm.cloud.live;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.smallrye.mutiny.operators.multi.processors.SerializedProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Fans every stored change out to the connected dashboards. A slow client drops updates, never blocks ingest.
 * Thread-safe: updates are published from the ingest writer, the MQTT client's thread and request threads at once.
 */
@ApplicationScoped
public class LiveFeed {
  private static final Logger LOG = Logger.getLogger(LiveFeed.class);
  private final BroadcastProcessor<LiveEvent> processor = BroadcastProcessor.create();
  /**
   * Where updates go in: Reactive Streams forbid calling {@code onNext} from two threads at once (the broadcast
   * would then call every subscriber concurrently, and their operators lose or mix up updates), so a thread that
   * finds another publishing leaves its update to that thread and returns at once.
   */
  private final SerializedProcessor<LiveEvent, LiveEvent> input = processor.serialized();

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
    input.onNext(event);
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
    return Multi.createBy().merging().streams(updates(), pings);
  }

  /** Returns the published updates, one at a time; those a subscriber has not asked for yet are dropped. */
  Multi<LiveEvent> updates() {
    return processor.onOverflow().drop();
  }
}
