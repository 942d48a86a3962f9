package vn.farm.edge.actuation;

import com.pi4j.context.Context;
import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.farm.contract.ActuatorState;
import vn.farm.profile.BoardProfile;
import vn.farm.profile.BoardProfile.OutputSpec;

/** All relay outputs of the board, keyed by output id in profile order. Thread-safe. */
public final class Outputs {
  private static final Logger log = LoggerFactory.getLogger(Outputs.class);
  private final Map<String, RelayOutput> byId;

  private Outputs(Map<String, RelayOutput> byId) {
    this.byId = byId;
  }

  /** Claims every output of {@code board}, each switched off. Throws when a GPIO cannot be claimed. */
  public static Outputs fromBoard(BoardProfile board, Context pi4j, Clock clock) {
    Map<String, RelayOutput> byId = new LinkedHashMap<>();
    try {
      for (OutputSpec spec : board.outputs()) {
        byId.put(spec.id(), new RelayOutput(spec, pi4j, clock));
      }
    } catch (RuntimeException e) {
      byId.values().forEach(RelayOutput::release);
      throw e;
    }
    return new Outputs(Collections.unmodifiableMap(byId));
  }

  /** Returns the output with {@code id}, if the board has one. */
  public Optional<RelayOutput> get(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  /** Returns the read-back state of every output. */
  public Map<String, ActuatorState> snapshot() {
    Map<String, ActuatorState> states = new LinkedHashMap<>();
    byId.forEach((id, out) -> states.put(id, out.state()));
    return states;
  }

  /** Gives every GPIO back to the Pi4J context (each goes to its off level first). */
  public void release() {
    byId.values().forEach(RelayOutput::release);
  }

  /** Switches every output off with {@code cause}, continuing past an output that fails. */
  public void allOff(String cause) {
    for (RelayOutput out : byId.values()) {
      try {
        out.set(false, cause);
      } catch (RuntimeException e) {
        log.error("cannot switch {} off: {}", out.id(), e.getMessage(), e);
      }
    }
  }
}
