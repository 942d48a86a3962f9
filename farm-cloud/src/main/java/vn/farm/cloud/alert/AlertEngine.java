package vn.farm.cloud.alert;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import vn.farm.cloud.alert.AlertStore.Alert;
import vn.farm.cloud.alert.AlertStore.Opened;
import vn.farm.cloud.alert.AlertStore.Rule;
import vn.farm.cloud.command.CommandStore.CommandRow;
import vn.farm.cloud.device.DeviceStore;
import vn.farm.cloud.device.DeviceStore.DeviceRow;
import vn.farm.cloud.greenhouse.GreenhouseStore;
import vn.farm.cloud.greenhouse.GreenhouseStore.GreenhouseRow;
import vn.farm.cloud.live.LiveEvent;
import vn.farm.cloud.live.LiveFeed;
import vn.farm.cloud.reading.ReadingStore;
import vn.farm.cloud.reading.ReadingStore.StoredReading;
import vn.farm.contract.Event;
import vn.farm.contract.Quantity;

/**
 * Opens and closes alerts. Events and command outcomes are handled as they are stored (sensor faults, safety trips,
 * refused commands); bands and silence are evaluated every {@code farm.alerts.evaluate-every} from the stored
 * readings and each controller's last message, so a restart loses no condition. Every change goes to the live
 * stream as an {@code alert} update and, for openings and closings, to the {@link Notifier}.
 */
@ApplicationScoped
public class AlertEngine {
  private static final Logger LOG = Logger.getLogger(AlertEngine.class);
  /** Events older than this when they arrive (a drained backlog) are history, not news: they open nothing. */
  static final Duration NEWS = Duration.ofHours(24);
  /** A band alert needs a reading this recent; an older one says nothing about now. */
  static final Duration FRESH = Duration.ofMinutes(10);
  /** Safety events that end another's condition. */
  private static final Map<String, String> SAFETY_RECOVERY = Map.of(
      Event.SAFETY_INPUT_USABLE, Event.SAFETY_INPUT_UNUSABLE,
      Event.SAFETY_RELAY_RECOVERED, Event.SAFETY_RELAY_STUCK,
      Event.SAFETY_WATCHDOG_RECOVERED, Event.SAFETY_WATCHDOG);

  @Inject
  AlertStore store;
  @Inject
  Notifier notifier;
  @Inject
  LiveFeed live;
  @Inject
  GreenhouseStore greenhouses;
  @Inject
  DeviceStore devices;
  @Inject
  ReadingStore readings;
  @Inject
  Clock clock;

  private ExecutorService worker;

