package vn.farm.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class TopicsTest {
  private static final DeviceId DEVICE = DeviceId.of("gh-backan-01");

  @Test
  void topicIsFarmV1DeviceChannel() {
    assertThat(Topics.of(DEVICE, Channel.TELEMETRY)).isEqualTo("farm/v1/gh-backan-01/telemetry");
  }

  @ParameterizedTest
  @EnumSource(Channel.class)
  void everyChannelsTopicParsesBackToDeviceAndChannel(Channel channel) {
    Topics.Address address = Topics.parse(Topics.of(DEVICE, channel));
    assertThat(address).isEqualTo(new Topics.Address(DEVICE, channel));
  }

  @Test
  void filtersCoverEveryDeviceOrEveryChannel() {
    assertThat(Topics.allDevices(Channel.TELEMETRY)).isEqualTo("farm/v1/+/telemetry");
    assertThat(Topics.allChannels(DEVICE)).isEqualTo("farm/v1/gh-backan-01/#");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "farm/v1/Bad_Id/telemetry",
      "farm/v2/x/telemetry",
      "farm/v1/x/unknown",
      "farm/v1/x/telemetry/extra",
      "farm/v1/x",
      "farm/v1//telemetry",
      "farm/v1/x/Telemetry",
      "/farm/v1/x/telemetry",
      "farm/v1/+/telemetry"})
  void malformedTopicIsRefusedQuotingIt(String topic) {
    ContractViolation v = catchThrowableOfType(ContractViolation.class, () -> Topics.parse(topic));
    assertThat(v).isNotNull();
    assertThat(v.field()).isEqualTo("topic");
    assertThat(v.value()).isEqualTo(topic);
    assertThat(v).hasMessageContaining("'" + topic + "'");
  }

  @Test
  void invalidDeviceIdInTopicIsNamed() {
    assertThatThrownBy(() -> Topics.parse("farm/v1/Bad_Id/telemetry")).hasMessageContaining("deviceId 'Bad_Id'");
  }

  @Test
  void unknownChannelInTopicIsNamed() {
    assertThatThrownBy(() -> Topics.parse("farm/v1/x/unknown")).hasMessageContaining("channel 'unknown'");
  }

  @Test
  void nullTopicIsRefused() {
    assertThatThrownBy(() -> Topics.parse(null)).isInstanceOf(ContractViolation.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"a", "gh-01", "0", "gh-backan-01-0123456789-0123456789-0123456789-0123456789-01234"})
  void wellFormedDeviceIdsAreAccepted(String id) {
    assertThat(DeviceId.of(id).value()).isEqualTo(id);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "-gh", "GH", "gh_01", "gh.01", "gh/01"})
  void malformedDeviceIdIsRefusedQuotingIt(String id) {
    assertThatThrownBy(() -> DeviceId.of(id))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'" + id + "'");
  }

  @Test
  void deviceIdLongerThan64IsRefused() {
    assertThat(DeviceId.isValid("x".repeat(65))).isFalse();
  }

  @Test
  void retainedChannelsAreStateStatusAndConfig() {
    assertThat(Channel.values()).filteredOn(Channel::retained)
        .containsExactlyInAnyOrder(Channel.STATE, Channel.STATUS, Channel.CONFIG);
  }
}
