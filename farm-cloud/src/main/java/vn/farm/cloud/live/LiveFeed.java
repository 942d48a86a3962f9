package vn.farm.cloud.live;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/** Fans every stored change out to the connected dashboards. A slow client drops updates, never blocks ingest. */
@ApplicationScoped
public class LiveFeed {
  private final BroadcastProcessor<LiveEvent> processor = BroadcastProcessor.create();

  /** Publishes an update to every subscriber; never blocks. */
  public void publish(LiveEvent event) {
    processor.onNext(event);
  }

  /** Returns a stream of updates with a ping every 20 s so proxies and phones keep the connection open. */
  public Multi<LiveEvent> stream() {
    Multi<LiveEvent> pings = Multi.createFrom().ticks().every(Duration.ofSeconds(20))
        .map(t -> new LiveEvent("ping", null, null));
    return Multi.createBy().merging().streams(processor.onOverflow().drop(), pings);
  }
}
