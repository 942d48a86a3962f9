package vn.farm.contract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import vn.farm.json.JsonTree;
import vn.farm.json.JsonWriter;

/**
 * Encodes and decodes the messages of the contract as UTF-8 JSON. Decoding validates the payload against the
 * channel's JSON Schema (shipped in this jar under {@code /schemas}) and then against the rules a schema cannot
 * state (a reading's unit matches its quantity and its value is physically possible); any failure is a
 * {@link ContractViolation} naming the field and value. A codec made by {@link #withFieldChecks()} checks the
 * messages received most often, commands, receipts and telemetry, field by field in code instead (the same rules
 * and the same violations), so that a device never loads the schema validator and the cloud ingests faster.
 * Encoding, and decoding with field checks, use Jackson's streaming parser and generator alone ({@link JsonTree},
 * {@link JsonWriter}); Jackson's databind is loaded only for a schema or a databind value, so an edge agent, which
 * needs neither, never loads it. Thread-safe; build one and share it.
 */
public final class MessageCodec {
  /** Base of the schemas' {@code $id}s; resolved from the classpath, never fetched. */
  public static final String SCHEMA_BASE = "https://schemas.farm-greenhouse.org/v1/";
  /**
   * Most bytes of one payload, on every channel: what an edge agent's outbox holds at most in one record, and well
   * above the largest message a sender of the contract writes (1,000 readings with the longest ids, about 190 KB).
   * Brokers are set to refuse a packet just above it.
   */
  public static final int MAX_PAYLOAD_BYTES = 256 * 1024;

  private final boolean fieldChecks;
  private final JsonWriter writer = new JsonWriter((g, value) -> databind().write(g, value));
  /** Made on the first use that needs databind, so that a codec that never does never loads it. */
  private volatile Databind databind;

  /** Creates a codec that validates every channel against its JSON Schema. */
  public MessageCodec() {
    this(false);
  }

  private MessageCodec(boolean fieldChecks) {
    this.fieldChecks = fieldChecks;
  }

  /**
   * Returns a codec that checks commands, receipts and telemetry field by field in code, with the same outcome as
   * their schemas, and validates any other channel against its schema, loaded on first use. An edge agent decodes
   * with it so as never to load the schema validator; the cloud, so as to spend less on each telemetry message.
   */
  public static MessageCodec withFieldChecks() {
    return new MessageCodec(true);
  }

  /** Returns an ObjectMapper configured as the contract expects (ISO-8601 instants, no nulls written). */
  public static ObjectMapper newObjectMapper() {
    return Databind.newObjectMapper();
  }

  /** Returns the {@code $id} of the schema for {@code channel}. */
  public static String schemaId(Channel channel) {
    return SCHEMA_BASE + channel.level() + ".schema.json";
  }

  /** Returns the UTF-8 JSON of {@code message}, which must be one of the contract's records. */
  public byte[] encode(Message message) {
    Channel.carrying(message.getClass());
    try {
      return writer.write(message);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("cannot encode " + message.getClass().getSimpleName(), e);
    }
  }

  /** Decodes and validates a payload received on {@code channel}. */
  public Message decode(Channel channel, byte[] payload) {
    return decode(channel, payload, channel.messageType());
  }

  /** Decodes and validates a payload received on the channel that carries {@code type}. */
  public <T> T decode(Class<T> type, byte[] payload) {
    return decode(Channel.carrying(type), payload, type);
  }

  private <T> T decode(Channel channel, byte[] payload, Class<T> type) {
    if (payload.length > MAX_PAYLOAD_BYTES) {
      throw new ContractViolation("(payload)", preview(payload), "is " + payload.length + " bytes long; a message "
          + "is at most " + MAX_PAYLOAD_BYTES);
    }
    T message;
    if (fieldChecks && InboundChecks.covers(channel)) {
      JsonTree tree;
      try {
        tree = JsonTree.parse(payload);
      } catch (IOException e) {
        throw notJson(payload, e);
      }
      if (tree == null) {
        throw new ContractViolation("(payload)", "", "is empty");
      }
      message = type.cast(InboundChecks.decode(channel, tree));
    } else {
      message = databind().decode(channel, payload, type);
    }
    checkSemantics(message);
    return message;
  }

  static ContractViolation notJson(byte[] payload, IOException e) {
    return new ContractViolation("(payload)", preview(payload), "is not valid JSON: "
        + (e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()));
  }

  private static void checkSemantics(Object message) {
    if (message instanceof Telemetry t) {
      for (int i = 0; i < t.readings().size(); i++) {
        Reading r = t.readings().get(i);
        if (!r.quantity().unit().equals(r.unit())) {
          throw new ContractViolation("/readings/" + i + "/unit", r.unit(),
              "must be '" + r.quantity().unit() + "' for " + r.quantity().wireName());
        }
        if (!Double.isFinite(r.value()) || r.value() < r.quantity().min() || r.value() > r.quantity().max()) {
          throw new ContractViolation("/readings/" + i + "/value", r.value(),
              "is outside the physical range " + r.quantity().min() + ".." + r.quantity().max() + " "
                  + r.unit() + " of " + r.quantity().wireName());
        }
      }
    } else if (message instanceof Command c) {
      if (!c.expiresAt().isAfter(c.issuedAt())) {
        throw new ContractViolation("/expiresAt", c.expiresAt(), "must be after issuedAt " + c.issuedAt());
      }
    }
  }

  private Databind databind() {
    Databind d = databind;
    if (d == null) {
      synchronized (this) {
        d = databind;
        if (d == null) {
          d = new Databind();
          databind = d;
        }
      }
    }
    return d;
  }

  static String escape(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }

  static String preview(byte[] payload) {
    String s = new String(payload, java.nio.charset.StandardCharsets.UTF_8);
    return s.length() > 60 ? s.substring(0, 60) : s;
  }

  /** Returns the mapper used for payloads, for callers that need plain JSON in the same style. */
  public ObjectMapper mapper() {
    return databind().mapper;
  }
}
