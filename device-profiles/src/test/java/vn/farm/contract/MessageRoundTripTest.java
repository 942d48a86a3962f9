package vn.farm.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MessageRoundTripTest {
  private final MessageCodec codec = new MessageCodec();

  private <T extends Message> T roundTrip(T message) {
    @SuppressWarnings("unchecked") Class<T> type = (Class<T>) message.getClass();
    return codec.decode(type, codec.encode(message));
  }

  @Test
  void telemetryRoundTrips() {
    assertThat(roundTrip(Samples.telemetry())).isEqualTo(Samples.telemetry());
  }

  @Test
  void stateRoundTrips() {
    assertThat(roundTrip(Samples.state())).isEqualTo(Samples.state());
  }

  @Test
  void eventRoundTrips() {
    assertThat(roundTrip(Samples.event())).isEqualTo(Samples.event());
  }

  @Test
  void runEventRoundTripsWithItsRun() {
    assertThat(roundTrip(Samples.run())).isEqualTo(Samples.run());
  }

  @Test
  void runWithoutLitresRoundTrips() {
    Event fan = new Event("gh-backan-01", 9, Event.OUTPUT_RUN, Severity.INFO, Samples.MILLIS, "fan ran 60 s",
        new Event.Run("fan", Samples.WHOLE, 60, null));
    assertThat(roundTrip(fan)).isEqualTo(fan);
  }

  @Test
  void whatAnEventIsAboutRoundTrips() {
    Event fault = new Event("gh-backan-01", 10, Event.SENSOR_FAULT, Severity.WARNING, Samples.MILLIS,
        "input soil-1 (ADS1115 channel 0) failed: NO_DEVICE: no answer", null, Event.About.input("soil-1",
            "NO_DEVICE"));
    assertThat(roundTrip(fault)).isEqualTo(fault);
    Event budget = new Event("gh-backan-01", 11, "safety.daily_budget", Severity.WARNING, Samples.MILLIS,
        "pump switched off: its daily limit of 40 min is used", null, new Event.About(null, "pump", "daily_budget",
            40.0, 40.0));
    assertThat(roundTrip(budget)).isEqualTo(budget);
  }

  @Test
  void statusRoundTrips() {
    assertThat(roundTrip(Samples.status())).isEqualTo(Samples.status());
  }

  @Test
  void statusWithoutBootIdRoundTrips() {
    Status will = new Status(false, Samples.WHOLE, null);
    assertThat(roundTrip(will)).isEqualTo(will);
  }

  @Test
  void commandRoundTrips() {
    assertThat(roundTrip(Samples.command())).isEqualTo(Samples.command());
  }

  @Test
  void offCommandWithoutDurationRoundTrips() {
    Command off = new Command("c-0013", "fan", Action.OFF, null, Samples.WHOLE, Samples.MILLIS.plusSeconds(30), "rule");
    assertThat(roundTrip(off)).isEqualTo(off);
  }

  @Test
  void ackRoundTrips() {
    assertThat(roundTrip(Samples.ack())).isEqualTo(Samples.ack());
  }

  @Test
  void ackWithoutReasonRoundTrips() {
    Ack applied = new Ack("c-0012", AckStatus.APPLIED, null, Samples.WHOLE);
    assertThat(roundTrip(applied)).isEqualTo(applied);
  }

  @Test
  void configRoundTrips() {
    assertThat(roundTrip(Samples.config())).isEqualTo(Samples.config());
  }

  @Test
  void configWithOnlyAVersionRoundTrips() {
    DeviceConfig bare = new DeviceConfig(0, null, null, null, null);
    assertThat(roundTrip(bare)).isEqualTo(bare);
  }

  @Test
  void receiptRoundTrips() {
    assertThat(roundTrip(Samples.receipt())).isEqualTo(Samples.receipt());
  }

  @ParameterizedTest
  @EnumSource(Channel.class)
  void decodingByChannelGivesTheChannelsRecord(Channel channel) {
    Message sample = Samples.of(channel);
    assertThat(codec.decode(channel, codec.encode(sample))).isInstanceOf(channel.messageType()).isEqualTo(sample);
  }

  @Test
  void instantsWithoutFractionalSecondsAreWrittenWithout() throws IOException {
    Status status = new Status(true, Samples.WHOLE, null);
    JsonNode json = codec.mapper().readTree(codec.encode(status));
    assertThat(json.get("at").asText()).isEqualTo("2025-06-14T02:15:00Z");
    assertThat(roundTrip(status).at()).isEqualTo(Samples.WHOLE);
  }

  @Test
  void instantsKeepNanosecondsAcrossTheWire() throws IOException {
    Status status = new Status(true, Samples.NANOS, null);
    JsonNode json = codec.mapper().readTree(codec.encode(status));
    assertThat(json.get("at").asText()).isEqualTo("2025-06-14T02:15:00.123456789Z");
    assertThat(roundTrip(status).at()).isEqualTo(Samples.NANOS);
  }

  @Test
  void readingsKeepTheirOrderAndTimestamps() {
    List<Instant> sent = Samples.telemetry().readings().stream().map(Reading::at).toList();
    assertThat(roundTrip(Samples.telemetry()).readings()).extracting(Reading::at).containsExactlyElementsOf(sent);
  }

  @Test
  void unitsAreWrittenAsUtf8() {
    String json = new String(codec.encode(Samples.telemetry()), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(json).contains("\"unit\":\"°C\"").contains("\"unit\":\"%RH\"");
  }

  @Test
  void unknownFieldsAreIgnoredSoNewerSendersStillParse() {
    String json = "{\"stored\":[{\"from\":5,\"to\":5}],\"addedInV1_1\":true}";
    assertThat(codec.decode(Receipt.class, json.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
        .isEqualTo(Receipt.of(5));
  }

  @Test
  void telemetryCarriesTheMonotonicTimeAndTheUnsyncedMark() {
    Telemetry t = Samples.telemetry();
    Telemetry marked = new Telemetry(t.deviceId(), t.bootId(), t.seq(), t.readings(), 86_400_123L, true);
    assertThat(roundTrip(marked)).isEqualTo(marked);
    assertThat(roundTrip(marked).clockUnsynced()).isTrue();
    String plain = new String(codec.encode(t), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(plain).doesNotContain("monoMs").doesNotContain("unsynced");
    assertThat(roundTrip(t).clockUnsynced()).isFalse();
  }
}
