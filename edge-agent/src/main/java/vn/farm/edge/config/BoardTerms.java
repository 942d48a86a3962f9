package vn.farm.edge.config;

import java.util.List;
import vn.farm.contract.Quantity;
import vn.farm.profile.BoardProfile;
import vn.farm.profile.BoardProfile.InputSpec;
import vn.farm.profile.BoardProfile.OutputSpec;
import vn.farm.profile.OutputKind;

/** The names a configuration may use on one board: its inputs, the quantities they measure, its outputs. */
final class BoardTerms {
  final BoardProfile board;

  BoardTerms(BoardProfile board) {
    this.board = board;
  }

  /** Returns true when {@code output} is an output of the board that rules and limits may name. */
  boolean drivable(String output) {
    return board.output(output).map(o -> o.kind() != OutputKind.SUPPLY).orElse(false);
  }

  Quantity quantity(ConfigNode n, String field) {
    String q = n.text(field);
    if (q == null) {
      n.problem(field, "missing (soil_moisture, air_temperature, air_humidity, vpd, light or soil_temperature)");
      return null;
    }
    try {
      return Quantity.ofWireName(q);
    } catch (IllegalArgumentException e) {
      n.problem(field, "'" + q + "' is not a quantity (soil_moisture, air_temperature, air_humidity, vpd, light, "
          + "soil_temperature)");
      return null;
    }
  }

  /** Checks that {@code input} is on the board and measures {@code q} (VPD counts for an input with T and RH). */
  void checkInput(ConfigNode n, String field, String input, Quantity q) {
    if (input == null) {
      if (!n.has(field) && !field.contains("[")) {
        n.problem(field, "missing (one of " + inputIds() + ")");
      }
      return;
    }
    InputSpec spec = board.inputs().stream().filter(i -> i.id().equals(input)).findFirst().orElse(null);
    if (spec == null) {
      n.problem(field, "'" + input + "' is not an input of board " + board.id() + " (" + inputIds() + ")");
      return;
    }
    List<Quantity> measured = spec.chip().quantities();
    boolean ok = q == null || measured.contains(q) || (q == Quantity.VPD
        && measured.contains(Quantity.AIR_TEMPERATURE) && measured.contains(Quantity.AIR_HUMIDITY));
    if (!ok) {
      n.problem(field, "'" + input + "' (" + spec.chip().wireName() + ") does not measure " + q.wireName());
    }
  }

  String outputIds() {
    return String.join(", ", board.outputs().stream().filter(o -> o.kind() != OutputKind.SUPPLY)
        .map(OutputSpec::id).toList());
  }

  String inputIds() {
    return String.join(", ", board.inputs().stream().map(InputSpec::id).toList());
  }

}
