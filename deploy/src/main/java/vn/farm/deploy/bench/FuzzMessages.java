package vn.farm.deploy.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import vn.farm.contract.Channel;
import vn.farm.contract.ContractViolation;
import vn.farm.contract.Event;
import vn.farm.contract.MessageCodec;
import vn.farm.contract.Quantity;
import vn.farm.contract.Reading;
import vn.farm.contract.Telemetry;

/**
 * Messages a broken or hostile controller might publish on the channels it may publish on: valid messages at the
 * contract's edges (the longest strings, characters outside the Basic Multilingual Plane, the largest arrays, the
 * bounds of every number, -0 and exponents, years 0001 and 9999, payloads of the largest size) and messages mutated
 * out of shape (a field removed or of the wrong type, cut short, bytes that are not UTF-8, a key repeated, nesting
 * two thousand deep, a number beyond a double, another device's id). Each is judged by the contract itself, the
 * schema-validating codec, so that what the cloud does with it can be checked: stored when valid and new, a
 * duplicate when valid with a seq already sent, rejected otherwise. Seeded: the same seed gives the same messages.
 * Not thread-safe.
 *
 * <p>It runs past the project's ~300 lines because it is one generator driven by one seeded random source: the valid
 * messages, their edges and the mutations draw from it in turn, so that the same seed gives the same messages, and
 * each way of breaking a message is a case of one switch best read as a list.
 */
public final class FuzzMessages {
  /** What the contract says the cloud must do with a message. */
  public enum Verdict { VALID, DUPLICATE, BAD }

  /** One message to publish, with the contract's verdict. */
  public record Message(String device, Channel channel, byte[] payload, Verdict verdict) {
    public String topic() {
      return "farm/v1/" + device + "/" + channel.level();
    }
  }

  private static final Channel[] CHANNELS = {Channel.TELEMETRY, Channel.TELEMETRY, Channel.TELEMETRY,
      Channel.TELEMETRY, Channel.EVENTS, Channel.EVENTS, Channel.EVENTS, Channel.STATE, Channel.STATE,
      Channel.STATUS, Channel.ACKS, Channel.ACKS};
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final String ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.:-";
  /** Characters of the text fields: ASCII, Vietnamese, outside the Basic Multilingual Plane, escaped in JSON. */
  private static final int[] CHARACTERS = "Cà chuaŨ🍅𝔣🌿\t\"\\\u0001\u2028ǅé".codePoints().toArray();

  private final Random random;
  private final List<String> devices;
  private final MessageCodec oracle = new MessageCodec();
  private final ObjectMapper mapper = oracle.mapper();
  private final Map<String, Long> nextSeq = new HashMap<>();
  private final Set<String> sent = new HashSet<>();
  private final Map<String, Set<String>> series = new HashMap<>();
  private int turn;

  public FuzzMessages(long seed, List<String> devices) {
    this.random = new Random(seed);
    this.devices = List.copyOf(devices);
  }

  /** Returns the next message and its verdict. */
  public Message next() {
    String device = devices.get(turn++ % devices.size());
    Channel channel = CHANNELS[random.nextInt(CHANNELS.length)];
    ObjectNode message = valid(device, channel);
    byte[] payload;
    int roll = random.nextInt(100);
    if (roll < 10) {
      payload = bytes(message);
    } else if (roll < 45) {
      payload = bytes(extreme(channel, message));
    } else {
      payload = mutate(message);
    }
    return new Message(device, channel, payload, judge(device, channel, payload));
  }

