package vn.farm.contract;

import static vn.farm.contract.FieldChecks.id;
import static vn.farm.contract.FieldChecks.integer;
import static vn.farm.contract.FieldChecks.object;
import static vn.farm.contract.FieldChecks.required;
import static vn.farm.contract.FieldChecks.text;
import static vn.farm.contract.FieldChecks.timestamp;
import static vn.farm.contract.FieldChecks.violation;

import java.time.Instant;
import java.util.List;
import vn.farm.json.JsonTree;

/**
 * Checks a {@link Command} as {@code commands.schema.json} does and builds it, so that a device decodes the commands
 * it receives without loading the schema validator. Stateless and thread-safe.
 */
final class CommandChecks {
  private static final List<String> REQUIRED =
      List.of("commandId", "actuator", "action", "issuedAt", "expiresAt", "issuedBy");
  private static final int MAX_DURATION_S = 86400;

  private CommandChecks() {}

  static Command command(JsonTree tree) {
    object("", tree);
    for (String name : REQUIRED) {
      required("", tree, name);
    }
    String action = tree.get("action").isTextual() ? tree.get("action").asText() : null;
    if ("on".equals(action)) {
      required("", tree, "durationS");
    }
    // In the order of the fields' pointers, so that of several faults the one a schema reports first is named.
    Action parsed = switch (action == null ? "" : action) {
      case "on" -> Action.ON;
      case "off" -> Action.OFF;
      case "auto" -> Action.AUTO;
      default -> throw violation("/action", tree.get("action"), "must be one of on, off, auto");
    };
    String actuator = id("/actuator", tree.get("actuator"));
    String commandId = id("/commandId", tree.get("commandId"));
    Integer durationS = null;
    JsonTree duration = tree.get("durationS");
    if (duration != null) {
      durationS = (int) integer("/durationS", duration, 1, MAX_DURATION_S);
    }
    Instant expiresAt = timestamp("/expiresAt", tree.get("expiresAt"));
    Instant issuedAt = timestamp("/issuedAt", tree.get("issuedAt"));
    String issuedBy = text("/issuedBy", tree.get("issuedBy"), 128);
    if (!expiresAt.isAfter(issuedAt)) {
      throw new ContractViolation("/expiresAt", expiresAt, "must be after issuedAt " + issuedAt);
    }
    return new Command(commandId, actuator, parsed, durationS, issuedAt, expiresAt, issuedBy);
  }
}
