package vn.farm.cloud;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.farm.cloud.reading.ReadingStore;

/** The embedded broker with {@code farm.ingest.in-process=false}: telemetry comes through the cloud's session. */
@QuarkusTest
@TestProfile(IngestThroughSessionTest.Off.class)
@WithTestResource(FarmCloudTestResource.class)
class IngestThroughSessionTest {
  /** Telemetry through the cloud's MQTT session, as from an external broker. */
  public static class Off implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("farm.ingest.in-process", "false");
    }
  }

  @Inject
  ReadingStore readings;
  @Inject
  MeterRegistry metrics;

  @Test
  void throughTheSessionTelemetryIsStoredOnceAndConfirmed() throws Exception {
    IngestPathTest.storedOnceAndConfirmed("path-session", readings, metrics);
  }
}
