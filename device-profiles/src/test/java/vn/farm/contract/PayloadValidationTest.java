package vn.farm.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class PayloadValidationTest {
  private final MessageCodec codec = new MessageCodec();

  private ObjectNode valid(Channel channel) {
    try {
      return (ObjectNode) codec.mapper().readTree(codec.encode(Samples.of(channel)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private ObjectNode reading(ObjectNode telemetry, int index) {
    return (ObjectNode) telemetry.withArray("readings").get(index);
  }

  private ContractViolation rejection(Channel channel, JsonNode payload) {
    return rejection(channel, payload.toString().getBytes(StandardCharsets.UTF_8));
  }

  private ContractViolation rejection(Channel channel, byte[] payload) {
    ContractViolation v = catchThrowableOfType(ContractViolation.class, () -> codec.decode(channel, payload));
    assertThat(v).as("decoding %s should be refused", new String(payload, StandardCharsets.UTF_8)).isNotNull();
    return v;
  }

  @ParameterizedTest
  @EnumSource(Channel.class)
  void encodedSamplesMeetTheirSchema(Channel channel) {
    assertThat(codec.decode(channel, valid(channel).toString().getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(Samples.of(channel));
  }

  @Test
  void missingSeqIsNamed() {
    ObjectNode telemetry = valid(Channel.TELEMETRY);
    telemetry.remove("seq");
    ContractViolation v = rejection(Channel.TELEMETRY, telemetry);
    assertThat(v.field()).isEqualTo("/seq");
    assertThat(v.value()).isNull();
    assertThat(v).hasMessageContaining("/seq").hasMessageContaining("(missing)");
  }

  @Test
  void negativeSeqIsRefusedWithItsValue() {
    ObjectNode telemetry = valid(Channel.TELEMETRY).put("seq", -1);
    ContractViolation v = rejection(Channel.TELEMETRY, telemetry);
    assertThat(v.field()).isEqualTo("/seq");
    assertThat(v.value()).isEqualTo("-1");
    assertThat(v).hasMessageContaining("'-1'");
  }

  @Test
  void negativeEventSeqIsRefused() {
    ContractViolation v = rejection(Channel.EVENTS, valid(Channel.EVENTS).put("seq", -7));
    assertThat(v.field()).isEqualTo("/seq");
    assertThat(v).hasMessageContaining("'-7'");
  }

  @Test
  void whatAnEventIsAboutIsCheckedAsTheRest() {
    ObjectNode event = valid(Channel.EVENTS);
    event.putObject("about").put("input", "soil 1").put("kind", "NO_DEVICE");
    assertThat(rejection(Channel.EVENTS, event).field()).isEqualTo("/about/input");
    event = valid(Channel.EVENTS);
    event.putObject("about").put("output", "pump").put("kind", "x".repeat(65));
    assertThat(rejection(Channel.EVENTS, event).field()).isEqualTo("/about/kind");
  }

  @Test
  void aRunWithNegativeSecondsIsRefused() {
    ObjectNode event = valid(Channel.EVENTS);
    event.putObject("run").put("output", "pump").put("startedAt", "2025-06-14T02:14:10Z").put("seconds", -3);
    ContractViolation v = rejection(Channel.EVENTS, event);
    assertThat(v.field()).isEqualTo("/run/seconds");
  }

  @Test
  void aRunWithoutItsOutputIsRefused() {
    ObjectNode event = valid(Channel.EVENTS);
    event.putObject("run").put("startedAt", "2025-06-14T02:14:10Z").put("seconds", 3);
    assertThat(rejection(Channel.EVENTS, event)).hasMessageContaining("output");
  }

  @Test
  void readingValueAsTextIsNamedByIndex() {
    ObjectNode telemetry = valid(Channel.TELEMETRY);
    reading(telemetry, 1).put("value", "warm");
    ContractViolation v = rejection(Channel.TELEMETRY, telemetry);
    assertThat(v.field()).isEqualTo("/readings/1/value");
    assertThat(v.value()).isEqualTo("warm");
    assertThat(v).hasMessageContaining("'warm'");
  }

  @Test
  void unknownQuantityIsRefused() {
    ObjectNode telemetry = valid(Channel.TELEMETRY);
    reading(telemetry, 2).put("quantity", "co2");
    ContractViolation v = rejection(Channel.TELEMETRY, telemetry);
    assertThat(v.field()).isEqualTo("/readings/2/quantity");
    assertThat(v.value()).isEqualTo("co2");
    assertThat(v).hasMessageContaining("'co2'");
  }

  @Test
  void unitOfAnotherQuantityIsRefused() {
    ObjectNode telemetry = valid(Channel.TELEMETRY);
    reading(telemetry, 0).put("unit", "°C");
    ContractViolation v = rejection(Channel.TELEMETRY, telemetry);
    assertThat(v.field()).isEqualTo("/readings/0/unit");
    assertThat(v.value()).isEqualTo("°C");
    assertThat(v).hasMessageContaining("'°C'").hasMessageContaining("'%'").hasMessageContaining("soil_moisture");
  }

  @Test
  void unitOutsideTheContractIsRefused() {
    ObjectNode telemetry = valid(Channel.TELEMETRY);
    reading(telemetry, 1).put("unit", "°F");
    ContractViolation v = rejection(Channel.TELEMETRY, telemetry);
    assertThat(v.field()).isEqualTo("/readings/1/unit");
    assertThat(v).hasMessageContaining("'°F'");
  }

  @Test
  void soilMoistureAbovePhysicalRangeIsRefused() {
    ObjectNode telemetry = valid(Channel.TELEMETRY);
    reading(telemetry, 0).put("value", 140);
    ContractViolation v = rejection(Channel.TELEMETRY, telemetry);
    assertThat(v.field()).isEqualTo("/readings/0/value");
    assertThat(v.value()).isEqualTo("140.0");
    assertThat(v).hasMessageContaining("'140.0'").hasMessageContaining("0.0..100.0");
  }

  @Test
  void negativeLightIsRefused() {
    ObjectNode telemetry = valid(Channel.TELEMETRY);
    reading(telemetry, 3).put("value", -1.5);
    ContractViolation v = rejection(Channel.TELEMETRY, telemetry);
    assertThat(v.field()).isEqualTo("/readings/3/value");
    assertThat(v).hasMessageContaining("'-1.5'");
  }

  @Test
  void emptyReadingsAreRefused() {
    ObjectNode telemetry = valid(Channel.TELEMETRY);
    telemetry.putArray("readings");
    ContractViolation v = rejection(Channel.TELEMETRY, telemetry);
    assertThat(v.field()).isEqualTo("/readings");
    assertThat(v).hasMessageContaining("'[]'");
  }

  @ParameterizedTest
  @ValueSource(strings = {"GH-01", "gh_01", "-gh-01", "", "gh 01"})
  void malformedDeviceIdIsRefused(String deviceId) {
    ContractViolation v = rejection(Channel.TELEMETRY, valid(Channel.TELEMETRY).put("deviceId", deviceId));
    assertThat(v.field()).isEqualTo("/deviceId");
    assertThat(v.value()).isEqualTo(deviceId);
    assertThat(v).hasMessageContaining("'" + deviceId + "'");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "2025-06-14 02:15:00Z", "2025-06-14T02:15:00", "2025-06-14T09:15:00+07:00", "2025-06-14", "14/06/2025 09:15"})
  void timestampThatIsNotIsoUtcIsRefused(String at) {
    ObjectNode telemetry = valid(Channel.TELEMETRY);
    reading(telemetry, 0).put("at", at);
    ContractViolation v = rejection(Channel.TELEMETRY, telemetry);
    assertThat(v.field()).isEqualTo("/readings/0/at");
    assertThat(v.value()).isEqualTo(at);
    assertThat(v).hasMessageContaining("'" + at + "'");
  }

  @Test
  void timestampAsEpochNumberIsRefused() {
    ContractViolation v = rejection(Channel.STATUS, valid(Channel.STATUS).put("at", 1749867300));
    assertThat(v.field()).isEqualTo("/at");
    assertThat(v).hasMessageContaining("'1749867300'");
  }

  @Test
  void impossibleCalendarDateIsRefusedNamingTheField() {
    ContractViolation v = rejection(Channel.STATUS, valid(Channel.STATUS).put("at", "2025-02-30T10:00:00Z"));
    assertThat(v.field()).isEqualTo("/at");
    assertThat(v).hasMessageContaining("'2025-02-30T10:00:00Z'");
  }

  @Test
  void onCommandWithoutDurationIsRefused() {
    ObjectNode command = valid(Channel.COMMANDS);
    command.remove("durationS");
    ContractViolation v = rejection(Channel.COMMANDS, command);
    assertThat(v.field()).isEqualTo("/durationS");
    assertThat(v.value()).isNull();
    assertThat(v).hasMessageContaining("(missing)");
  }

  @Test
  void commandExpiringBeforeItWasIssuedIsRefused() {
    ObjectNode command = valid(Channel.COMMANDS).put("expiresAt", "2025-06-14T02:14:59Z");
    ContractViolation v = rejection(Channel.COMMANDS, command);
    assertThat(v.field()).isEqualTo("/expiresAt");
    assertThat(v.value()).isEqualTo("2025-06-14T02:14:59Z");
    assertThat(v).hasMessageContaining("'2025-06-14T02:14:59Z'").hasMessageContaining("issuedAt");
  }

  @Test
  void commandExpiringTheMomentItIsIssuedIsRefused() {
    ObjectNode command = valid(Channel.COMMANDS);
    command.put("expiresAt", command.get("issuedAt").asText());
    assertThat(rejection(Channel.COMMANDS, command).field()).isEqualTo("/expiresAt");
  }

  @Test
  void unknownCommandActionIsRefused() {
    ContractViolation v = rejection(Channel.COMMANDS, valid(Channel.COMMANDS).put("action", "toggle"));
    assertThat(v.field()).isEqualTo("/action");
    assertThat(v).hasMessageContaining("'toggle'");
  }

  @Test
  void ackWithUnknownStatusIsRefused() {
    ContractViolation v = rejection(Channel.ACKS, valid(Channel.ACKS).put("status", "done"));
    assertThat(v.field()).isEqualTo("/status");
    assertThat(v.value()).isEqualTo("done");
    assertThat(v).hasMessageContaining("'done'");
  }

  @Test
  void actuatorStateWithoutSinceIsNamedByActuator() {
    ObjectNode state = valid(Channel.STATE);
    ((ObjectNode) state.get("actuators").get("pump")).remove("since");
    ContractViolation v = rejection(Channel.STATE, state);
    assertThat(v.field()).isEqualTo("/actuators/pump/since");
  }

  @Test
  void fieldOfADottedActuatorIdIsAnExactPointer() {
    ObjectNode state = valid(Channel.STATE);
    ObjectNode zone = ((ObjectNode) state.get("actuators")).putObject("valve.zone-1");
    zone.put("on", "yes").put("since", "2025-06-14T02:15:00Z").put("cause", "startup");
    ContractViolation v = rejection(Channel.STATE, state);
    assertThat(v.field()).isEqualTo("/actuators/valve.zone-1/on");
    assertThat(v.value()).isEqualTo("yes");
  }

  @Test
  void receiptWithNegativeSeqIsRefused() {
    ObjectNode receipt = valid(Channel.RECEIPTS);
    ((ObjectNode) receipt.withArray("stored").get(0)).put("from", -1);
    ContractViolation v = rejection(Channel.RECEIPTS, receipt);
    assertThat(v.field()).isEqualTo("/stored/0/from");
    assertThat(v).hasMessageContaining("'-1'");
  }

  @Test
  void receiptWithABackwardRangeIsRefused() {
    ObjectNode receipt = valid(Channel.RECEIPTS);
    ((ObjectNode) receipt.withArray("stored").get(0)).put("from", 2000);
    ContractViolation v = rejection(Channel.RECEIPTS, receipt);
    assertThat(v.field()).isEqualTo("/stored/0");
    assertThat(v).hasMessageContaining("empty");
  }

  @Test
  void telemetryWithANegativeMonotonicTimeIsRefused() {
    ContractViolation v = rejection(Channel.TELEMETRY, valid(Channel.TELEMETRY).put("monoMs", -5));
    assertThat(v.field()).isEqualTo("/monoMs");
  }

  @Test
  void payloadThatIsNotJsonIsRefused() {
    ContractViolation v = rejection(Channel.TELEMETRY, "soil=63.4".getBytes(StandardCharsets.UTF_8));
    assertThat(v.field()).isEqualTo("(payload)");
    assertThat(v.value()).isEqualTo("soil=63.4");
    assertThat(v).hasMessageContaining("'soil=63.4'").hasMessageContaining("not valid JSON");
  }

  @Test
  void truncatedJsonIsRefused() {
    ContractViolation v = rejection(Channel.RECEIPTS, "{\"upToSeq\": 4".getBytes(StandardCharsets.UTF_8));
    assertThat(v.field()).isEqualTo("(payload)");
    assertThat(v).hasMessageContaining("not valid JSON");
  }

  @Test
  void emptyPayloadIsRefused() {
    ContractViolation v = rejection(Channel.STATUS, new byte[0]);
    assertThat(v.field()).isEqualTo("(payload)");
    assertThat(v.value()).isEmpty();
    assertThat(v).hasMessageContaining("is empty");
  }

  @Test
  void jsonThatIsNotAnObjectIsRefused() {
    ContractViolation v = rejection(Channel.RECEIPTS, "[1043]".getBytes(StandardCharsets.UTF_8));
    assertThat(v.field()).isEqualTo("/");
    assertThat(v).hasMessageContaining("'[1043]'");
  }

  @Test
  void messageOfAnotherChannelIsRefused() {
    ContractViolation v = rejection(Channel.TELEMETRY, valid(Channel.EVENTS));
    assertThat(v.field()).isIn("/bootId", "/readings");
  }

  @Test
  void readingsArrayOfTextIsNamed() {
    ObjectNode telemetry = valid(Channel.TELEMETRY);
    ArrayNode readings = telemetry.putArray("readings");
    readings.add("63.4");
    ContractViolation v = rejection(Channel.TELEMETRY, telemetry);
    assertThat(v.field()).isEqualTo("/readings/0");
    assertThat(v.value()).isEqualTo("63.4");
  }
}
