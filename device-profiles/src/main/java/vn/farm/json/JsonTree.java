package vn.farm.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed JSON or YAML document, or a value inside one: an object, an array, a string, a number, a boolean or
 * null. Read with Jackson's streaming parser alone, so that a process that reads its files and messages this way
 * never loads Jackson's databind (6.3 MiB of an edge agent's resident memory: its classes, the JDK's classes it
 * pulls in, and its caches; docs/performance.md). The methods are named and
 * behave as those of databind's {@code JsonNode} that the readers here used, so the two agree on every message.
 * Documents read with {@link #readDocument} also keep the line each value's field starts on, for problems that
 * name it, and a scalar's text as written. Immutable and thread-safe.
 *
 * <p>It runs past the project's ~300 lines because it is one value type with a wide surface: the parser that builds
 * it is about sixty lines, and the rest are the small accessors of {@code JsonNode} that callers use, each a line or
 * a few, which must stay together to keep agreeing with databind's on every message.
 */
public final class JsonTree implements Iterable<JsonTree> {
  /** What a value is; the names are JSON's (and databind's {@code JsonNodeType}'s). */
  public enum Type {
    OBJECT, ARRAY, STRING, NUMBER, BOOLEAN, NULL, MISSING
  }

  /** What {@link #path} returns for a field that is not there. */
  public static final JsonTree MISSING = new JsonTree(Type.MISSING, null, null, 0);
  private static final JsonTree NULL = new JsonTree(Type.NULL, null, null, 0);
  private static final JsonTree TRUE = new JsonTree(Type.BOOLEAN, Boolean.TRUE, null, 0);
  private static final JsonTree FALSE = new JsonTree(Type.BOOLEAN, Boolean.FALSE, null, 0);
  /**
   * Refuses a key repeated in one object: parsers differ on whether the first or the last counts, so such a
   * document could mean one thing here and another to its sender.
   */
  private static final JsonFactory JSON = JsonFactory.builder()
      .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private final Type type;
  /**
   * A {@code Map<String, JsonTree>}, a {@code List<JsonTree>}, a String, an Integer, Long, BigInteger or Double, or a
   * Boolean.
   */
  private final Object value;
  /** A scalar's text as the document wrote it ({@code 0x48}, {@code 1e3}), or null. */
  private final String text;
  /** The line the value's field (or the value, in an array or at the top) starts on, from 1; 0 when not kept. */
  private final int line;

  private JsonTree(Type type, Object value, String text, int line) {
    this.type = type;
    this.value = value;
    this.text = text;
    this.line = line;
  }

  /**
   * Parses one JSON value from {@code json} (what follows it is not read, as databind's {@code readTree} does not),
   * or returns null when it holds none, only white space. A key repeated in one object is a parse error.
   */
  public static JsonTree parse(byte[] json) throws IOException {
    try (JsonParser p = JSON.createParser(json)) {
      return read(p, false);
    }
  }

  /**
   * Reads the value at the parser's next token, or returns null at the end of its input; with {@code lines}, each
   * value keeps the line its field starts on and each scalar its text as written (for YAML files, whose problems
   * name lines and whose scalars may be read as text).
   */
  public static JsonTree read(JsonParser p, boolean lines) throws IOException {
    JsonToken t = p.nextToken();
    return t == null ? null : value(p, t, lines, lines ? p.currentTokenLocation().getLineNr() : 0);
  }

  private static JsonTree value(JsonParser p, JsonToken t, boolean lines, int line) throws IOException {
    switch (t) {
      case START_OBJECT: {
        Map<String, JsonTree> fields = new LinkedHashMap<>();
        for (JsonToken n = p.nextToken(); n != JsonToken.END_OBJECT; n = p.nextToken()) {
          String name = p.currentName();
          int at = lines ? p.currentTokenLocation().getLineNr() : 0;
          // A repeated field keeps its first place and its last value, as databind's tree does.
          fields.put(name, value(p, p.nextToken(), lines, at));
        }
        return new JsonTree(Type.OBJECT, Collections.unmodifiableMap(fields), null, line);
      }
      case START_ARRAY: {
        List<JsonTree> items = new ArrayList<>();
        for (JsonToken n = p.nextToken(); n != JsonToken.END_ARRAY; n = p.nextToken()) {
          items.add(value(p, n, lines, lines ? p.currentTokenLocation().getLineNr() : 0));
        }
        return new JsonTree(Type.ARRAY, Collections.unmodifiableList(items), null, line);
      }
      case VALUE_STRING:
        return new JsonTree(Type.STRING, p.getText(), null, line);
      case VALUE_NUMBER_INT: {
        Number n = switch (p.getNumberType()) {
          case INT -> p.getIntValue();
          case LONG -> p.getLongValue();
          default -> p.getBigIntegerValue();
        };
        return new JsonTree(Type.NUMBER, n, lines ? p.getText() : null, line);
      }
      case VALUE_NUMBER_FLOAT:
        return new JsonTree(Type.NUMBER, p.getDoubleValue(), lines ? p.getText() : null, line);
      case VALUE_TRUE:
        return lines ? new JsonTree(Type.BOOLEAN, Boolean.TRUE, p.getText(), line) : TRUE;
      case VALUE_FALSE:
        return lines ? new JsonTree(Type.BOOLEAN, Boolean.FALSE, p.getText(), line) : FALSE;
      case VALUE_NULL:
        return lines ? new JsonTree(Type.NULL, null, p.getText(), line) : NULL;
      default:
        throw new IOException("unexpected " + t + " in a document");
    }
  }

  public Type getNodeType() {
    return type;
  }

  public boolean isObject() {
    return type == Type.OBJECT;
  }

  public boolean isArray() {
    return type == Type.ARRAY;
  }

  public boolean isTextual() {
    return type == Type.STRING;
  }

  public boolean isNumber() {
    return type == Type.NUMBER;
  }

  /** Returns true for a number written without a fraction or exponent. */
  public boolean isIntegralNumber() {
    return type == Type.NUMBER && !(value instanceof Double);
  }

  public boolean isBoolean() {
    return type == Type.BOOLEAN;
  }

  public boolean isNull() {
    return type == Type.NULL;
  }

  public boolean isMissingNode() {
    return type == Type.MISSING;
  }

  /** Returns the line this value's field starts on (from 1), or 0 when its document was not read for lines. */
  public int line() {
    return line;
  }

  /** Returns true when this is an object with the field {@code name} (null or not). */
  public boolean has(String name) {
    return type == Type.OBJECT && fields().containsKey(name);
  }

  /** Returns the field {@code name} of an object, or null when there is none. */
  public JsonTree get(String name) {
    return type == Type.OBJECT ? fields().get(name) : null;
  }

  /** Returns the element {@code index} of an array, or null when there is none. */
  public JsonTree get(int index) {
    if (type != Type.ARRAY) {
      return null;
    }
    List<JsonTree> items = items();
    return index >= 0 && index < items.size() ? items.get(index) : null;
  }

  /** Returns the field {@code name}, or {@link #MISSING}, so that paths can be followed without checks. */
  public JsonTree path(String name) {
    JsonTree v = get(name);
    return v == null ? MISSING : v;
  }

  /** Returns the number of an object's fields or an array's elements, 0 for anything else. */
  public int size() {
    return switch (type) {
      case OBJECT -> fields().size();
      case ARRAY -> items().size();
      default -> 0;
    };
  }

  /** Returns the names of an object's fields in their order; none for anything else. */
  public Iterator<String> fieldNames() {
    return type == Type.OBJECT ? fields().keySet().iterator() : Collections.emptyIterator();
  }

  /** Returns an object's fields in their order; none for anything else. */
  public Map<String, JsonTree> fieldMap() {
    return type == Type.OBJECT ? fields() : Map.of();
  }

  /** Iterates over an array's elements or an object's field values; over nothing for anything else. */
  @Override
  public Iterator<JsonTree> iterator() {
    return switch (type) {
      case OBJECT -> fields().values().iterator();
      case ARRAY -> items().iterator();
      default -> Collections.emptyIterator();
    };
  }

  /** Returns a string's text, a scalar's JSON text ({@code 5}, {@code 5.0}, {@code true}, {@code null}), or "". */
  public String asText() {
    return switch (type) {
      case STRING -> (String) value;
      case NUMBER -> value instanceof Double d ? Double.toString(d) : value.toString();
      case BOOLEAN -> value.toString();
      case NULL -> "null";
      default -> "";
    };
  }

  /** Returns a scalar's text as its document wrote it, where it was kept, else {@link #asText}. */
  public String sourceText() {
    return text != null ? text : asText();
  }

  /** Returns a number's value as a double, or 0 for anything else. */
  public double doubleValue() {
    return type == Type.NUMBER ? ((Number) value).doubleValue() : 0.0;
  }

  /** Returns a number's value as a long (a fraction cut off), or 0 for anything else. */
  public long longValue() {
    return type == Type.NUMBER ? ((Number) value).longValue() : 0L;
  }

  /** Returns a number's value as an int (a fraction cut off), or 0 for anything else. */
  public int intValue() {
    return type == Type.NUMBER ? ((Number) value).intValue() : 0;
  }

  /** Returns a number's value as a BigInteger (a fraction cut off), or zero for anything else. */
  public BigInteger bigIntegerValue() {
    if (type != Type.NUMBER) {
      return BigInteger.ZERO;
    }
    if (value instanceof BigInteger b) {
      return b;
    }
    return value instanceof Double d ? BigDecimal.valueOf(d).toBigInteger() : BigInteger.valueOf(((Number) value)
        .longValue());
  }

  /** Returns true when this is a number within a long's range. */
  public boolean canConvertToLong() {
    if (type != Type.NUMBER) {
      return false;
    }
    if (value instanceof BigInteger b) {
      return b.bitLength() < 64;
    }
    if (value instanceof Double d) {
      return d >= Long.MIN_VALUE && d <= Long.MAX_VALUE;
    }
    return true;
  }

  /** Returns a number as a double, text that reads as one, 1 or 0 for a boolean, or 0 for anything else. */
  public double asDouble() {
    return switch (type) {
      case NUMBER -> ((Number) value).doubleValue();
      case BOOLEAN -> (Boolean) value ? 1.0 : 0.0;
      case STRING -> {
        try {
          yield Double.parseDouble(((String) value).trim());
        } catch (NumberFormatException e) {
          yield 0.0;
        }
      }
      default -> 0.0;
    };
  }

  /** Returns a number as a long, text that reads as one, 1 or 0 for a boolean, or {@code otherwise}. */
  public long asLong(long otherwise) {
    return switch (type) {
      case NUMBER -> ((Number) value).longValue();
      case BOOLEAN -> (Boolean) value ? 1 : 0;
      case STRING -> {
        try {
          yield Long.parseLong(((String) value).trim());
        } catch (NumberFormatException e) {
          yield otherwise;
        }
      }
      default -> otherwise;
    };
  }

  /** Returns a boolean's value, or false for anything else. */
  public boolean booleanValue() {
    return type == Type.BOOLEAN && (Boolean) value;
  }

  /** Returns a boolean's value, text "true" or "false", a number other than 0 as true, or {@code otherwise}. */
  public boolean asBoolean(boolean otherwise) {
    return switch (type) {
      case BOOLEAN -> (Boolean) value;
      case NUMBER -> ((Number) value).intValue() != 0;
      case STRING -> {
        String t = ((String) value).trim();
        yield t.equals("true") || (!t.equals("false") && otherwise);
      }
      default -> otherwise;
    };
  }

  /** Writes this value with {@code g}. */
  public void write(JsonGenerator g) throws IOException {
    switch (type) {
      case OBJECT -> {
        g.writeStartObject();
        for (Map.Entry<String, JsonTree> f : fields().entrySet()) {
          g.writeFieldName(f.getKey());
          f.getValue().write(g);
        }
        g.writeEndObject();
      }
      case ARRAY -> {
        g.writeStartArray();
        for (JsonTree v : items()) {
          v.write(g);
        }
        g.writeEndArray();
      }
      case STRING -> g.writeString((String) value);
      case NUMBER -> {
        if (value instanceof Integer i) {
          g.writeNumber(i);
        } else if (value instanceof Long l) {
          g.writeNumber(l);
        } else if (value instanceof BigInteger b) {
          g.writeNumber(b);
        } else {
          g.writeNumber((Double) value);
        }
      }
      case BOOLEAN -> g.writeBoolean((Boolean) value);
      case NULL -> g.writeNull();
      default -> {
        // A missing value writes nothing, as databind's MissingNode.
      }
    }
  }

  /** Returns the compact JSON of this value, as databind's {@code JsonNode.toString()}; "" for a missing one. */
  @Override
  public String toString() {
    if (type == Type.MISSING) {
      return "";
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = JSON.createGenerator(out)) {
      write(g);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString(java.nio.charset.StandardCharsets.UTF_8);
  }

  @SuppressWarnings("unchecked")
  private Map<String, JsonTree> fields() {
    return (Map<String, JsonTree>) value;
  }

  @SuppressWarnings("unchecked")
  private List<JsonTree> items() {
    return (List<JsonTree>) value;
  }
}
