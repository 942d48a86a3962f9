package vn.farm.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The tree read with the streaming parser alone answers as databind's tree, which the readers were written for. */
class JsonTreeTest {
  private static final ObjectMapper DATABIND = new ObjectMapper();

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"a\":1,\"b\":[true,false,null],\"c\":{\"d\":\"x\"}}",
      "{\"int\":2147483647,\"long\":2147483648,\"big\":123456789012345678901234567890,\"neg\":-9223372036854775809}",
      "{\"f\":5.0,\"e\":1e3,\"small\":1.0E-7,\"huge\":1e400,\"frac\":0.1}",
      "{\"text\":\"Cà chua \\u0001 \\\"quoted\\\" / \\\\\",\"empty\":\"\"}",
      "[1,[2,[3,{}]],[]]",
      "\"just text\"", "42", "-0.0", "null", "true",
      "{\"a\":1} trailing [",
  })
  void answersAsDatabindsTree(String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    JsonTree ours = JsonTree.parse(bytes);
    JsonNode theirs = DATABIND.readTree(bytes);
    same(ours, theirs);
  }
  @Test
  void aKeyRepeatedInOneObjectIsRefusedAsTheContractsMapperRefusesIt() {
    byte[] bytes = "{\"twice\":1,\"other\":{\"twice\":2},\"twice\":3}".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> JsonTree.parse(bytes))
        .isInstanceOf(JsonParseException.class).hasMessageContaining("Duplicate field 'twice'");
    assertThatThrownBy(() -> vn.farm.contract.MessageCodec.newObjectMapper()
        .readTree(bytes)).isInstanceOf(JsonParseException.class)
        .hasMessageContaining("Duplicate field 'twice'");
  }

  private static void same(JsonTree ours, JsonNode theirs) {
    assertThat(ours.toString()).isEqualTo(theirs.toString());
    assertThat(ours.getNodeType().name()).isEqualTo(theirs.getNodeType().name());
    assertThat(ours.asText()).isEqualTo(theirs.asText());
    assertThat(ours.isIntegralNumber()).isEqualTo(theirs.isIntegralNumber());
    assertThat(ours.canConvertToLong()).isEqualTo(theirs.canConvertToLong());
    assertThat(ours.longValue()).isEqualTo(theirs.longValue());
    assertThat(ours.doubleValue()).isEqualTo(theirs.doubleValue());
    assertThat(ours.asDouble()).isEqualTo(theirs.asDouble());
    assertThat(ours.booleanValue()).isEqualTo(theirs.booleanValue());
    assertThat(ours.size()).isEqualTo(theirs.size());
    if (theirs.isNumber() && Double.isFinite(theirs.doubleValue())) {
      assertThat(ours.bigIntegerValue()).isEqualTo(theirs.bigIntegerValue());
    }
    for (int i = 0; i < theirs.size() && theirs.isArray(); i++) {
      same(ours.get(i), theirs.get(i));
    }
    theirs.fieldNames().forEachRemaining(name -> {
      assertThat(ours.has(name)).isTrue();
      same(ours.get(name), theirs.get(name));
    });
    assertThat(ours.fieldNames()).toIterable().containsExactlyElementsOf(() -> theirs.fieldNames());
  }

  @Test
  void nothingButWhiteSpaceIsNoValue() throws IOException {
    assertThat(JsonTree.parse("  \n".getBytes(StandardCharsets.UTF_8))).isNull();
    assertThat(DATABIND.readTree("  \n".getBytes(StandardCharsets.UTF_8)).isMissingNode()).isTrue();
  }

  @Test
  void brokenJsonFailsWithTheParsersMessage() {
    byte[] broken = "{\"version\": ".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> JsonTree.parse(broken)).isInstanceOf(IOException.class)
        .hasMessageContaining("end-of-input");
  }

  @Test
  void aMissingPathCanBeFollowedAndAnswersAsMissing() throws IOException {
    JsonTree tree = JsonTree.parse("{\"outputs\":{\"pump\":{\"on\":true}}}".getBytes(StandardCharsets.UTF_8));
    assertThat(tree.path("outputs").path("pump").path("on").booleanValue()).isTrue();
    JsonTree missing = tree.path("outputs").path("fan").path("on");
    assertThat(missing.isMissingNode()).isTrue();
    assertThat(missing.asLong(7)).isEqualTo(7);
    assertThat(missing.asBoolean(false)).isFalse();
    assertThat(missing.toString()).isEmpty();
  }

  @Test
  void yamlKeepsEachFieldsLineAndAScalarsTextAsWritten() throws IOException {
    JsonTree doc = Yaml.read("""
        id: board
        inputs:
          - id: air
            address: 0x44
            ratio: 1e3
        """.getBytes(StandardCharsets.UTF_8));
    JsonTree input = doc.get("inputs").get(0);
    assertThat(doc.get("inputs").line()).isEqualTo(2);
    assertThat(input.get("address").line()).isEqualTo(4);
    assertThat(input.get("address").intValue()).isEqualTo(0x44);
    assertThat(input.get("address").sourceText()).isEqualTo("0x44");
    assertThat(input.get("ratio").sourceText()).isEqualTo("1e3");
    assertThat(input.get("ratio").asText()).isEqualTo("1000.0");
    assertThat(input.get("ratio").getNodeType().name().toLowerCase(Locale.ROOT)).isEqualTo("number");
  }
}