  private Verdict judge(String device, Channel channel, byte[] payload) {
    Object decoded;
    try {
      decoded = oracle.decode(channel, payload);
    } catch (ContractViolation e) {
      return Verdict.BAD;
    }
    JsonNode tree;
    try {
      tree = mapper.readTree(payload);
    } catch (java.io.IOException e) {
      return Verdict.BAD;
    }
    if (tree.has("deviceId") && !tree.get("deviceId").asText().equals(device)) {
      return Verdict.BAD;
    }
    if (decoded instanceof Telemetry t && refusedByTheCloud(device, t)) {
      return Verdict.BAD;
    }
    if (decoded != null && (channel == Channel.TELEMETRY || channel == Channel.EVENTS)) {
      return sent.add(device + '/' + channel.level() + '/' + tree.get("seq").asLong()) ? Verdict.VALID
          : Verdict.DUPLICATE;
    }
    return Verdict.VALID;
  }

  /**
   * Returns whether the cloud's own limits refuse telemetry that keeps the contract (docs/protocol.md): a reading
   * more than a day ahead of the cloud's clock, or more than 64 series for one controller. The messages here add
   * series either within a fixed dozen or by the hundred, so the order the cloud sees them in does not matter.
   */
  private boolean refusedByTheCloud(String device, Telemetry t) {
    Instant ahead = Instant.now().plus(java.time.Duration.ofDays(1));
    Set<String> known = series.computeIfAbsent(device, d -> new HashSet<>());
    Set<String> added = new HashSet<>();
    for (Reading r : t.readings()) {
      if (!t.clockUnsynced() && r.at().isAfter(ahead)) {
        return true;
      }
      String key = r.sensor() + '/' + r.quantity().wireName();
      if (!known.contains(key)) {
        added.add(key);
      }
    }
    if (known.size() + added.size() > 64) {
      return true;
    }
    known.addAll(added);
    return false;
  }

  private long seq(String device) {
    return nextSeq.merge(device, 1L, Long::sum);
  }

  private ObjectNode valid(String device, Channel channel) {
    String now = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
    ObjectNode m = JSON.objectNode();
    switch (channel) {
      case TELEMETRY -> {
        m.put("deviceId", device).put("bootId", "1-fuzz").put("seq", seq(device)).put("monoMs", 1000L * turn);
        ArrayNode readings = m.putArray("readings");
        for (Quantity q : Quantity.values()) {
          readings.addObject().put("sensor", "s-" + q.wireName()).put("quantity", q.wireName())
              .put("value", q.min() + random.nextDouble() * (q.max() - q.min())).put("unit", q.unit()).put("at", now);
        }
      }
      case EVENTS -> {
        m.put("deviceId", device).put("seq", seq(device)).put("type", Event.SENSOR_FAULT).put("severity", "warning")
            .put("at", now).put("message", "input soil-1 (ads1115) failed: NO_DEVICE");
        if (random.nextBoolean()) {
          m.put("type", Event.OUTPUT_RUN);
          m.putObject("run").put("output", "pump").put("startedAt", now).put("seconds", 184).put("litres", 36.8);
        }
      }
      case STATE -> {
        m.put("deviceId", device).put("at", now).put("configVersion", 3).put("outboxDepth", 0);
        m.putObject("actuators").putObject("pump").put("on", false).put("since", now).put("cause", "startup");
      }
      case STATUS -> m.put("online", true).put("at", now).put("bootId", "1-fuzz");
      case ACKS -> m.put("commandId", "fuzz-" + turn).put("status", "refused").put("reason", "test").put("at", now);
      default -> throw new IllegalArgumentException(channel.level() + " is not published by a controller");
    }
    return m;
  }

