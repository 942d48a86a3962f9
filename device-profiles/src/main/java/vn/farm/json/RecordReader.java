package vn.farm.json;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Binds a document ({@link JsonTree}) to a record, the way the project's files are read: every field of the
 * document must be a component of the record (named as the component, or by its {@code @JsonProperty}), a
 * component the document leaves out is null (0 or false when primitive) unless {@code @JsonProperty(required =
 * true)} says it must be there, an explicit null is refused for a primitive, and scalars are read as the
 * component's type asks (text for a String, whatever its form; a number for a number, also when written as text).
 * Components may be Strings, numbers, booleans, enums (by their {@code @JsonCreator} factory, else by their
 * {@code @JsonValue} text or name), lists, maps with text keys, and records. The first problem ends the reading
 * with a {@link BindException} naming the field's path and line.
 *
 * <p>It runs just past the project's ~300 lines because it is one recursive binder: the value, record, enum and
 * number cases call one another down a document, and the rules above (which field is required, what a null means,
 * how a scalar is read) are easiest to check against each other when they are in one place.
 */
public final class RecordReader {
  /** Each enum's constants with the text they are written as, found once a class. */
  private static final ClassValue<Map<Enum<?>, String>> WIRE_NAMES = new ClassValue<>() {
    @Override
    protected Map<Enum<?>, String> computeValue(Class<?> type) {
      Method value = null;
      for (Method m : type.getMethods()) {
        if (m.isAnnotationPresent(JsonValue.class) && m.getParameterCount() == 0) {
          value = m;
        }
      }
      Map<Enum<?>, String> names = new LinkedHashMap<>();
      for (Object constant : type.getEnumConstants()) {
        try {
          names.put((Enum<?>) constant, value == null ? ((Enum<?>) constant).name()
              : String.valueOf(value.invoke(constant)));
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException(e);
        }
      }
      return names;
    }
  };

  private RecordReader() {}

  /** A document that does not fit its record: where, and what is wrong. */
  public static final class BindException extends RuntimeException {
    private final String path;
    private final int line;
    private final String problem;
    private final List<String> known;

    BindException(String path, int line, String problem, List<String> known) {
      super((path.isEmpty() ? "(document)" : path) + (line > 0 ? " (line " + line + ")" : "") + ": " + problem);
      this.path = path;
      this.line = line;
      this.problem = problem;
      this.known = known;
    }

    /** Returns the field's path such as {@code inputs[0].chip}, or "" for the document itself. */
    public String path() {
      return path;
    }

    /** Returns the line the field starts on, or 0 when not known. */
    public int line() {
      return line;
    }

    /** Returns what is wrong, without the path. */
    public String problem() {
      return problem;
    }

    /** Returns the fields the record knows when the problem is an unknown field, or null. */
    public List<String> known() {
      return known;
    }
  }

  /** Binds {@code document} to the record {@code type}. */
  public static <T> T read(JsonTree document, Class<T> type) {
    return type.cast(value(document, type, ""));
  }

  private static Object value(JsonTree v, Type target, String path) {
    Class<?> raw = target instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) target;
    if (v == null || v.isNull()) {
      if (raw.isPrimitive()) {
        throw problem(path, v, "must not be null (a " + raw.getName() + ")");
      }
      return null;
    }
    if (raw == String.class) {
      if (v.isObject() || v.isArray()) {
        throw problem(path, v, "must be text, not " + kind(v));
      }
      return v.sourceText();
    }
    if (raw == Double.class || raw == double.class) {
      return number(v, path, "a number");
    }
    if (raw == Integer.class || raw == int.class) {
      return (int) whole(v, path, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }
    if (raw == Long.class || raw == long.class) {
      return whole(v, path, Long.MIN_VALUE, Long.MAX_VALUE);
    }
    if (raw == Boolean.class || raw == boolean.class) {
      if (v.isBoolean()) {
        return v.booleanValue();
      }
      if (v.isTextual() && (v.asText().equals("true") || v.asText().equals("false"))) {
        return Boolean.parseBoolean(v.asText());
      }
      throw problem(path, v, "'" + v.sourceText() + "' must be true or false");
    }
    if (raw.isEnum()) {
      return enumValue(v, raw, path);
    }
    if (raw == List.class) {
      if (!v.isArray()) {
        throw problem(path, v, "must be a list, not " + kind(v));
      }
      Type element = ((ParameterizedType) target).getActualTypeArguments()[0];
      List<Object> items = new ArrayList<>(v.size());
      for (int i = 0; i < v.size(); i++) {
        items.add(value(v.get(i), element, path + "[" + i + "]"));
      }
      return items;
    }
    if (raw == Map.class) {
      if (!v.isObject()) {
        throw problem(path, v, "must be a mapping, not " + kind(v));
      }
      Type valueType = ((ParameterizedType) target).getActualTypeArguments()[1];
      Map<String, Object> map = new LinkedHashMap<>();
      v.fieldMap().forEach((k, e) -> map.put(k, value(e, valueType, join(path, k))));
      return map;
    }
    if (raw.isRecord()) {
      return record(v, raw, path);
    }
    throw new IllegalArgumentException("cannot bind a " + raw.getName() + " at " + path);
  }

