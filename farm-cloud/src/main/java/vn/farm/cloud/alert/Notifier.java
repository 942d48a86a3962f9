package vn.farm.cloud.alert;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;
import vn.farm.cloud.FarmConfig;
import vn.farm.cloud.alert.AlertStore.Alert;
import vn.farm.cloud.alert.ChannelStore.Channel;
import vn.farm.cloud.alert.ChannelStore.Delivery;

/**
 * Carries alerts out over their cooperative's channels. Each message to each recipient is a row of
 * {@code alert_delivery} written before it is sent, so a restart loses none; a failed attempt is tried again after
 * {@code farm.alerts.retry-after} (30 s), then after twice as long each time, six attempts in all, and then given up
 * ({@code failed}), every attempt recorded. During a channel's quiet
 * hours a message waits for their end, unless the alert is critical; if the alert clears meanwhile, it is dropped
 * and no "cleared" message follows.
 *
 * <p>Messages go out side by side on {@code farm.alerts.senders} threads, at most {@code farm.alerts.per-channel}
 * at once over one channel and {@code farm.alerts.per-cooperative} for one cooperative, so that a receiver that
 * never answers holds up its own messages only, each for at most {@code farm.alerts.send-timeout}, never other
 * cooperatives' alerts. Every message goes only to an address {@link Destinations} allows, checked again as it is
 * sent.
 */
@ApplicationScoped
public class Notifier {
  static final int MAX_ATTEMPTS = 6;
  private static final Logger LOG = Logger.getLogger(Notifier.class);

  @Inject
  ChannelStore channels;
  @Inject
  AlertStore alerts;
  @Inject
  Destinations destinations;
  @Inject
  Sender sender;
  @Inject
  FarmConfig config;
  @Inject
  ObjectMapper json;
  @Inject
  Clock clock;

  private InFlight inFlight;
  private ExecutorService senders;

  @PostConstruct
  void start() {
    inFlight = new InFlight(config.alerts().senders(), config.alerts().perChannel(),
        config.alerts().perCooperative());
    AtomicInteger n = new AtomicInteger();
    senders = Executors.newFixedThreadPool(config.alerts().senders(), r -> {
      Thread t = new Thread(r, "alert-sender-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  @PreDestroy
  void stop() {
    senders.shutdownNow();
  }

  /** Queues the message that {@code a} opened on every enabled channel of its cooperative. */
  public void opened(Alert a) {
    Instant now = clock.instant();
    for (Channel ch : channels.of(a.cooperativeId())) {
      if (!ch.enabled()) {
        continue;
      }
      Instant at = "critical".equals(a.severity()) ? now : afterQuietHours(ch, now);
      for (String recipient : recipients(ch)) {
        channels.queue(a.id(), ch.id(), recipient, "opened", at);
      }
    }
  }

  /**
   * Queues a "cleared" message to whoever was told that {@code a} opened; a message of its opening that has not gone
   * out yet is dropped instead.
   */
  public void closed(Alert a) {
    Instant now = clock.instant();
    for (Delivery d : channels.ofAlert(a.id())) {
      if (!"opened".equals(d.event())) {
        continue;
      }
      if ("sent".equals(d.status())) {
        channels.queue(a.id(), d.channelId(), d.recipient(), "closed", now);
      } else if ("pending".equals(d.status())) {
        channels.attempted(d.id(), "dropped", null, "the alert cleared before this message went out", null, now);
      }
    }
  }

  /**
   * Hands what is due to the senders, as far as the limits allow, and returns at once; what does not fit waits for
   * the next turn.
   */
  @Scheduled(every = "${farm.alerts.send-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void sendDue() {
    if (inFlight.free() <= 0) {
      return;
    }
    for (ChannelStore.Due due : channels.due(clock.instant(), 50, inFlight.ids(), inFlight.fullChannels(),
        inFlight.fullCooperatives())) {
      Delivery d = due.delivery();
      if (!inFlight.claim(new InFlight.Message(d.id(), d.channelId(), due.cooperativeId()))) {
        continue;
      }
      try {
        senders.execute(() -> {
          try {
            send(d);
          } catch (RuntimeException e) {
            LOG.errorf(e, "Alert message %d could not be handled; it is tried again", d.id());
            retryOrGiveUp(d, null, e.toString(), clock.instant());
          } finally {
            inFlight.release(d.id());
          }
        });
      } catch (RejectedExecutionException e) {
        // Shutting down: the message stays pending for the next start.
        inFlight.release(d.id());
        return;
      }
    }
  }

  private void send(Delivery d) {
    Optional<Channel> ch = channels.find(d.channelId());
    Alert a = alerts.find(d.alertId()).orElseThrow();
    Instant now = clock.instant();
    if (ch.isEmpty() || !ch.get().enabled()) {
      channels.attempted(d.id(), "dropped", null, "the channel was switched off", null, now);
      return;
    }
    String text = "vi".equals(ch.get().lang()) ? a.textVi() : a.textEn();
    if ("closed".equals(d.event())) {
      text = AlertTexts.cleared(text, ch.get().lang());
    }
    Outbound out = Outbound.of(ch.get().kind());
    try {
      URI url = URI.create(ch.get().url());
      List<InetAddress> addresses = destinations.resolve(url);
      Sender.Answer r = sender.post(url, addresses.get(0), out.headers(ch.get()),
          out.message(a, d.event(), d.recipient(), text, json));
      String refusal = out.refusal(r, json);
      if (refusal == null) {
        channels.attempted(d.id(), "sent", r.status(), null, null, clock.instant());
      } else {
        retryOrGiveUp(d, r.status(), refusal, clock.instant());
      }
    } catch (Destinations.Refused e) {
      retryOrGiveUp(d, null, "not sent: " + e.getMessage(), clock.instant());
    } catch (java.io.IOException e) {
      retryOrGiveUp(d, null, e.getMessage(), clock.instant());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void retryOrGiveUp(Delivery d, Integer httpStatus, String error, Instant now) {
    int attempt = d.attempts() + 1;
    if (attempt >= MAX_ATTEMPTS) {
      LOG.warnf("Alert message %d to %s given up after %d attempts: %s", d.id(), d.recipient(), attempt, error);
      channels.attempted(d.id(), "failed", httpStatus, error, null, now);
    } else {
      channels.attempted(d.id(), "pending", httpStatus, error, now.plus(backoff(config.alerts().retryAfter(),
          attempt)), now);
    }
  }

  /** Returns the wait before attempt {@code attempt + 1}: {@code first}, then doubling. */
  static Duration backoff(Duration first, int attempt) {
    return first.multipliedBy(1L << Math.min(attempt - 1, 10));
  }

  private Instant afterQuietHours(Channel ch, Instant now) {
    ZonedDateTime local = now.atZone(config.timezone());
    if (!ch.quietAt(local.toLocalTime())) {
      return now;
    }
    LocalTime until = ch.quietUntil();
    ZonedDateTime end = local.with(until);
    return (end.isAfter(local) ? end : end.plusDays(1)).toInstant();
  }

  private static List<String> recipients(Channel ch) {
    return "webhook".equals(ch.kind()) || ch.recipients().isEmpty() ? Collections.singletonList(null)
        : ch.recipients();
  }
}
