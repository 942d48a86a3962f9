package vn.farm.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.temporal.TemporalAccessor;
import java.util.Collection;
import java.util.Map;

/**
 * Writes records, and what they hold, as UTF-8 JSON with Jackson's streaming generator alone: a record as an
 * object of its components in their order, leaving out those that are null; an enum as its {@code @JsonValue}
 * text (else its name); {@code java.time} values as their ISO-8601 text ({@code Instant.toString()}); lists and
 * maps as arrays and objects; {@link JsonTree}s as themselves. That is what databind, configured as the contract
 * asks (ISO-8601 instants, no nulls), writes for the contract's records. A value of any other type is handed to
 * {@code fallback}, if one is given. Thread-safe.
 */
public final class JsonWriter {
  /** Writes a value this writer does not know, such as a databind tree. */
  public interface Fallback {
    void write(JsonGenerator g, Object value) throws IOException;
  }

  private static final JsonFactory JSON = new JsonFactory();
  private static final ClassValue<Part[]> PARTS = new ClassValue<>() {
    @Override
    protected Part[] computeValue(Class<?> type) {
      RecordComponent[] components = type.getRecordComponents();
      Part[] parts = new Part[components.length];
      for (int i = 0; i < components.length; i++) {
        Method accessor = components[i].getAccessor();
        accessor.setAccessible(true);
        parts[i] = new Part(RecordReader.nameOf(type, components[i]), accessor);
      }
      return parts;
    }
  };

  private final Fallback fallback;

  /** Creates a writer that refuses a value of a type it does not know. */
  public JsonWriter() {
    this(null);
  }

  /** Creates a writer that hands a value of a type it does not know to {@code fallback}. */
  public JsonWriter(Fallback fallback) {
    this.fallback = fallback;
  }

  /** Returns the UTF-8 JSON of {@code value}. */
  public byte[] write(Object value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      write(g, value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Writes {@code value} with {@code g}. */
  public void write(JsonGenerator g, Object value) throws IOException {
    if (value == null) {
      g.writeNull();
    } else if (value instanceof String s) {
      g.writeString(s);
    } else if (value instanceof Integer i) {
      g.writeNumber(i);
    } else if (value instanceof Long l) {
      g.writeNumber(l);
    } else if (value instanceof Double d) {
      g.writeNumber(d);
    } else if (value instanceof Boolean b) {
      g.writeBoolean(b);
    } else if (value instanceof Enum<?> e) {
      g.writeString(RecordReader.wireName(e));
    } else if (value instanceof Record) {
      g.writeStartObject();
      for (Part p : PARTS.get(value.getClass())) {
        Object v = p.get(value);
        if (v != null) {
          g.writeFieldName(p.name);
          write(g, v);
        }
      }
      g.writeEndObject();
    } else if (value instanceof TemporalAccessor) {
      g.writeString(value.toString());
    } else if (value instanceof JsonTree v) {
      v.write(g);
    } else if (value instanceof Collection<?> c) {
      g.writeStartArray();
      for (Object item : c) {
        write(g, item);
      }
      g.writeEndArray();
    } else if (value instanceof Map<?, ?> m) {
      g.writeStartObject();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        g.writeFieldName(String.valueOf(e.getKey()));
        write(g, e.getValue());
      }
      g.writeEndObject();
    } else if (value instanceof Float f) {
      g.writeNumber(f);
    } else if (value instanceof Short || value instanceof Byte) {
      g.writeNumber(((Number) value).intValue());
    } else if (value instanceof BigInteger b) {
      g.writeNumber(b);
    } else if (value instanceof BigDecimal b) {
      g.writeNumber(b);
    } else if (fallback != null) {
      fallback.write(g, value);
    } else {
      throw new IllegalArgumentException("cannot write a " + value.getClass().getName() + " as JSON");
    }
  }

  private record Part(String name, Method accessor) {
    Object get(Object record) {
      try {
        return accessor.invoke(record);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot read " + name + " of " + record.getClass().getName(), e);
      }
    }
  }
}
