package vn.farm.edge.control;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.farm.contract.Event;
import vn.farm.contract.Severity;
import vn.farm.edge.config.AgentConfigException;
import vn.farm.edge.config.ControlConfigReader;
import vn.farm.edge.store.AtomicFile;

/**
 * Chooses and keeps the control configuration: the local file and the last configuration accepted from the cloud
 * (kept as received in {@code {dataDir}/config-applied.json}, so it survives a restart without the cloud). At start
 * the higher version wins, the local file on a tie (a person on site has the last word); an invalid one is reported
 * and the other used; with neither, {@link ControlConfigReader#defaults()}. A configuration from the cloud is
 * applied only when its version is above the running one and all of it is valid; otherwise the running one stays
 * and an invalid one is reported as a {@code config.refused} event naming every problem. Not thread-safe: the
 * control lane uses it.
 */
public final class ConfigStore {
  static final String FILE = "config-applied.json";
  private static final Logger log = LoggerFactory.getLogger(ConfigStore.class);

  /** Where the store reports what it did. */
  public interface Events {
    void event(String type, Severity severity, String message);
  }

  private final Path applied;
  private final ControlConfigReader reader;
  private final Events events;

  public ConfigStore(Path dataDir, ControlConfigReader reader, Events events) {
    this.applied = dataDir.resolve(FILE);
    this.reader = reader;
    this.events = events;
  }

  /** Returns the configuration to start with, from {@code localFile} (may be null) and the kept cloud one. */
  public ControlConfig initial(Path localFile) {
    ControlConfig local = null;
    if (localFile != null) {
      try {
        local = reader.load(localFile);
      } catch (AgentConfigException e) {
        refused(e, "the local control file " + localFile, "");
      }
    }
    ControlConfig kept = null;
    try {
      kept = reader.parseJson(applied.toString(), Files.readAllBytes(applied));
    } catch (NoSuchFileException e) {
      kept = null;
    } catch (IOException e) {
      events.event(Event.CONFIG_REFUSED, Severity.WARNING, applied + " cannot be read: " + e.getMessage());
    } catch (AgentConfigException e) {
      refused(e, "the kept cloud configuration", "");
    }
    ControlConfig chosen = local;
    if (kept != null && (local == null || kept.version() > local.version())) {
      chosen = kept;
    }
    if (chosen == null) {
      chosen = reader.defaults();
      if (localFile != null) {
        events.event(Event.CONFIG_REFUSED, Severity.WARNING, "running with the built-in defaults (version 0: no rules, "
            + "default safety limits) until a valid configuration arrives");
      }
    }
    log.info("control configuration version {} ({} rules) from {}", chosen.version(), chosen.rules().size(),
        chosen == local ? localFile : chosen == kept ? applied : "the built-in defaults");
    return chosen;
  }

  /**
   * Checks the JSON of a {@code config} message against the running version: returns the configuration to apply
   * (and keeps it on disk), or null when it is not newer or is invalid (then reported).
   */
  public ControlConfig offer(byte[] json, long runningVersion) {
    ControlConfig next;
    try {
      next = reader.parseJson("config message", json);
    } catch (AgentConfigException e) {
      refused(e, "the configuration from the cloud", " the running configuration stays.");
      return null;
    }
    if (next.version() <= runningVersion) {
      if (next.version() < runningVersion) {
        log.info("config version {} from the cloud is older than the running version {}; kept the running one",
            next.version(), runningVersion);
      }
      return null;
    }
    try {
      AtomicFile.write(applied, json);
    } catch (IOException e) {
      log.error("config version {} applied but not kept on disk ({}); a restart falls back to the previous one",
          next.version(), e.getMessage());
    }
    return next;
  }

  private void refused(AgentConfigException e, String what, String consequence) {
    String message = what + " was refused;" + consequence + " " + String.join("; ", e.problems());
    log.warn("{}", e.getMessage());
    events.event(Event.CONFIG_REFUSED, Severity.WARNING, message.length() > 1900 ? message.substring(0, 1897) + "..."
        : message);
  }
}
