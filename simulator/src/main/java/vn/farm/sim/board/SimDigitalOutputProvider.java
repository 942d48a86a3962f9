package vn.farm.sim.board;

import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalOutputConfig;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProviderImpl;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntPredicate;

/**
 * Pi4J's mock digital output provider, with outputs that can be stuck (see {@link SimDigitalOutput}) and a fast
 * look-up of the claimed pin and last level of every GPIO, so the simulator reads relays without walking the Pi4J
 * registry. Thread-safe.
 */
public final class SimDigitalOutputProvider extends MockDigitalOutputProviderImpl {
  private final IntPredicate stuck;
  private final java.util.function.ObjIntConsumer<DigitalState> written;
  private final Map<Integer, SimDigitalOutput> claimed = new ConcurrentHashMap<>();
  private final Map<Integer, DigitalState> levels = new ConcurrentHashMap<>();

  /** Creates the provider; {@code stuck} tells whether the relay on a BCM GPIO is stuck right now. */
  public SimDigitalOutputProvider(IntPredicate stuck) {
    this(stuck, (level, gpio) -> {});
  }

  /** Like {@link #SimDigitalOutputProvider(IntPredicate)}, telling {@code written} every level a pin is driven to. */
  public SimDigitalOutputProvider(IntPredicate stuck, java.util.function.ObjIntConsumer<DigitalState> written) {
    this.stuck = stuck;
    this.written = written;
  }

  @Override
  public DigitalOutput create(DigitalOutputConfig config) {
    SimDigitalOutput out = new SimDigitalOutput(this, config);
    context.registry().add(out);
    claimed.put(out.gpio(), out);
    return out;
  }

  /** Returns the level of the claimed output at {@code gpio}, or null when no output holds it. */
  public DigitalState claimedLevel(int gpio) {
    SimDigitalOutput out = claimed.get(gpio);
    return out == null ? null : out.state();
  }

  /** Returns the level {@code gpio} last had while claimed, or {@link DigitalState#UNKNOWN}. */
  public DigitalState lastLevel(int gpio) {
    return levels.getOrDefault(gpio, DigitalState.UNKNOWN);
  }

  boolean stuck(int gpio) {
    return stuck.test(gpio);
  }

  void levelChanged(int gpio, DigitalState level) {
    levels.put(gpio, level);
    written.accept(level, gpio);
  }

  void released(SimDigitalOutput out) {
    claimed.remove(out.gpio(), out);
  }
}
