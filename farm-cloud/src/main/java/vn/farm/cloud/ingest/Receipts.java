package vn.farm.cloud.ingest;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import vn.farm.cloud.broker.EmbeddedBroker;
import vn.farm.cloud.mqtt.MqttBridge;
import vn.farm.contract.Channel;
import vn.farm.contract.DeviceId;
import vn.farm.contract.MessageCodec;
import vn.farm.contract.Receipt;
import vn.farm.contract.Receipt.Rejection;
import vn.farm.contract.Topics;

/**
 * Tells devices which of their seqs the database holds and which it never will, as the {@code receipts} message of
 * docs/protocol.md: consecutive seqs become one range, and consecutive rejections for the same reason too. What is
 * to be told a device is gathered until its turn to be sent comes, devices in turn, by a thread of its own that keeps
 * at most {@value #WINDOW} receipts unacknowledged by the broker: however many messages a device sends (rejected ones
 * included), it gets a few receipts, and no other device's receipt is dropped for want of room. A receipt the broker
 * does not take is not tried again: the device sends the data again and is told then. Thread-safe.
 */
@ApplicationScoped
public class Receipts {
  private static final Logger LOG = Logger.getLogger(Receipts.class);
  /** Receipts in flight to the broker at once, below its receive maximum of 10. */
  static final int WINDOW = 6;

  @Inject
  MqttBridge mqtt;

  private final MessageCodec codec = new MessageCodec();
  private final Semaphore window = new Semaphore(WINDOW);
  /** What each device is still to be told, in the order devices get their turn. */
  private final Map<String, Pending> pending = new LinkedHashMap<>();
  private Thread sender;
  private volatile boolean stopping;

  /** What became of one seq that is not stored: the reason (an id) and the detail for people. */
  public record Refusal(String reason, String detail) {}

  private record Pending(TreeSet<Long> stored, TreeMap<Long, Refusal> refused) {}

  void start(@Observes @Priority(EmbeddedBroker.START_PRIORITY - 1) StartupEvent event) {
    sender = new Thread(this::run, "farm-receipts");
    sender.setDaemon(true);
    sender.start();
  }

  void stop(@Observes ShutdownEvent event) throws InterruptedException {
    stopping = true;
    synchronized (this) {
      notifyAll();
    }
    if (sender != null) {
      sender.join(TimeUnit.SECONDS.toMillis(5));
    }
  }

  /** Tells {@code deviceId}, soon, of {@code stored} seqs and {@code refused} ones; nothing when both are empty. */
  public void send(String deviceId, SortedSet<Long> stored, SortedMap<Long, Refusal> refused) {
    if (stored.isEmpty() && refused.isEmpty()) {
      return;
    }
    synchronized (this) {
      Pending p = pending.computeIfAbsent(deviceId, d -> new Pending(new TreeSet<>(), new TreeMap<>()));
      p.stored().addAll(stored);
      p.refused().putAll(refused);
      notifyAll();
    }
  }

  private void run() {
    while (!stopping) {
      String device;
      Pending p;
      try {
        window.acquire();
        synchronized (this) {
          while (pending.isEmpty() && !stopping) {
            wait(1000);
          }
          if (stopping) {
            window.release();
            return;
          }
          var first = pending.entrySet().iterator().next();
          device = first.getKey();
          p = first.getValue();
          pending.remove(device);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      try {
        mqtt.publishAsync(Topics.of(DeviceId.of(device), Channel.RECEIPTS),
            codec.encode(new Receipt(ranges(p.stored()), rejections(p.refused()))), window::release);
      } catch (RuntimeException e) {
        window.release();
        LOG.debugf("Receipt for %s not sent (%s); the device sends the data again and gets it then", device,
            e.getMessage());
      }
    }
  }

  static List<Receipt.SeqRange> ranges(SortedSet<Long> seqs) {
    List<Receipt.SeqRange> ranges = new ArrayList<>();
    long from = -1;
    long to = -1;
    for (long seq : seqs) {
      if (from >= 0 && seq == to + 1) {
        to = seq;
        continue;
      }
      if (from >= 0) {
        ranges.add(new Receipt.SeqRange(from, to));
      }
      from = seq;
      to = seq;
    }
    if (from >= 0) {
      ranges.add(new Receipt.SeqRange(from, to));
    }
    return ranges;
  }

  static List<Rejection> rejections(SortedMap<Long, Refusal> refused) {
    List<Rejection> rejections = new ArrayList<>();
    Rejection open = null;
    for (var e : refused.entrySet()) {
      long seq = e.getKey();
      Refusal r = e.getValue();
      if (open != null && seq == open.to() + 1 && open.reason().equals(r.reason())
          && java.util.Objects.equals(open.detail(), r.detail())) {
        open = new Rejection(open.from(), seq, open.reason(), open.detail());
        continue;
      }
      if (open != null) {
        rejections.add(open);
      }
      open = new Rejection(seq, seq, r.reason(), r.detail());
    }
    if (open != null) {
      rejections.add(open);
    }
    return rejections;
  }
}
