package vn.farm.edge.sensing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.farm.contract.DeviceId;
import vn.farm.contract.Event;
import vn.farm.contract.Quantity;
import vn.farm.contract.Reading;
import vn.farm.contract.Severity;
import vn.farm.contract.Telemetry;
import vn.farm.edge.sync.SeqStore;

class SamplingLoopTest {
  private final Clock clock = Clock.fixed(Instant.parse("2025-06-01T03:00:00Z"), ZoneOffset.UTC);
  private final List<Object> published = new ArrayList<>();
  private final FakeInput air = new FakeInput("air", Map.of(Quantity.AIR_TEMPERATURE, 30.0,
      Quantity.AIR_HUMIDITY, 50.0));
  private final FakeInput light = new FakeInput("light", Map.of(Quantity.LIGHT, 1200.0));
  @TempDir
  Path dataDir;
  private SeqStore seq;

  @AfterEach
  void close() {
    seq.close();
  }

  @Test
  void publishesAllReadingsAndTheDerivedVpdOfTheAirInput() {
    loop().run();

    Telemetry t = (Telemetry) published.get(0);
    assertThat(t.deviceId()).isEqualTo("gh-1");
    assertThat(t.bootId()).isEqualTo("boot-1");
    assertThat(t.readings()).extracting(Reading::sensor, Reading::quantity).containsExactlyInAnyOrder(
        org.assertj.core.groups.Tuple.tuple("air", Quantity.AIR_TEMPERATURE),
        org.assertj.core.groups.Tuple.tuple("air", Quantity.AIR_HUMIDITY),
        org.assertj.core.groups.Tuple.tuple("air", Quantity.VPD),
        org.assertj.core.groups.Tuple.tuple("light", Quantity.LIGHT));
    assertThat(t.readings()).filteredOn(r -> r.quantity() == Quantity.VPD).singleElement()
        .satisfies(r -> {
          assertThat(r.value()).isCloseTo(2.121, within(0.001));
          assertThat(r.unit()).isEqualTo("kPa");
        });
  }

  @Test
  void aFailingInputIsReportedOnceAndDoesNotStopTheOthers() {
    SamplingLoop loop = loop();
    air.failure = new SensorFailure(SensorFailure.Kind.NO_DEVICE, "sht31 at 0x44: no answer");

    loop.run();
    loop.run();

    assertThat(published).filteredOn(Event.class::isInstance).singleElement().satisfies(o -> {
      Event e = (Event) o;
      assertThat(e.type()).isEqualTo("sensor.fault");
      assertThat(e.severity()).isEqualTo(Severity.WARNING);
      assertThat(e.message()).contains("air", "NO_DEVICE", "no answer");
      assertThat(e.about()).as("what it is about, for programs").isEqualTo(Event.About.input("air", "NO_DEVICE"));
    });
    assertThat(published).filteredOn(Telemetry.class::isInstance).hasSize(2).allSatisfy(o -> assertThat(((Telemetry) o)
        .readings()).extracting(Reading::sensor).containsOnly("light"));
  }

  @Test
  void aRecoveredInputIsReportedOnce() {
    SamplingLoop loop = loop();
    air.failure = new SensorFailure(SensorFailure.Kind.CRC_MISMATCH, "bad crc");
    loop.run();
    air.failure = null;

    loop.run();
    loop.run();

    assertThat(published).filteredOn(Event.class::isInstance).extracting(o -> ((Event) o).type())
        .containsExactly("sensor.fault", "sensor.recovered");
    assertThat(published).filteredOn(Event.class::isInstance).extracting(o -> ((Event) o).about())
        .containsOnly(Event.About.input("air", "CRC_MISMATCH"));
  }

  @Test
  void telemetryAndEventsShareOneStrictlyIncreasingSequence() {
    SamplingLoop loop = loop();
    loop.run();
    air.failure = new SensorFailure(SensorFailure.Kind.BUS_ERROR, "glitch");
    loop.run();
    air.failure = null;
    loop.run();

    List<Long> seqs = published.stream()
        .map(o -> o instanceof Telemetry t ? t.seq() : ((Event) o).seq()).toList();
    assertThat(seqs).hasSize(5).isSorted().doesNotHaveDuplicates();
  }

