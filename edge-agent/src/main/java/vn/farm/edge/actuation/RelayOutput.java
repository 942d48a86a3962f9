package vn.farm.edge.actuation;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import java.time.Clock;
import java.time.Instant;
import vn.farm.contract.ActuatorState;
import vn.farm.profile.BoardProfile.OutputSpec;

/**
 * One relay of the board driven by a GPIO through Pi4J. The pin starts in the off level and Pi4J returns it to the
 * off level when the context shuts down, so a restarting controller never leaves a pump running. Active-low relay
 * boards (GPIO low = relay on) are handled here and nowhere else. Every switch reads the pin back; the reported
 * state is what the pin shows, not what was asked. Thread-safe.
 */
public final class RelayOutput {
  private final OutputSpec spec;
  private final Context pi4j;
  private final Clock clock;
  private final DigitalOutput pin;
  private final DigitalState onLevel;
  private final DigitalState offLevel;
  private Instant since;
  private String cause;

  /** Claims the output's GPIO and drives it to off, with cause {@code startup}. */
  public RelayOutput(OutputSpec spec, Context pi4j, Clock clock) {
    this.spec = spec;
    this.pi4j = pi4j;
    this.clock = clock;
    this.onLevel = spec.activeLow() ? DigitalState.LOW : DigitalState.HIGH;
    this.offLevel = spec.activeLow() ? DigitalState.HIGH : DigitalState.LOW;
    this.pin = pi4j.create(DigitalOutput.newConfigBuilder(pi4j)
        .id("relay-" + spec.id())
        .name(spec.kind().wireName() + " relay " + spec.id())
        .address(spec.gpio())
        .onState(onLevel)
        .initial(offLevel)
        .shutdown(offLevel));
    pin.state(offLevel);
    this.since = clock.instant();
    this.cause = "startup";
  }

  /** Returns the output id from the board profile. */
  public String id() {
    return spec.id();
  }

  /** Returns the wiring of this output. */
  public OutputSpec spec() {
    return spec;
  }

  /**
   * Drives the relay on or off for {@code cause} and returns the state read back from the pin. {@code since}
   * moves only when the read-back on/off changes.
   */
  public synchronized ActuatorState set(boolean on, String cause) {
    boolean before = isOn();
    pin.state(on ? onLevel : offLevel);
    boolean after = isOn();
    if (after != before) {
      since = clock.instant();
    }
    this.cause = cause;
    return new ActuatorState(after, since, this.cause);
  }

  /** Returns true when the pin reads at the on level. */
  public synchronized boolean isOn() {
    return pin.state() == onLevel;
  }

  /** Gives the GPIO back to the Pi4J context, which first drives it to the off level. */
  public synchronized void release() {
    try {
      pi4j.shutdown(pin.id());
    } catch (RuntimeException e) {
      // already released by a context shutdown
    }
  }

  /** Returns the state read back from the pin with the time and cause of the last change. */
  public synchronized ActuatorState state() {
    return new ActuatorState(isOn(), since, cause);
  }
}
