package vn.farm.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;

/**
 * Reads YAML documents into {@link JsonTree}s with Jackson's YAML parser (SnakeYAML underneath), each value
 * keeping the line its field starts on and each scalar its text as written. Thread-safe.
 */
public final class Yaml {
  private static final YAMLFactory FACTORY = new YAMLFactory();

  private Yaml() {}

  /** Reads the first document of {@code yaml}, or returns null when it holds none (an empty file). */
  public static JsonTree read(byte[] yaml) throws IOException {
    try (JsonParser p = FACTORY.createParser(yaml)) {
      return JsonTree.read(p, true);
    }
  }
}
