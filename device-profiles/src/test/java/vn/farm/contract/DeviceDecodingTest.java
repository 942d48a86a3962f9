package vn.farm.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Holds the field checks of commands, receipts and telemetry to the channels' JSON Schemas: for every variant of a
 * valid message, the codec with field checks accepts exactly what the schema codec accepts, with the same record,
 * and refuses exactly what it refuses, naming the same field and value.
 */
class DeviceDecodingTest {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final MessageCodec SCHEMAS = new MessageCodec();
  private static final MessageCodec DEVICE = MessageCodec.withFieldChecks();

  private static ObjectNode valid(Channel channel) {
    try {
      return (ObjectNode) SCHEMAS.mapper().readTree(SCHEMAS.encode(Samples.of(channel)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A field of a command set to each value, or removed for null. */
  static Stream<Arguments> commands() {
    List<Arguments> cases = new ArrayList<>();
    JsonNode[] wrongTypes = {JSON.nullNode(), JSON.numberNode(7), JSON.booleanNode(true), JSON.objectNode(),
        JSON.arrayNode(), JSON.textNode("")};
    for (String field : List.of("commandId", "actuator", "action", "durationS", "issuedAt", "expiresAt",
        "issuedBy")) {
      cases.add(command(field + " missing", c -> c.remove(field)));
      for (JsonNode wrong : wrongTypes) {
        cases.add(command(field + " = " + wrong, c -> c.set(field, wrong)));
      }
    }
    for (String field : List.of("commandId", "actuator")) {
      for (String id : List.of("a", "pump-2", "valve.zone_1:a", "-pump", "_pump", ".x", "pump 2", "bơm", "x".repeat(64),
          "x".repeat(65), "pump\n")) {
        cases.add(command(field + " = '" + id + "'", c -> c.put(field, id)));
      }
    }
    for (String action : List.of("on", "off", "auto", "ON", "Off", "toggle", " on")) {
      cases.add(command("action = " + action, c -> c.put("action", action)));
      cases.add(command("action = " + action + " without durationS", c -> c.put("action", action).remove("durationS")));
    }
    for (JsonNode d : List.of(JSON.numberNode(0), JSON.numberNode(1), JSON.numberNode(86400), JSON.numberNode(86401),
        JSON.numberNode(-5), JSON.numberNode(300.0), JSON.numberNode(300.5), JSON.numberNode(1e30),
        JSON.numberNode(Long.MAX_VALUE), JSON.numberNode(new java.math.BigInteger("99999999999999999999")),
        JSON.textNode("300"))) {
      cases.add(command("durationS = " + d, c -> c.set("durationS", d)));
      cases.add(command("off with durationS = " + d, c -> c.put("action", "off").set("durationS", d)));
    }
    for (String field : List.of("issuedAt", "expiresAt")) {
      for (String at : List.of("2025-06-14T02:15:30Z", "2025-06-14T02:15:30.5Z", "2025-06-14T02:15:30.123456789Z",
          "2025-06-14T02:15:30.1234567890Z", "2025-06-14T02:15:30", "2025-06-14T09:15:30+07:00",
          "2025-06-14 02:15:30Z", "2025-06-14", "2025-02-30T10:00:00Z", "2025-06-14T25:15:30Z", "2025-06-14T02:15:30z",
          "2999-01-01T00:00:00Z", "2000-01-01T00:00:00Z", "2025-06-14T02:15:30Z\n", " 2025-06-14T02:15:30Z")) {
        cases.add(command(field + " = " + at, c -> c.put(field, at)));
      }
    }
    cases.add(command("expiresAt = issuedAt", c -> c.set("expiresAt", c.get("issuedAt"))));
    cases.add(command("issuedBy of 128 characters", c -> c.put("issuedBy", "u".repeat(128))));
    cases.add(command("issuedBy of 129 characters", c -> c.put("issuedBy", "u".repeat(129))));
    cases.add(command("issuedBy in Vietnamese", c -> c.put("issuedBy", "user:Nguyễn Thị Lan")));
    cases.add(command("an unknown field", c -> c.put("priority", "high")));
    cases.add(command("two faults: actuator and issuedBy", c -> c.put("actuator", "").put("issuedBy", "")));
    cases.add(command("two faults: missing issuedBy, bad action", c -> c.put("action", "toggle").remove("issuedBy")));
    return cases.stream();
  }

  /** A receipt changed one way each. */
  static Stream<Arguments> receipts() {
    List<Arguments> cases = new ArrayList<>();
    cases.add(receipt("stored missing", r -> r.remove("stored")));
    for (JsonNode wrong : List.of(JSON.nullNode(), JSON.numberNode(7), JSON.textNode("1-4"), JSON.objectNode(),
        JSON.arrayNode())) {
      cases.add(receipt("stored = " + wrong, r -> r.set("stored", wrong)));
    }
    for (String field : List.of("from", "to")) {
      cases.add(receipt(field + " missing", r -> first(r).remove(field)));
      for (JsonNode seq : List.of(JSON.numberNode(0), JSON.numberNode(-1), JSON.numberNode(1040.0),
          JSON.numberNode(1040.5), JSON.textNode("1040"), JSON.nullNode(), JSON.booleanNode(false),
          JSON.numberNode(Long.MAX_VALUE), JSON.numberNode(new java.math.BigInteger("99999999999999999999")),
          JSON.numberNode(1e30))) {
        cases.add(receipt(field + " = " + seq, r -> first(r).set(field, seq)));
      }
    }
    cases.add(receipt("a backward range", r -> first(r).put("from", 2000)));
    cases.add(receipt("a range that is not an object", r -> ((ArrayNode) r.get("stored")).set(1, JSON.numberNode(5))));
    cases.add(receipt("a range with an unknown field", r -> first(r).put("note", "x")));
    cases.add(receipt("an unknown field", r -> r.put("upToSeq", 4)));
    cases.add(receipt("10,000 ranges", r -> ranges(r, 10000)));
    cases.add(receipt("10,001 ranges", r -> ranges(r, 10001)));
    cases.add(receipt("no stored ranges", r -> r.putArray("stored")));
    cases.add(receipt("no stored ranges and no rejections", r -> {
      r.putArray("stored");
      r.remove("rejected");
    }));
    cases.add(receipt("rejected missing", r -> r.remove("rejected")));
    for (JsonNode wrong : List.of(JSON.nullNode(), JSON.numberNode(7), JSON.textNode("1044"), JSON.objectNode(),
        JSON.arrayNode())) {
      cases.add(receipt("rejected = " + wrong, r -> r.set("rejected", wrong)));
    }
    for (String field : List.of("from", "to", "reason", "detail")) {
      cases.add(receipt("rejection without " + field, r -> rejection(r).remove(field)));
      for (JsonNode wrong : List.of(JSON.nullNode(), JSON.numberNode(-1), JSON.numberNode(1044.0),
          JSON.numberNode(1044.5), JSON.textNode(""), JSON.textNode("1044"), JSON.booleanNode(true),
          JSON.numberNode(new java.math.BigInteger("99999999999999999999")), JSON.objectNode())) {
        cases.add(receipt("rejection " + field + " = " + wrong, r -> rejection(r).set(field, wrong)));
      }
    }
    for (String reason : List.of("unstorable", "a-new-reason:2", "x".repeat(64), "x".repeat(65), "-x", "lý do")) {
      cases.add(receipt("rejection reason '" + reason + "'", r -> rejection(r).put("reason", reason)));
    }
    for (String detail : List.of("", "d".repeat(500), "d".repeat(501), "ơ".repeat(501),
        "🍅".repeat(500), "🍅".repeat(501))) {
      cases.add(receipt("rejection detail of " + detail.length() + " chars", r -> rejection(r).put("detail", detail)));
    }
    cases.add(receipt("a backward rejection", r -> rejection(r).put("from", 2000)));
    cases.add(receipt("a rejection with an unknown field", r -> rejection(r).put("code", 22001)));
    cases.add(receipt("faults in both lists", r -> {
      first(r).put("to", -1);
      rejection(r).put("from", -1);
    }));
    cases.add(receipt("faults in ranges 2 and 10", r -> {
      ranges(r, 12);
      ((ObjectNode) r.get("stored").get(2)).put("to", "x");
      ((ObjectNode) r.get("stored").get(10)).put("from", "x");
    }));
    cases.add(receipt("10,001 rejections", r -> {
      ArrayNode all = r.putArray("rejected");
      for (int i = 0; i < 10001; i++) {
        all.addObject().put("from", i).put("to", i).put("reason", "contract");
      }
    }));
    return cases.stream();
  }

  /** Telemetry changed one way each, or in several places at once. */
  static Stream<Arguments> telemetry() {
    List<Arguments> cases = new ArrayList<>();
    JsonNode[] wrongTypes = {JSON.nullNode(), JSON.numberNode(7), JSON.booleanNode(true), JSON.objectNode(),
        JSON.arrayNode(), JSON.textNode("")};
    for (String field : List.of("deviceId", "bootId", "seq", "readings", "monoMs", "unsynced")) {
      cases.add(telemetry(field + " missing", t -> t.remove(field)));
      for (JsonNode wrong : wrongTypes) {
        cases.add(telemetry(field + " = " + wrong, t -> t.set(field, wrong)));
      }
    }
    for (String id : List.of("gh-1", "a", "GH-1", "gh_1", "-gh", "gh 1", "x".repeat(64), "x".repeat(65), "gh-1\n",
        "nhà-1")) {
      String text = id.replace("\\n", "\n");
      cases.add(telemetry("deviceId = '" + id + "'", t -> t.put("deviceId", text)));
    }
    for (String id : List.of("boot-1", "b.2:x_y", "-b", "b 1", "x".repeat(64), "x".repeat(65))) {
      cases.add(telemetry("bootId = '" + id + "'", t -> t.put("bootId", id)));
    }
    for (String field : List.of("seq", "monoMs")) {
      for (JsonNode n : List.of(JSON.numberNode(0), JSON.numberNode(-1), JSON.numberNode(1042.0),
          JSON.numberNode(1042.5), JSON.numberNode(-0.5), JSON.textNode("1042"), JSON.numberNode(Long.MAX_VALUE),
          JSON.numberNode(new java.math.BigInteger("99999999999999999999")), JSON.numberNode(1e30),
          JSON.numberNode(-1e30))) {
        cases.add(telemetry(field + " = " + n, t -> t.set(field, n)));
      }
    }
    for (JsonNode m : List.of(JSON.numberNode(3_153_600_000_000L), JSON.numberNode(3_153_600_000_001L),
        JSON.numberNode(3.1536e12), JSON.numberNode(3.1537e12))) {
      cases.add(telemetry("monoMs = " + m + " (a hundred years is the most)", t -> t.set("monoMs", m)));
    }
    for (JsonNode u : List.of(JSON.booleanNode(false), JSON.textNode("true"), JSON.numberNode(1))) {
      cases.add(telemetry("unsynced = " + u, t -> t.set("unsynced", u)));
    }
    cases.add(telemetry("no readings", t -> t.putArray("readings")));
    cases.add(telemetry("1,000 readings", t -> readings(t, 1000)));
    cases.add(telemetry("1,001 readings", t -> readings(t, 1001)));
    for (JsonNode item : List.of(JSON.numberNode(5), JSON.textNode("soil=63"), JSON.nullNode(), JSON.arrayNode())) {
      cases.add(telemetry("a reading = " + item, t -> ((ArrayNode) t.get("readings")).set(1, item)));
    }
    for (String field : List.of("sensor", "quantity", "value", "unit", "at")) {
      cases.add(telemetry("a reading's " + field + " missing", t -> reading(t, 2).remove(field)));
      for (JsonNode wrong : wrongTypes) {
        cases.add(telemetry("a reading's " + field + " = " + wrong, t -> reading(t, 2).set(field, wrong)));
      }
    }
    for (String sensor : List.of("soil-1", "air.t:1_a", "-soil", "soil 1", "x".repeat(64), "x".repeat(65))) {
      cases.add(telemetry("sensor = '" + sensor + "'", t -> reading(t, 0).put("sensor", sensor)));
    }
    for (String q : List.of("soil_moisture", "vpd", "SOIL_MOISTURE", "ph", " light")) {
      cases.add(telemetry("quantity = " + q, t -> reading(t, 0).put("quantity", q)));
    }
    for (String unit : List.of("%", "°C", "%RH", "lx", "kPa", "°F", "%rh", "")) {
      cases.add(telemetry("unit = '" + unit + "'", t -> reading(t, 0).put("unit", unit)));
    }
    for (JsonNode v : List.of(JSON.numberNode(0), JSON.numberNode(100), JSON.numberNode(100.5), JSON.numberNode(-0.1),
        JSON.numberNode(63), JSON.numberNode(new java.math.BigInteger("99999999999999999999")),
        JSON.numberNode(new java.math.BigDecimal("1e400")), JSON.textNode("63.4"))) {
      cases.add(telemetry("soil moisture = " + v, t -> reading(t, 0).set("value", v)));
    }
    for (String at : List.of("2025-06-14T02:15:30Z", "2025-06-14T02:15:30.123456789Z", "2025-06-14T02:15:30",
        "2025-06-14T09:15:30+07:00", "2025-02-30T10:00:00Z", "2025-06-14T25:15:30Z", "2025-06-14T02:15:30Z\n",
        " 2025-06-14T02:15:30Z")) {
      String text = at.replace("\\n", "\n");
      cases.add(telemetry("at = " + at, t -> reading(t, 3).put("at", text)));
    }
    cases.add(telemetry("faults in readings 1 and 10", t -> {
      readings(t, 12);
      reading(t, 1).put("unit", "X");
      reading(t, 10).put("unit", "X");
    }));
    cases.add(telemetry("faults in readings 2 and 10", t -> {
      readings(t, 12);
      reading(t, 2).put("sensor", "-");
      reading(t, 10).remove("at");
    }));
    cases.add(telemetry("a missing sensor in reading 3 and a bad unit in reading 0", t -> {
      reading(t, 3).remove("sensor");
      reading(t, 0).put("unit", "X");
    }));
    cases.add(telemetry("bad seq and bad deviceId", t -> t.put("seq", -4).put("deviceId", "GH")));
    cases.add(telemetry("bad bootId and missing seq", t -> t.put("bootId", "").remove("seq")));
    cases.add(telemetry("a bad unit and a bad monoMs", t -> {
      reading(t, 4).put("unit", "X");
      t.put("monoMs", -1);
    }));
    cases.add(telemetry("impossible dates in readings 0 and 3", t -> {
      reading(t, 0).put("at", "2025-02-30T10:00:00Z");
      reading(t, 3).put("at", "2025-02-31T10:00:00Z");
    }));
    cases.add(telemetry("an impossible date and a seq beyond a long", t -> {
      reading(t, 0).put("at", "2025-02-30T10:00:00Z");
      t.set("seq", JSON.numberNode(new java.math.BigInteger("99999999999999999999")));
    }));
    cases.add(telemetry("a unit of another quantity and a value out of range", t -> {
      reading(t, 1).put("unit", "%");
      reading(t, 3).put("value", -5);
    }));
    cases.add(telemetry("an unknown field", t -> t.put("firmware", "1.2")));
    cases.add(telemetry("a reading with an unknown field", t -> reading(t, 0).put("raw", 12345)));
    return cases.stream();
  }

  @ParameterizedTest(name = "command with {0}")
  @MethodSource("commands")
  void deviceCodecDecidesCommandsAsTheSchemaDoes(String change, JsonNode payload) {
    assertSameOutcome(Channel.COMMANDS, payload.toString());
  }

  @ParameterizedTest(name = "receipt with {0}")
  @MethodSource("receipts")
  void deviceCodecDecidesReceiptsAsTheSchemaDoes(String change, JsonNode payload) {
    assertSameOutcome(Channel.RECEIPTS, payload.toString());
  }

  @ParameterizedTest(name = "telemetry with {0}")
  @MethodSource("telemetry")
  void fieldChecksDecideTelemetryAsTheSchemaDoes(String change, JsonNode payload) {
    assertSameOutcome(Channel.TELEMETRY, payload.toString());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("notObjects")
  void payloadThatIsNotAnObjectIsRefusedAsByTheSchema(String payload) {
    assertSameOutcome(Channel.COMMANDS, payload);
    assertSameOutcome(Channel.RECEIPTS, payload);
    assertSameOutcome(Channel.TELEMETRY, payload);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("duplicatedKeys")
  void payloadWithADuplicatedKeyIsRefusedByBothCodecs(String payload) {
    for (Channel channel : List.of(Channel.COMMANDS, Channel.RECEIPTS, Channel.TELEMETRY)) {
      byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
      for (MessageCodec codec : List.of(SCHEMAS, DEVICE)) {
        ContractViolation v = catchThrowableOfType(ContractViolation.class, () -> codec.decode(channel, bytes));
        assertThat(v).as("%s on %s", payload, channel).isNotNull();
        assertThat(v.getMessage()).contains("Duplicate field");
      }
    }
  }

  /** Two parsers may take the first or the last of a repeated key: a payload must not mean two things. */
  static Stream<String> duplicatedKeys() {
    return Stream.of("{\"seq\": 1, \"seq\": 2}", "{\"stored\": [], \"stored\": [{\"from\": 0, \"to\": 9}]}",
        "{\"readings\": [{\"value\": 1, \"value\": 99}]}");
  }

  static Stream<String> notObjects() {
    return Stream.of("[1043]", "\"on\"", "42", "null", "true", "{\"stored\": [1", "", "soil=63.4");
  }

  @Test
  void deviceCodecStillValidatesOtherChannelsWithTheirSchema() {
    ObjectNode event = valid(Channel.EVENTS).put("seq", -1);
    ContractViolation v = catchThrowableOfType(ContractViolation.class,
        () -> DEVICE.decode(Channel.EVENTS, event.toString().getBytes(StandardCharsets.UTF_8)));
    assertThat(v).isNotNull();
    assertThat(v.field()).isEqualTo("/seq");
  }

  @Test
  void deviceCodecDecodesCommandsAndReceiptsWithoutTheSchemaValidator() throws Exception {
    try (WithoutValidator loader = new WithoutValidator()) {
      Class<?> codecClass = loader.loadClass(MessageCodec.class.getName());
      Object device = codecClass.getMethod("withFieldChecks").invoke(null);
      java.lang.reflect.Method decode = codecClass.getMethod("decode", Class.class, byte[].class);
      Object command = decode.invoke(device, loader.loadClass(Command.class.getName()),
          SCHEMAS.encode(Samples.command()));
      Object receipt = decode.invoke(device, loader.loadClass(Receipt.class.getName()),
          SCHEMAS.encode(Samples.receipt()));
      assertThat(command).hasToString(Samples.command().toString());
      assertThat(receipt).hasToString(Samples.receipt().toString());
      // The loader is sound: a codec that validates against a schema cannot work in it.
      Object schemas = codecClass.getConstructor().newInstance();
      Throwable failure = catchThrowableOfType(java.lang.reflect.InvocationTargetException.class,
          () -> decode.invoke(schemas, loader.loadClass(Command.class.getName()), SCHEMAS.encode(Samples.command())));
      assertThat(failure).isNotNull();
      assertThat(failure.getCause()).isInstanceOf(NoClassDefFoundError.class).hasMessageContaining("networknt");
    }
  }

  /** Loads this module's contract classes afresh and refuses every class of the JSON Schema validator. */
  private static final class WithoutValidator extends java.net.URLClassLoader {
    WithoutValidator() {
      super(new java.net.URL[] {MessageCodec.class.getProtectionDomain().getCodeSource().getLocation()},
          DeviceDecodingTest.class.getClassLoader());
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (name.startsWith("com.networknt.")) {
        throw new ClassNotFoundException(name + " is kept out of this test");
      }
      if (!name.startsWith("vn.farm.contract.")) {
        return super.loadClass(name, resolve);
      }
      synchronized (getClassLoadingLock(name)) {
        Class<?> c = findLoadedClass(name);
        return c != null ? c : findClass(name);
      }
    }
  }

  private static void assertSameOutcome(Channel channel, String payload) {
    byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
    Object bySchema = null;
    Object byDevice = null;
    ContractViolation schemaRefusal = null;
    ContractViolation deviceRefusal = null;
    try {
      bySchema = SCHEMAS.decode(channel, bytes);
    } catch (ContractViolation e) {
      schemaRefusal = e;
    }
    try {
      byDevice = DEVICE.decode(channel, bytes);
    } catch (ContractViolation e) {
      deviceRefusal = e;
    }
    if (schemaRefusal == null) {
      assertThat(deviceRefusal).as("the schema accepts %s", payload).isNull();
      assertThat(byDevice).isEqualTo(bySchema);
    } else {
      assertThat(deviceRefusal).as("the schema refuses %s: %s", payload, schemaRefusal.getMessage()).isNotNull();
      assertThat(deviceRefusal.field()).as("field of %s", deviceRefusal.getMessage())
          .isEqualTo(schemaRefusal.field());
      assertThat(deviceRefusal.value()).as("value of %s", deviceRefusal.getMessage())
          .isEqualTo(schemaRefusal.value());
    }
  }

  private static Arguments command(String change, Consumer<ObjectNode> edit) {
    ObjectNode c = valid(Channel.COMMANDS);
    edit.accept(c);
    return Arguments.of(change, c);
  }

  private static Arguments receipt(String change, Consumer<ObjectNode> edit) {
    ObjectNode r = valid(Channel.RECEIPTS);
    edit.accept(r);
    return Arguments.of(change, r);
  }

  private static Arguments telemetry(String change, Consumer<ObjectNode> edit) {
    ObjectNode t = valid(Channel.TELEMETRY).put("monoMs", 86_400_123L).put("unsynced", true);
    edit.accept(t);
    return Arguments.of(change, t);
  }

  private static ObjectNode reading(ObjectNode telemetry, int i) {
    return (ObjectNode) telemetry.get("readings").get(i);
  }

  /** Replaces the readings with {@code count} copies of the first. */
  private static void readings(ObjectNode telemetry, int count) {
    JsonNode first = telemetry.get("readings").get(0);
    ArrayNode all = telemetry.putArray("readings");
    for (int i = 0; i < count; i++) {
      all.add(first.deepCopy());
    }
  }

  private static ObjectNode rejection(ObjectNode receipt) {
    return (ObjectNode) receipt.get("rejected").get(0);
  }

  private static ObjectNode first(ObjectNode receipt) {
    return (ObjectNode) receipt.get("stored").get(0);
  }

  private static void ranges(ObjectNode receipt, int count) {
    ArrayNode stored = receipt.putArray("stored");
    for (int i = 0; i < count; i++) {
      stored.addObject().put("from", 2L * i).put("to", 2L * i);
    }
  }
}
