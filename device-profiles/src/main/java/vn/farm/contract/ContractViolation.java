package vn.farm.contract;

/**
 * A payload or topic that does not meet the contract. Names the field (a JSON pointer such as
 * {@code /readings/0/value}) and the offending value so the sender can be told exactly what to fix.
 */
public class ContractViolation extends RuntimeException {
  private final String field;
  private final String value;

  public ContractViolation(String field, Object value, String problem) {
    super(field + " = " + quote(value) + ": " + problem);
    this.field = field;
    this.value = value == null ? null : String.valueOf(value);
  }

  /** Returns the field that broke the contract, as a JSON pointer or a plain name. */
  public String field() {
    return field;
  }

  /** Returns the offending value as text, or null when it was missing. */
  public String value() {
    return value;
  }

  private static String quote(Object value) {
    if (value == null) {
      return "(missing)";
    }
    String s = String.valueOf(value);
    return s.length() > 80 ? "'" + s.substring(0, 77) + "...'" : "'" + s + "'";
  }
}