  /** Takes a valid message to one of the contract's edges; it stays valid unless the edge is passed. */
  private ObjectNode extreme(Channel channel, ObjectNode m) {
    switch (random.nextInt(9)) {
      case 0 -> longestStrings(channel, m);
      case 1 -> {
        if (channel == Channel.TELEMETRY) {
          // The largest array: of the device's own inputs, or of a thousand made-up ones.
          boolean madeUp = random.nextBoolean();
          String at = m.get("readings").get(0).get("at").asText();
          ArrayNode readings = m.putArray("readings");
          for (int i = 0; i < 1000; i++) {
            Quantity q = Quantity.values()[i % Quantity.values().length];
            readings.addObject().put("sensor", madeUp ? id(64) : longSensor(q)).put("quantity", q.wireName())
                .put("value", q.max()).put("unit", q.unit()).put("at", at);
          }
        } else if (channel == Channel.STATE) {
          ObjectNode actuators = m.putObject("actuators");
          for (int i = 0; i < 64; i++) {
            actuators.putObject(id(64)).put("on", true).put("since", "0001-01-01T00:00:00Z").put("cause",
                text(100));
          }
        }
      }
      case 2 -> {
        for (String time : List.of("at", "startedAt", "since")) {
          replaceAll(m, time, random.nextBoolean() ? "0001-01-01T00:00:00Z" : "9999-12-31T23:59:59.999999999Z");
        }
      }
      case 3 -> {
        if (channel == Channel.TELEMETRY) {
          m.put("monoMs", random.nextBoolean() ? 0 : 3_153_600_000_000L + random.nextInt(2));
        } else if (channel == Channel.EVENTS && m.has("run")) {
          ((ObjectNode) m.get("run")).put("seconds", 31_622_400).put("litres", 1_000_000_000);
        } else if (channel == Channel.STATE) {
          m.put("configVersion", Long.MAX_VALUE).put("outboxDepth", Long.MAX_VALUE);
        }
      }
      case 4 -> {
        if (m.has("seq")) {
          long big = Long.MAX_VALUE - random.nextInt(1_000_000);
          m.put("seq", big);
        }
      }
      case 5 -> {
        if (channel == Channel.TELEMETRY) {
          ObjectNode r = (ObjectNode) m.get("readings").get(0);
          Quantity q = Quantity.ofWireName(r.get("quantity").asText());
          r.put("value", random.nextBoolean() ? q.min() : q.max());
          ((ObjectNode) m.get("readings").get(1)).put("value", -0.0);
          ((ObjectNode) m.get("readings").get(2)).put("value", Double.MIN_VALUE);
        }
      }
      case 6 -> m.put("firmware", text(random.nextInt(5000)));
      case 7 -> m.putObject("deep").set("a", nested(200));
      default -> {
        // As large as a payload may be: padded by an unknown field to the byte.
        byte[] now = bytes(m);
        m.put("pad", "");
        int room = MessageCodec.MAX_PAYLOAD_BYTES - now.length - ",\"pad\":\"\"".length();
        m.put("pad", "x".repeat(Math.max(0, room - (random.nextBoolean() ? 0 : -1))));
      }
    }
    return m;
  }

  private void longestStrings(Channel channel, ObjectNode m) {
    switch (channel) {
      case TELEMETRY -> {
        m.put("bootId", id(64));
        m.get("readings").forEach(r -> ((ObjectNode) r).put("sensor", longSensor(Quantity.ofWireName(
            r.get("quantity").asText()))));
      }
      case EVENTS -> {
        m.put("type", "a." + "b".repeat(62)).put("message", text(2000));
        if (m.has("run")) {
          ((ObjectNode) m.get("run")).put("output", id(64));
        }
      }
      case STATE -> ((ObjectNode) m.get("actuators").get("pump")).put("cause", text(100));
      case STATUS -> m.put("bootId", id(64));
      case ACKS -> m.put("commandId", id(64)).put("reason", text(500));
      default -> {
      }
    }
  }

