package vn.farm.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.net.URI;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Validates payload trees against the channels' JSON Schemas (shipped under {@code /schemas}, resolved from the
 * classpath, never fetched). Kept apart from {@link MessageCodec} so that the validator's classes load only when a
 * schema is first needed. Thread-safe.
 */
final class SchemaValidation {
  /** Schemas are loaded on the first validation of their channel. */
  private final Map<Channel, JsonSchema> schemas = new ConcurrentHashMap<>();
  private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
      b -> b.schemaMappers(m -> m.mapPrefix(MessageCodec.SCHEMA_BASE, "classpath:schemas/")));

  /** Throws a {@link ContractViolation} naming the first offending field when {@code tree} breaks the schema. */
  void validate(Channel channel, JsonNode tree) {
    Set<ValidationMessage> errors = schemas.computeIfAbsent(channel,
        c -> factory.getSchema(URI.create(MessageCodec.schemaId(c)))).validate(tree);
    if (errors.isEmpty()) {
      return;
    }
    ValidationMessage first =
        errors.stream().min(Comparator.comparing(m -> m.getInstanceLocation().toString())).orElseThrow();
    String field = pointer(first);
    JsonNode at = tree.at(field.equals("/") ? "" : field);
    Object value = at.isMissingNode() ? null : (at.isTextual() ? at.asText() : at.toString());
    if (first.getProperty() != null && "required".equals(first.getType())) {
      field = (field.equals("/") ? "" : field) + "/" + MessageCodec.escape(first.getProperty());
      value = null;
    }
    throw new ContractViolation(field, value, first.getError() == null ? first.getMessage() : first.getError());
  }

  private static String pointer(ValidationMessage m) {
    // Built from the path's elements, not its printed form: a key such as "valve.zone-1" must stay one level.
    JsonNodePath path = m.getInstanceLocation();
    StringBuilder pointer = new StringBuilder();
    for (int i = 0; i < path.getNameCount(); i++) {
      pointer.append('/').append(MessageCodec.escape(String.valueOf(path.getElement(i))));
    }
    return pointer.length() == 0 ? "/" : pointer.toString();
  }
}