  @Test
  void aDriverBugCountsAsAFailedInputAndTheLoopGoesOn() {
    SamplingLoop loop = loop();
    air.bug = new IllegalStateException("driver bug");

    loop.run();

    assertThat(published).hasAtLeastOneElementOfType(Telemetry.class).hasAtLeastOneElementOfType(Event.class);
  }

  @Test
  void aValueOutsideTheContractsPhysicalRangeIsAFaultNotAReading() {
    FakeInput hot = new FakeInput("air", Map.of(Quantity.AIR_TEMPERATURE, 130.0, Quantity.AIR_HUMIDITY, 10.0));
    seq = SeqStore.open(dataDir);
    SamplingLoop loop = new SamplingLoop(DeviceId.of("gh-1"), "boot-1", List.of(hot, light), seq, published::add,
        clock);

    loop.run();

    assertThat(published).filteredOn(Event.class::isInstance).singleElement()
        .satisfies(o -> assertThat(((Event) o).message()).contains("OUT_OF_RANGE", "air_temperature 130.0"));
    assertThat(((Telemetry) published.get(published.size() - 1)).readings()).extracting(Reading::sensor)
        .containsOnly("light");
  }

  @Test
  void noTelemetryIsSentWhenNothingCouldBeRead() {
    SamplingLoop loop = loop();
    air.failure = new SensorFailure(SensorFailure.Kind.NO_DEVICE, "gone");
    light.failure = new SensorFailure(SensorFailure.Kind.NO_DEVICE, "gone");

    loop.run();

    assertThat(published).allMatch(Event.class::isInstance).hasSize(2);
  }

  @Test
  void everyTickHandsItsReadingsAndFailedInputsToTheListener() {
    List<Sample> samples = new ArrayList<>();
    seq = SeqStore.open(dataDir);
    SamplingLoop loop = new SamplingLoop(DeviceId.of("gh-1"), "boot-1", List.of(air, light), seq, published::add,
        clock, samples::add);
    air.failure = new SensorFailure(SensorFailure.Kind.NO_DEVICE, "gone");

    loop.run();

    assertThat(samples).singleElement().satisfies(sample -> {
      assertThat(sample.at()).isEqualTo(clock.instant());
      assertThat(sample.failedInputs()).containsExactly("air");
      assertThat(sample.readings()).isEqualTo(((Telemetry) published.get(published.size() - 1)).readings());
    });
  }

  @Test
  void aTickWithNothingReadStillReachesTheListener() {
    List<Sample> samples = new ArrayList<>();
    seq = SeqStore.open(dataDir);
    SamplingLoop loop = new SamplingLoop(DeviceId.of("gh-1"), "boot-1", List.of(air, light), seq, published::add,
        clock, samples::add);
    air.failure = new SensorFailure(SensorFailure.Kind.NO_DEVICE, "gone");
    light.failure = new SensorFailure(SensorFailure.Kind.NO_DEVICE, "gone");

    loop.run();
    loop.run();

    assertThat(samples).hasSize(2).allSatisfy(sample -> {
      assertThat(sample.readings()).isEmpty();
      assertThat(sample.failedInputs()).containsExactly("air", "light");
    });
  }

  private SamplingLoop loop() {
    seq = SeqStore.open(dataDir);
    return new SamplingLoop(DeviceId.of("gh-1"), "boot-1", List.of(air, light), seq, m -> published.add(m), clock);
  }

  private static final class FakeInput implements Input {
    private final String id;
    private final Map<Quantity, Double> values;
    SensorFailure failure;
    RuntimeException bug;

    FakeInput(String id, Map<Quantity, Double> values) {
      this.id = id;
      this.values = values;
    }

    @Override
    public String id() {
      return id;
    }

    @Override
    public String describe() {
      return "fake " + id;
    }

    @Override
    public Map<Quantity, Double> read() throws SensorFailure {
      if (bug != null) {
        throw bug;
      }
      if (failure != null) {
        throw failure;
      }
      return values;
    }
  }
}
