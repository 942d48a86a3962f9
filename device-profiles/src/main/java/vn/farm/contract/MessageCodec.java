package vn.farm.contract;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Encodes and decodes the messages of the contract as UTF-8 JSON. Decoding validates the payload against the
 * channel's JSON Schema (shipped in this jar under {@code /schemas}) and then against the rules a schema cannot
 * state (a reading's unit matches its quantity and its value is physically possible); any failure is a
 * {@link ContractViolation} naming the field and value. Thread-safe; build one and share it.
 */
public final class MessageCodec {
  /** Base of the schemas' {@code $id}s; resolved from the classpath, never fetched. */
  public static final String SCHEMA_BASE = "https://schemas.farm-greenhouse.org/v1/";

  private final ObjectMapper mapper;
  /** Schemas are loaded on the first decode of their channel: an edge agent decodes only three channels. */
  private final Map<Channel, JsonSchema> schemas = new java.util.concurrent.ConcurrentHashMap<>();
  private final JsonSchemaFactory factory;

  public MessageCodec() {
    this.mapper = newObjectMapper();
    this.factory = JsonSchemaFactory.getInstance(
        SpecVersion.VersionFlag.V202012,
        b -> b.schemaMappers(m -> m.mapPrefix(SCHEMA_BASE, "classpath:schemas/")));
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
    Set<ValidationMessage> errors = schemas.computeIfAbsent(channel,
        c -> factory.getSchema(java.net.URI.create(schemaId(c)))).validate(tree);
    if (!errors.isEmpty()) {
      ValidationMessage first =
          errors.stream().min(Comparator.comparing(m -> m.getInstanceLocation().toString())).orElseThrow();
      String field = pointer(first);
      JsonNode at = tree.at(field.equals("/") ? "" : field);
      Object value = at.isMissingNode() ? null : (at.isTextual() ? at.asText() : at.toString());
      if (first.getProperty() != null && "required".equals(first.getType())) {
        field = (field.equals("/") ? "" : field) + "/" + escape(first.getProperty());
        value = null;
      }
      throw new ContractViolation(field, value, first.getError() == null ? first.getMessage() : first.getError());
    }
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

  private static String pointer(ValidationMessage m) {
    // Built from the path's elements, not its printed form: a key such as "valve.zone-1" must stay one level.
    JsonNodePath path = m.getInstanceLocation();
    StringBuilder pointer = new StringBuilder();
    for (int i = 0; i < path.getNameCount(); i++) {
      pointer.append('/').append(escape(String.valueOf(path.getElement(i))));
    }
    return pointer.length() == 0 ? "/" : pointer.toString();
  }

  private static String escape(String key) {
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
