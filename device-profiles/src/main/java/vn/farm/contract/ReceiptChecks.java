package vn.farm.contract;

import static vn.farm.contract.FieldChecks.id;
import static vn.farm.contract.FieldChecks.integer;
import static vn.farm.contract.FieldChecks.kind;
import static vn.farm.contract.FieldChecks.object;
import static vn.farm.contract.FieldChecks.required;
import static vn.farm.contract.FieldChecks.textUpTo;
import static vn.farm.contract.FieldChecks.violation;

import java.util.ArrayList;
import java.util.List;
import vn.farm.json.JsonTree;

/**
 * Checks a {@link Receipt} as {@code receipts.schema.json} does and builds it, so that a device reads the cloud's
 * receipts without loading the schema validator. Stateless and thread-safe.
 */
final class ReceiptChecks {
  private static final int MAX_RANGES = 10000;
  private static final int MAX_DETAIL = 500;
  private static final List<String> STORED_REQUIRED = List.of("from", "to");
  private static final List<String> REJECTION_REQUIRED = List.of("from", "to", "reason");

  private ReceiptChecks() {}

  /**
   * Checks a receipt as {@code receipts.schema.json} does, reporting of several faults the one at the least JSON
   * pointer as the schema validation does ({@code rejected} sorts before {@code stored}), then the ranges' order, as
   * binding the records would, in the order the schema puts the fields.
   */
  static Receipt receipt(JsonTree tree) {
    object("", tree);
    required("", tree, "stored");
    Faults faults = new Faults();
    JsonTree rejected = tree.get("rejected");
    if (rejected != null) {
      rangeFaults("/rejected", rejected, REJECTION_REQUIRED, faults);
    }
    JsonTree stored = tree.get("stored");
    rangeFaults("/stored", stored, STORED_REQUIRED, faults);
    faults.throwFirst();
    List<Receipt.Rejection> rejections = new ArrayList<>();
    if (rejected != null) {
      for (int i = 0; i < rejected.size(); i++) {
        JsonTree r = rejected.get(i);
        long[] range = range("/rejected/" + i, r);
        JsonTree detail = r.get("detail");
        rejections.add(new Receipt.Rejection(range[0], range[1], r.get("reason").asText(),
            detail == null ? null : detail.asText()));
      }
    }
    List<Receipt.SeqRange> ranges = new ArrayList<>(stored.size());
    for (int i = 0; i < stored.size(); i++) {
      long[] range = range("/stored/" + i, stored.get(i));
      ranges.add(new Receipt.SeqRange(range[0], range[1]));
    }
    return new Receipt(ranges, rejections);
  }

  /** Adds the faults of an array of seq ranges at {@code at}, each an object with {@code required} fields. */
  private static void rangeFaults(String at, JsonTree ranges, List<String> required, Faults faults) {
    if (!ranges.isArray()) {
      faults.add(at, violation(at, ranges, "must be an array of seq ranges, not " + kind(ranges)));
      return;
    }
    if (ranges.size() > MAX_RANGES) {
      faults.add(at, violation(at, ranges, "must hold at most " + MAX_RANGES + " seq ranges, not " + ranges.size()));
      return;
    }
    for (int i = 0; i < ranges.size(); i++) {
      String item = at + "/" + i;
      JsonTree range = ranges.get(i);
      if (!range.isObject()) {
        faults.add(item, violation(item, range, "must be a JSON object, not " + kind(range)));
        continue;
      }
      String missing = required.stream().filter(name -> !range.has(name)).findFirst().orElse(null);
      if (missing != null) {
        // Sorted where the schema validator places it, at the range, and named by the missing field.
        faults.add(item, new ContractViolation(item + "/" + missing, null, "is required"));
        continue;
      }
      JsonTree detail = range.get("detail");
      if (detail != null) {
        faults.check(item + "/detail", () -> textUpTo(item + "/detail", detail, MAX_DETAIL));
      }
      faults.check(item + "/from", () -> integer(item + "/from", range.get("from"), 0, Long.MAX_VALUE));
      if (range.has("reason")) {
        faults.check(item + "/reason", () -> id(item + "/reason", range.get("reason")));
      }
      faults.check(item + "/to", () -> integer(item + "/to", range.get("to"), 0, Long.MAX_VALUE));
    }
  }

  /** Returns the bounds of a range whose fields have been checked, refusing a backward one as binding it would. */
  private static long[] range(String at, JsonTree range) {
    long from = range.get("from").longValue();
    long to = range.get("to").longValue();
    if (from > to) {
      throw violation(at, range, "seq range " + from + ".." + to + " is empty: from must not exceed to");
    }
    return new long[] {from, to};
  }
}
