package vn.farm.contract;

/** Builds and parses the topics of the contract: {@code farm/v1/{deviceId}/{channel}}. */
public final class Topics {
  public static final String PREFIX = "farm/v1/";

  private Topics() {}

  /** Returns the topic on which {@code device} uses {@code channel}. */
  public static String of(DeviceId device, Channel channel) {
    return PREFIX + device.value() + "/" + channel.level();
  }

  /** Returns the subscription filter for {@code channel} of every device. */
  public static String allDevices(Channel channel) {
    return PREFIX + "+/" + channel.level();
  }

  /** Returns the subscription filter for every channel of {@code device}. */
  public static String allChannels(DeviceId device) {
    return PREFIX + device.value() + "/#";
  }

  /** Splits a concrete topic into its device and channel, or throws a {@link ContractViolation} naming it. */
  public static Address parse(String topic) {
    if (topic == null || !topic.startsWith(PREFIX)) {
      throw new ContractViolation("topic", topic, "does not start with " + PREFIX);
    }
    String rest = topic.substring(PREFIX.length());
    int slash = rest.indexOf('/');
    if (slash < 0 || rest.indexOf('/', slash + 1) >= 0) {
      throw new ContractViolation("topic", topic, "is not farm/v1/{deviceId}/{channel}");
    }
    String device = rest.substring(0, slash);
    String level = rest.substring(slash + 1);
    if (!DeviceId.isValid(device)) {
      throw new ContractViolation("topic", topic, "has an invalid deviceId '" + device + "'");
    }
    try {
      return new Address(DeviceId.of(device), Channel.ofLevel(level));
    } catch (IllegalArgumentException e) {
      throw new ContractViolation("topic", topic, e.getMessage());
    }
  }

  /** A device and channel taken from a topic. */
  public record Address(DeviceId deviceId, Channel channel) {}
}