  void start(@Observes StartupEvent e) {
    worker = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "alert-engine");
      t.setDaemon(true);
      return t;
    });
    live.listen(update -> {
      if ("event".equals(update.type()) || "command".equals(update.type())) {
        worker.execute(() -> handle(update));
      }
    });
  }

  void stop(@Observes ShutdownEvent e) throws InterruptedException {
    worker.shutdown();
    worker.awaitTermination(5, TimeUnit.SECONDS);
  }

  private void handle(LiveEvent update) {
    try {
      Optional<GreenhouseRow> g = greenhouses.findByDevice(update.deviceId());
      if (g.isEmpty()) {
        return;
      }
      if (update.data() instanceof Event e) {
        onEvent(g.get(), e);
      } else if (update.data() instanceof CommandRow c) {
        onCommand(g.get(), c);
      }
    } catch (RuntimeException ex) {
      LOG.errorf(ex, "Alert rules could not handle a %s of %s; the next one is handled as usual", update.type(),
          update.deviceId());
    }
  }

  private void onEvent(GreenhouseRow g, Event e) {
    Instant now = clock.instant();
    boolean news = e.at().isAfter(now.minus(NEWS));
    if (e.type().equals(Event.SENSOR_FAULT) || e.type().equals(Event.SENSOR_RECOVERED)) {
      // What the event is about, as the agent sent it; an agent older than those fields says only "?".
      Event.About about = e.about();
      String input = about != null && about.input() != null ? about.input() : "?";
      for (Rule r : rules(g, RuleKind.SENSOR_FAULT)) {
        if (e.type().equals(Event.SENSOR_FAULT)) {
          if (news) {
            // The kind of failure only (NO_DEVICE, CRC_MISMATCH, …): short enough for a phone and an SMS; the
            // whole message stays in the device's events.
            AlertTexts.Text t = AlertTexts.sensorFault(place(g, e.deviceId()), input,
                about != null && about.kind() != null ? about.kind() : "?");
            open(r, g, e.deviceId(), input, t, false, now);
          }
        } else {
          close(r, e.deviceId(), input, "recovered", now);
        }
      }
    } else if (e.type().startsWith("safety.")) {
      for (Rule r : rules(g, RuleKind.SAFETY_TRIP)) {
        String ends = SAFETY_RECOVERY.get(e.type());
        if (ends != null) {
          close(r, e.deviceId(), ends, "recovered", now);
        } else if (news) {
          open(r, g, e.deviceId(), e.type(), AlertTexts.safetyTrip(place(g, e.deviceId()), e.type(), e.message()),
              true, now);
        }
      }
    }
  }

  private void onCommand(GreenhouseRow g, CommandRow c) {
    Instant now = clock.instant();
    for (Rule r : rules(g, RuleKind.REFUSED_COMMAND)) {
      if ("refused".equals(c.status())) {
        open(r, g, c.deviceId(), c.actuator(), AlertTexts.refused(place(g, c.deviceId()), c.actuator(), c.action(),
            c.reason() == null ? "?" : c.reason()), true, now);
      } else if ("applied".equals(c.status())) {
        close(r, c.deviceId(), c.actuator(), "applied", now);
      }
    }
  }

  /** Evaluates the band and silence rules over every greenhouse they cover. */
  @Scheduled(every = "${farm.alerts.evaluate-every}", delayed = "${farm.alerts.evaluate-delay}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void evaluate() {
    Instant now = clock.instant();
    Map<Long, List<GreenhouseRow>> byCooperative = new HashMap<>();
    for (Rule r : store.enabledRules()) {
      if (r.kind() != RuleKind.BAND && r.kind() != RuleKind.OFFLINE) {
        continue;
      }
      List<GreenhouseRow> covered = byCooperative.computeIfAbsent(r.cooperativeId(),
          c -> greenhouses.where("g.cooperative_id = ?", c));
      for (GreenhouseRow g : covered) {
        if (r.greenhouseId() != null && r.greenhouseId() != g.id()) {
          continue;
        }
        for (String device : g.deviceIds()) {
          try {
            if (r.kind() == RuleKind.OFFLINE) {
              offline(r, g, device, now);
            } else {
              band(r, g, device, now);
            }
          } catch (RuntimeException e) {
            LOG.errorf(e, "Alert rule %d could not be evaluated for %s of greenhouse %d; the others are", r.id(),
                device, g.id());
          }
        }
      }
    }
  }

  private void offline(Rule r, GreenhouseRow g, String device, Instant now) {
    Optional<DeviceRow> d = devices.find(device);
    if (d.isEmpty() || d.get().lastSeen() == null) {
      return;
    }
    Duration silent = Duration.between(d.get().lastSeen(), now);
    if (silent.compareTo(Duration.ofMinutes(r.forMinutes())) >= 0) {
      open(r, g, device, null, AlertTexts.offline(g.name(), device, silent), false, now);
    } else {
      close(r, device, null, "recovered", now);
    }
  }

  /**
   * For each sensor of the rule's quantity: the alert opens when its latest reading is out of band and has been
   * since at least {@code forMinutes} ago (no reading inside the band since), and closes when a reading is back
   * inside.
   */
  private void band(Rule r, GreenhouseRow g, String device, Instant now) {
    Quantity q = Quantity.ofWireName(r.quantity());
    Instant from = now.minus(Duration.ofMinutes(r.forMinutes())).minus(FRESH);
    Map<String, Instant> runStart = new HashMap<>();
    Map<String, StoredReading> last = new HashMap<>();
    for (StoredReading s : readings.range(device, from, now.plusSeconds(60), q, 50_000)) {
      boolean out = r.min() != null && s.value() < r.min() || r.max() != null && s.value() > r.max();
      if (out) {
        runStart.putIfAbsent(s.sensor(), s.at());
      } else {
        runStart.remove(s.sensor());
      }
      last.put(s.sensor(), s);
    }
    for (Map.Entry<String, StoredReading> e : last.entrySet()) {
      StoredReading latest = e.getValue();
      Instant start = runStart.get(e.getKey());
      if (start == null) {
        close(r, device, e.getKey(), "recovered", now);
      } else if (!start.isAfter(now.minus(Duration.ofMinutes(r.forMinutes())))
          && latest.at().isAfter(now.minus(FRESH))) {
        open(r, g, device, e.getKey(), AlertTexts.band(place(g, device), q, e.getKey(), latest.value(), r.min(),
            r.max(), r.forMinutes()), false, now);
      }
    }
  }

  private List<Rule> rules(GreenhouseRow g, RuleKind kind) {
    return store.enabledRules().stream().filter(r -> r.kind() == kind && r.cooperativeId() == g.cooperativeId()
        && (r.greenhouseId() == null || r.greenhouseId() == g.id())).toList();
  }

  /** Where an alert is: the greenhouse, and the controller too in a greenhouse of several. */
  static String place(GreenhouseRow g, String deviceId) {
    return g.deviceIds().size() > 1 ? g.name() + " (" + deviceId + ")" : g.name();
  }

  /** Opens (or, with {@code count}, counts another occurrence of) the alert of a condition. */
  private void open(Rule r, GreenhouseRow g, String deviceId, String subject, AlertTexts.Text text, boolean count,
      Instant now) {
    Opened o = store.open(r, g.id(), deviceId, subject, text.vi(), text.en(), now, count);
    if (o.isNew()) {
      LOG.infof("Alert %d opened: %s", o.alert().id(), text.en());
      notifier.opened(o.alert());
    }
    if (o.isNew() || count) {
      live.publish(new LiveEvent("alert", deviceId, o.alert()));
    }
  }

  private void close(Rule r, String deviceId, String subject, String reason, Instant now) {
    store.close(r.id(), deviceId, subject, reason, now).ifPresent(this::closed);
  }

  /** Tells the people and the dashboards that an alert closed. */
  public void closed(Alert a) {
    LOG.infof("Alert %d closed (%s)", a.id(), a.closeReason());
    notifier.closed(a);
    live.publish(new LiveEvent("alert", a.deviceId(), a));
  }
}
