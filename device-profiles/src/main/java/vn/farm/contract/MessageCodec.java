package vn.farm.contract;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.util.stream.Collectors;

/**
 * Encodes and decodes the messages of the contract as UTF-8 JSON. Decoding validates the payload against the
 * channel's JSON Schema (shipped in this jar under {@code /schemas}) and then against the rules a schema cannot
 * state (a reading's unit matches its quantity and its value is physically possible); any failure is a
 * {@link ContractViolation} naming the field and value. A codec made by {@link #withFieldChecks()} checks the
 * messages received most often, commands, receipts and telemetry, field by field in code instead (the same rules
 * and the same violations), so that a device never loads the schema validator and the cloud ingests faster.
 * Thread-safe; build one and share it.
 */
public final class MessageCodec {
  /** Base of the schemas' {@code $id}s; resolved from the classpath, never fetched. */
  public static final String SCHEMA_BASE = "https://schemas.farm-greenhouse.org/v1/";

  private final ObjectMapper mapper;
  private final boolean fieldChecks;
  /** Made on the first decode that needs a schema, so that a codec that never does never loads the validator. */
  private volatile SchemaValidation schemas;

  /** Creates a codec that validates every channel against its JSON Schema. */
  public MessageCodec() {
    this(false);
  }

  private MessageCodec(boolean fieldChecks) {
    this.mapper = newObjectMapper();
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
    return new ObjectMapper()
        .registerModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .setSerializationInclusion(JsonInclude.Include.NON_NULL);
  }

  /** Returns the {@code $id} of the schema for {@code channel}. */
  public static String schemaId(Channel channel) {
    return SCHEMA_BASE + channel.level() + ".schema.json";
  }

  /** Returns the UTF-8 JSON of {@code message}, which must be one of the contract's records. */
  public byte[] encode(Object message) {
    Channel.carrying(message.getClass());
    try {
      return mapper.writeValueAsBytes(message);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot encode " + message.getClass().getSimpleName(), e);
    }
  }

  /** Decodes and validates a payload received on {@code channel}. */
  public Object decode(Channel channel, byte[] payload) {
    return decode(channel, payload, channel.messageType());
  }

  /** Decodes and validates a payload received on the channel that carries {@code type}. */
  public <T> T decode(Class<T> type, byte[] payload) {
    return decode(Channel.carrying(type), payload, type);
  }

  private <T> T decode(Channel channel, byte[] payload, Class<T> type) {
    JsonNode tree;
    try {
      tree = mapper.readTree(payload);
    } catch (IOException e) {
      throw new ContractViolation("(payload)", preview(payload), "is not valid JSON: " + (e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()));
    }
    if (tree == null || tree.isMissingNode()) {
      throw new ContractViolation("(payload)", "", "is empty");
    }
    if (fieldChecks && InboundChecks.covers(channel)) {
      Object checked = InboundChecks.decode(channel, tree);
      checkSemantics(checked);
      return type.cast(checked);
    }
    schemas().validate(channel, tree);
    T message;
    try {
      message = mapper.treeToValue(tree, type);
    } catch (JsonProcessingException e) {
      // The schema cannot catch everything (an impossible date such as 2025-02-30 matches the timestamp pattern).
      String field = "(payload)";
      Object value = preview(payload);
      if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
        field = m.getPath().stream()
            .map(r -> "/" + (r.getFieldName() != null ? escape(r.getFieldName()) : r.getIndex()))
            .collect(Collectors.joining());
        JsonNode at = tree.at(field);
        value = at.isMissingNode() ? null : (at.isTextual() ? at.asText() : at.toString());
      }
      throw new ContractViolation(field, value, "does not map to " + type.getSimpleName() + ": "
          + e.getOriginalMessage());
    }
    checkSemantics(message);
    return message;
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

  private SchemaValidation schemas() {
    SchemaValidation s = schemas;
    if (s == null) {
      synchronized (this) {
        s = schemas;
        if (s == null) {
          s = new SchemaValidation();
          schemas = s;
        }
      }
    }
    return s;
  }

  static String escape(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }

  private static String preview(byte[] payload) {
    String s = new String(payload, java.nio.charset.StandardCharsets.UTF_8);
    return s.length() > 60 ? s.substring(0, 60) : s;
  }

  /** Returns the mapper used for payloads, for callers that need plain JSON in the same style. */
  public ObjectMapper mapper() {
    return mapper;
  }
}