  private static Object record(JsonTree v, Class<?> type, String path) {
    if (!v.isObject()) {
      throw problem(path, v, "must be a mapping of fields, not " + kind(v));
    }
    RecordComponent[] components = type.getRecordComponents();
    List<String> names = new ArrayList<>(components.length);
    boolean[] required = new boolean[components.length];
    for (int i = 0; i < components.length; i++) {
      JsonProperty p = annotation(type, components[i]);
      names.add(nameOf(p, components[i]));
      required[i] = p != null && p.required();
    }
    for (Map.Entry<String, JsonTree> f : v.fieldMap().entrySet()) {
      if (!names.contains(f.getKey())) {
        throw new BindException(join(path, f.getKey()), f.getValue().line(),
            "Unrecognized field \"" + f.getKey() + "\" (known: " + String.join(", ", names) + ")", names);
      }
    }
    Object[] args = new Object[components.length];
    Class<?>[] types = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      RecordComponent c = components[i];
      String name = names.get(i);
      types[i] = c.getType();
      JsonTree field = v.get(name);
      if (field == null) {
        if (required[i]) {
          throw new BindException(join(path, name), v.line(), "missing: '" + name + "' must be given", null);
        }
        args[i] = defaultOf(c.getType());
      } else {
        args[i] = value(field, c.getGenericType(), join(path, name));
      }
    }
    try {
      Constructor<?> canonical = type.getDeclaredConstructor(types);
      canonical.setAccessible(true);
      return canonical.newInstance(args);
    } catch (InvocationTargetException e) {
      throw problem(path, v, String.valueOf(e.getCause().getMessage()));
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot create a " + type.getName(), e);
    }
  }

  private static Object enumValue(JsonTree v, Class<?> type, String path) {
    if (v.isObject() || v.isArray()) {
      throw problem(path, v, "must be text, not " + kind(v));
    }
    String text = v.sourceText();
    for (Method m : type.getDeclaredMethods()) {
      if (Modifier.isStatic(m.getModifiers()) && m.isAnnotationPresent(JsonCreator.class)
          && m.getParameterCount() == 1 && m.getParameterTypes()[0] == String.class) {
        try {
          return m.invoke(null, text);
        } catch (InvocationTargetException e) {
          throw problem(path, v, "'" + text + "': " + e.getCause().getMessage());
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    List<String> known = new ArrayList<>();
    for (Object constant : type.getEnumConstants()) {
      String name = wireName((Enum<?>) constant);
      if (name.equals(text)) {
        return constant;
      }
      known.add(name);
    }
    throw problem(path, v, "'" + text + "' is not one of " + String.join(", ", known));
  }

  /** Returns the text an enum constant is written as: its {@code @JsonValue} method's, else its name. */
  static String wireName(Enum<?> constant) {
    return WIRE_NAMES.get(constant.getDeclaringClass()).get(constant);
  }

  private static double number(JsonTree v, String path, String what) {
    if (v.isNumber()) {
      return v.doubleValue();
    }
    if (v.isTextual()) {
      try {
        return Double.parseDouble(v.asText().trim());
      } catch (NumberFormatException e) {
        // Reported below.
      }
    }
    throw problem(path, v, "'" + (v.isObject() || v.isArray() ? kind(v) : v.sourceText()) + "' is not " + what);
  }

  private static long whole(JsonTree v, String path, long min, long max) {
    if (v.isNumber() && v.isIntegralNumber() && v.canConvertToLong()) {
      long l = v.longValue();
      if (l >= min && l <= max) {
        return l;
      }
      throw problem(path, v, "'" + v.sourceText() + "' must be " + min + " to " + max);
    }
    double d = number(v, path, "a whole number");
    if (d != Math.rint(d) || d < min || d > max) {
      throw problem(path, v, "'" + v.sourceText() + "' is not a whole number from " + min + " to " + max);
    }
    return (long) d;
  }

  /** Returns the name a record's component has in a document: its {@code @JsonProperty}'s, else its own. */
  static String nameOf(Class<?> type, RecordComponent c) {
    return nameOf(annotation(type, c), c);
  }

  private static String nameOf(JsonProperty p, RecordComponent c) {
    return p != null && !p.value().isEmpty() ? p.value() : c.getName();
  }

  /** A component's {@code @JsonProperty}: it is on the record's field, since its target does not name components. */
  private static JsonProperty annotation(Class<?> type, RecordComponent c) {
    try {
      return type.getDeclaredField(c.getName()).getAnnotation(JsonProperty.class);
    } catch (NoSuchFieldException e) {
      return null;
    }
  }

  private static Object defaultOf(Class<?> type) {
    if (!type.isPrimitive()) {
      return null;
    }
    if (type == boolean.class) {
      return false;
    }
    if (type == double.class) {
      return 0.0;
    }
    if (type == long.class) {
      return 0L;
    }
    return 0;
  }

  private static String join(String path, String field) {
    return path.isEmpty() ? field : path + "." + field;
  }

  private static BindException problem(String path, JsonTree v, String problem) {
    return new BindException(path, v == null ? 0 : v.line(), problem, null);
  }

  private static String kind(JsonTree v) {
    return switch (v.getNodeType()) {
      case OBJECT -> "a mapping";
      case ARRAY -> "a list";
      default -> v.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    };
  }
}
