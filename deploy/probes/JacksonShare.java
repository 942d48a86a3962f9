import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * What Jackson's databind costs a small JVM (jackson-share): reads a YAML document into a record, writes the record
 * as JSON and reads that back as a tree, the way the edge agent uses databind ("databind"), or does the same work
 * with jackson-core's streaming parser and generator alone, its YAML parser included ("core"); then prints the
 * process's VmRSS. Run by jackson-share with the agent's JVM options and a class-data archive of each variant.
 */
public class JacksonShare {
  public record Reading(String name, Instant at, List<Double> values, Inner inner) {}

  public record Inner(int a, String b) {}

  private static final String YAML = "name: x\nat: 2026-01-01T00:00:00Z\nvalues: [1.5, 2]\ninner: {a: 1, b: c}\n";

  public static void main(String[] args) throws Exception {
    for (int i = 0; i < 2000; i++) {
      if (args[0].equals("databind")) {
        databind();
      } else {
        core();
      }
    }
    String rss = Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmRSS"))
        .findFirst().orElseThrow();
    System.out.println(args[0] + " " + rss.replaceAll("\\s+", " "));
  }

  private static void databind() throws Exception {
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory()).registerModule(new JavaTimeModule());
    Reading r = yaml.readValue(YAML, Reading.class);
    ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    JsonNode tree = json.readTree(json.writeValueAsBytes(r));
    if (tree.size() != 4) {
      throw new AssertionError(tree);
    }
  }

  private static void core() throws Exception {
    int fields = 0;
    try (JsonParser p = new YAMLFactory().createParser(YAML)) {
      while (p.nextToken() != null) {
        fields += p.currentToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME ? 1 : 0;
      }
    }
    JsonFactory f = new JsonFactory();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = f.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("name", "x");
      g.writeStringField("at", Instant.parse("2026-01-01T00:00:00Z").toString());
      g.writeArrayFieldStart("values");
      g.writeNumber(1.5);
      g.writeNumber(2.0);
      g.writeEndArray();
      g.writeObjectFieldStart("inner");
      g.writeNumberField("a", 1);
      g.writeStringField("b", "c");
      g.writeEndObject();
      g.writeEndObject();
    }
    try (JsonParser p = f.createParser(out.toByteArray())) {
      while (p.nextToken() != null) {
        fields += p.currentToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME ? 1 : 0;
      }
    }
    if (fields != 12) {
      throw new AssertionError(fields);
    }
  }
}
