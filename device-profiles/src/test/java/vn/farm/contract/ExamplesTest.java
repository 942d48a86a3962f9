package vn.farm.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Keeps docs/protocol.md honest: each example shown there is a file here, decodes against its schema, is what the
 * encoder writes for the same message, and appears in the doc verbatim.
 */
class ExamplesTest {
  private static final Path PROTOCOL_DOC = Path.of("..", "docs", "protocol.md");
  /** Numbers compare by value, so 41250.0 in an example equals 41250 written by the encoder. */
  private static final Comparator<JsonNode> SAME_VALUE = (a, b) -> a.isNumber() && b.isNumber() ? Double.compare(a
      .doubleValue(), b.doubleValue()) : (a.equals(b) ? 0 : 1);

  private final MessageCodec codec = new MessageCodec();

  private static byte[] example(Channel channel) throws IOException {
    try (InputStream in = ExamplesTest.class.getResourceAsStream("/examples/" + channel.level() + ".json")) {
      assertThat(in).as("examples/%s.json", channel.level()).isNotNull();
      return in.readAllBytes();
    }
  }

  @ParameterizedTest
  @EnumSource(Channel.class)
  void exampleDecodesAgainstItsSchema(Channel channel) throws IOException {
    assertThat(codec.decode(channel, example(channel))).isInstanceOf(channel.messageType());
  }

  @ParameterizedTest
  @EnumSource(Channel.class)
  void exampleIsWhatTheEncoderWrites(Channel channel) throws IOException {
    byte[] example = example(channel);
    JsonNode written = codec.mapper().readTree(codec.encode(codec.decode(channel, example)));
    assertThat(written.equals(SAME_VALUE, codec.mapper().readTree(example)))
        .as("re-encoded %s example: %s", channel.level(), written).isTrue();
  }

  @ParameterizedTest
  @EnumSource(Channel.class)
  void exampleAppearsVerbatimInTheProtocolDoc(Channel channel) throws IOException {
    String doc = Files.readString(PROTOCOL_DOC, StandardCharsets.UTF_8);
    String example = new String(example(channel), StandardCharsets.UTF_8).strip();
    assertThat(doc).as("docs/protocol.md shows examples/%s.json", channel.level()).contains(example);
  }
}
