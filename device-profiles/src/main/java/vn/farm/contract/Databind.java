package vn.farm.contract;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
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
 * What {@link MessageCodec} does with Jackson's databind: decoding a channel against its JSON Schema and binding
 * the tree, and writing values its own writer does not know (the databind trees inside a {@link DeviceConfig}).
 * Kept apart so that a codec that never does either (an edge agent's) never loads databind. Thread-safe.
 */
final class Databind {
  final ObjectMapper mapper = newObjectMapper();
  private final SchemaValidation schemas = new SchemaValidation();

  static ObjectMapper newObjectMapper() {
    // A repeated key is refused, as JsonTree refuses it: the payload must not mean two things.
    return new ObjectMapper(com.fasterxml.jackson.core.JsonFactory.builder()
        .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build())
        .registerModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .setSerializationInclusion(JsonInclude.Include.NON_NULL);
  }

  void write(JsonGenerator g, Object value) throws IOException {
    mapper.writeValue(g, value);
  }

  /** Decodes {@code payload} after validating it against {@code channel}'s schema. */
  <T> T decode(Channel channel, byte[] payload, Class<T> type) {
    JsonNode tree;
    try {
      tree = mapper.readTree(payload);
    } catch (IOException e) {
      throw MessageCodec.notJson(payload, e);
    }
    if (tree == null || tree.isMissingNode()) {
      throw new ContractViolation("(payload)", "", "is empty");
    }
    schemas.validate(channel, tree);
    try {
      return mapper.treeToValue(tree, type);
    } catch (JsonProcessingException e) {
      // The schema cannot catch everything (an impossible date such as 2025-02-30 matches the timestamp pattern).
      String field = "(payload)";
      Object value = MessageCodec.preview(payload);
      if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
        field = m.getPath().stream()
            .map(r -> "/" + (r.getFieldName() != null ? MessageCodec.escape(r.getFieldName()) : r.getIndex()))
            .collect(Collectors.joining());
        JsonNode at = tree.at(field);
        value = at.isMissingNode() ? null : (at.isTextual() ? at.asText() : at.toString());
      }
      throw new ContractViolation(field, value, "does not map to " + type.getSimpleName() + ": "
          + e.getOriginalMessage());
    }
  }
}
