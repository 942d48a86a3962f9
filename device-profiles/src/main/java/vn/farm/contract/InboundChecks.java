package vn.farm.contract;

import vn.farm.json.JsonTree;

/**
 * Decodes the messages received most often, {@link Command} and {@link Receipt} on a device and {@link Telemetry} in
 * the cloud, by checking each field in code what their channels' schemas state, then building the record directly.
 * An edge agent thereby never loads the JSON Schema validator (about 165 classes and their metadata, a noticeable
 * part of a Raspberry Pi agent's memory), and the cloud spends a fraction of the time per telemetry message that
 * validating the tree and binding it took. Failures are the same {@link ContractViolation}s as with the schemas:
 * the same field and value, a missing field first. The schemas stay the contract; the tests hold these checks to
 * them. Stateless and thread-safe.
 *
 * <p>Each channel's checks are their own class ({@link CommandChecks}, {@link ReceiptChecks},
 * {@link TelemetryChecks}) on the shared field checks of {@link FieldChecks}; this class picks one by channel.
 */
final class InboundChecks {
  private InboundChecks() {}

  /** Returns true when {@code channel}'s messages are checked here rather than by a schema. */
  static boolean covers(Channel channel) {
    return channel == Channel.COMMANDS || channel == Channel.RECEIPTS || channel == Channel.TELEMETRY;
  }

  /** Checks and builds the message of {@code channel}, one that {@link #covers} says is checked here. */
  static Object decode(Channel channel, JsonTree tree) {
    return switch (channel) {
      case COMMANDS -> CommandChecks.command(tree);
      case RECEIPTS -> ReceiptChecks.receipt(tree);
      case TELEMETRY -> TelemetryChecks.telemetry(tree);
      default -> throw new IllegalArgumentException("channel " + channel.level() + " has no field checks");
    };
  }
}
