package vn.farm.cloud;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** The wall clock, replaceable in tests. */
@ApplicationScoped
public class ClockProducer {
  @Produces
  @DefaultBean
  @Singleton
  Clock clock() {
    return Clock.systemUTC();
  }
}