  /** Changes the message out of shape in one of many ways; most results break the contract, some do not. */
  private byte[] mutate(ObjectNode m) {
    List<String> fields = new java.util.ArrayList<>();
    m.fieldNames().forEachRemaining(fields::add);
    String field = fields.get(random.nextInt(fields.size()));
    byte[] whole = bytes(m);
    return switch (random.nextInt(16)) {
      case 0 -> bytes(m.without(field));
      case 1 -> bytes(m.set(field, wrongType()));
      case 2 -> java.util.Arrays.copyOf(whole, random.nextInt(whole.length));
      case 3 -> {
        whole[random.nextInt(whole.length)] = (byte) random.nextInt(256);
        yield whole;
      }
      case 4 -> {
        byte[] noise = new byte[random.nextInt(2000)];
        random.nextBytes(noise);
        yield noise;
      }
      case 5 -> new byte[0];
      case 6 -> ("{\"" + field + "\":1," + new String(whole, StandardCharsets.UTF_8).substring(1))
          .getBytes(StandardCharsets.UTF_8);
      case 7 -> {
        StringBuilder deep = new StringBuilder("{\"x\":");
        deep.append("[".repeat(2000)).append("]".repeat(2000)).append('}');
        yield deep.toString().getBytes(StandardCharsets.UTF_8);
      }
      case 8 -> new String(whole, StandardCharsets.UTF_8).replaceFirst("\"seq\":[0-9]+", "\"seq\":1e400")
          .getBytes(StandardCharsets.UTF_8);
      case 9 -> {
        yield new String(whole, StandardCharsets.UTF_8).replaceFirst("\"value\":[-0-9.Ee]+", "\"value\":1e400")
            .getBytes(StandardCharsets.UTF_8);
      }
      case 10 -> bytes(m.has("deviceId") ? m.put("deviceId", "another-device") : m.put("at", "yesterday"));
      case 11 -> bytes(m.put(field, text(random.nextInt(3000))));
      case 12 -> {
        if (m.has("message")) {
          m.put("message", "nul \u0000 inside");
        } else if (m.has("seq")) {
          m.put("seq", -1);
        } else {
          m.put("at", "2025-02-30T10:00:00Z");
        }
        yield bytes(m);
      }
      case 13 -> {
        m.put("pad", "x".repeat(MessageCodec.MAX_PAYLOAD_BYTES));
        yield bytes(m);
      }
      case 14 -> ("[" + new String(whole, StandardCharsets.UTF_8) + "]").getBytes(StandardCharsets.UTF_8);
      default -> "null".getBytes(StandardCharsets.UTF_8);
    };
  }

  private JsonNode wrongType() {
    return switch (random.nextInt(6)) {
      case 0 -> JSON.nullNode();
      case 1 -> JSON.numberNode(random.nextInt());
      case 2 -> JSON.textNode(text(20));
      case 3 -> JSON.booleanNode(true);
      case 4 -> JSON.arrayNode().add(1);
      default -> JSON.objectNode().put("x", 1);
    };
  }

  private static JsonNode nested(int depth) {
    JsonNode node = JSON.numberNode(1);
    for (int i = 0; i < depth; i++) {
      node = JSON.arrayNode().add(node);
    }
    return node;
  }

  private static void replaceAll(JsonNode node, String name, String value) {
    if (node instanceof ObjectNode o) {
      if (o.has(name) && value != null) {
        o.put(name, value);
      }
      o.forEach(child -> replaceAll(child, name, value));
    } else if (node instanceof ArrayNode a) {
      a.forEach(child -> replaceAll(child, name, value));
    }
  }

  /** An input id of the longest length, one per quantity: a controller's few series, with long names. */
  private static String longSensor(Quantity q) {
    String name = "input-" + q.wireName() + "-";
    return name + "x".repeat(64 - name.length());
  }

  private String id(int length) {
    StringBuilder s = new StringBuilder().append('a');
    while (s.length() < length) {
      s.append(ID_CHARS.charAt(random.nextInt(ID_CHARS.length())));
    }
    return s.toString();
  }

  /** Returns text of {@code codePoints} characters, many outside the Basic Multilingual Plane. */
  private String text(int codePoints) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < codePoints; i++) {
      s.appendCodePoint(CHARACTERS[random.nextInt(CHARACTERS.length)]);
    }
    return s.toString();
  }

  private byte[] bytes(JsonNode node) {
    try {
      return mapper.writeValueAsBytes(node);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
