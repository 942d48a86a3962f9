package vn.farm.sim.board;

import com.pi4j.context.Context;
import com.pi4j.exception.ShutdownException;
import com.pi4j.io.exception.IOException;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalOutputConfig;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutput;

/**
 * A mock GPIO output that can be stuck: while its output has a {@code relayStuck} fault in effect, writes leave the
 * level where it is, so the agent's read-back ({@link #state()}) shows the stuck level, not the command. A pin
 * claimed while stuck starts at the level the GPIO last had. Thread-safe as Pi4J's base is (state is one field).
 */
final class SimDigitalOutput extends MockDigitalOutput {
  private final SimDigitalOutputProvider owner;
  private final int gpio;

  SimDigitalOutput(SimDigitalOutputProvider owner, DigitalOutputConfig config) {
    super(owner, config);
    this.owner = owner;
    this.gpio = config.address();
    if (owner.stuck(gpio)) {
      this.state = owner.lastLevel(gpio);
    }
  }

  /** Returns the BCM GPIO number of this output. */
  int gpio() {
    return gpio;
  }

  @Override
  public DigitalOutput state(DigitalState state) throws IOException {
    if (owner.stuck(gpio)) {
      return this;
    }
    super.state(state);
    owner.levelChanged(gpio, this.state);
    return this;
  }

  @Override
  public DigitalOutput shutdown(Context context) throws ShutdownException {
    try {
      return super.shutdown(context);
    } finally {
      owner.released(this);
    }
  }
}
