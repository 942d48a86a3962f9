package vn.farm.edge.sensing;

/**
 * An input that could not be read, with the kind of failure. Drivers throw it instead of reporting a value they do
 * not trust; the message names the chip, its address or pin, and what was seen.
 */
public class SensorFailure extends Exception {

  /** What went wrong, from the cheapest to explain to the most surprising. */
  public enum Kind {
    /** Nothing answered at the address or no device file exists: unplugged, wrong address, dead chip. */
    NO_DEVICE,
    /** The bus answered but the transfer failed or came back short. */
    BUS_ERROR,
    /** The data arrived with a checksum that does not match. */
    CRC_MISMATCH,
    /** The value is outside what the sensor can measure or what its calibration allows (including saturation). */
    OUT_OF_RANGE,
    /** The value is not a fresh measurement (for example a power-on default). */
    STALE
  }

  private final Kind kind;

  public SensorFailure(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public SensorFailure(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  /** Returns the kind of failure. */
  public Kind kind() {
    return kind;
  }

  /** Returns true when trying again soon may help (a glitch rather than a property of the situation). */
  public boolean retryable() {
    return kind != Kind.OUT_OF_RANGE;
  }

  @Override
  public String toString() {
    return kind + ": " + getMessage();
  }
}
