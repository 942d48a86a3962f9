package vn.farm.deploy.bench;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import vn.farm.contract.Channel;
import vn.farm.deploy.bench.FuzzMessages.Verdict;

/** What a {@code farm bench fuzz} run found, and how it is judged and printed. */
public record FuzzResult(int sent, double sendSeconds, Map<Channel, long[]> verdicts, long rejected,
    long storedTelemetry, long storedEvents, long failed, long disconnects, boolean cloudAlive, long stalls,
    double[] lagsMs, long rssBefore, long rssAfter, long heapBefore, long heapAfter, List<String> rejectedByReason,
    Map<Channel, Long> otherHandled, List<String> writerMetrics, long lagGoalMs, long liveHeapBefore,
    long liveHeapAfter, int warmup, long confirmedBeforeSeen) {

  private long count(Channel c, Verdict v) {
    return verdicts.get(c)[v.ordinal()];
  }

  private long total(Verdict v) {
    return verdicts.values().stream().mapToLong(a -> a[v.ordinal()]).sum();
  }

  /** Returns why the run failed, or an empty list. */
  public List<String> failures() {
    List<String> f = new ArrayList<>();
    if (!cloudAlive) {
      f.add("the cloud crashed");
    }
    if (stalls > 0) {
      f.add(stalls + " healthy messages were not confirmed within " + FuzzRun.STALL_MS / 1000 + " s");
    }
    if (lagsMs.length == 0 || percentile(0.99) > lagGoalMs) {
      f.add("the healthy greenhouses' commit lag p99 is over " + lagGoalMs + " ms");
    }
    if (rejected != total(Verdict.BAD)) {
      f.add("rejected " + rejected + " messages, but " + total(Verdict.BAD) + " break the contract");
    }
    if (storedTelemetry != count(Channel.TELEMETRY, Verdict.VALID)) {
      f.add("stored " + storedTelemetry + " telemetry messages of " + count(Channel.TELEMETRY, Verdict.VALID)
          + " valid");
    }
    if (storedEvents != count(Channel.EVENTS, Verdict.VALID)) {
      f.add("stored " + storedEvents + " events of " + count(Channel.EVENTS, Verdict.VALID) + " valid");
    }
    if (failed > 0) {
      f.add(failed + " messages failed in the cloud (farm_ingest_failed_total)");
    }
    if (disconnects > 0) {
      f.add("the broker disconnected the fuzzing controllers " + disconnects + " times");
    }
    return f;
  }

  public boolean passed() {
    return failures().isEmpty();
  }

  private static String mib(long bytes) {
    return bytes < 0 ? "unknown" : String.format(Locale.ROOT, "%,d MiB", bytes >> 20);
  }

  double percentile(double p) {
    return lagsMs.length == 0 ? Double.NaN : lagsMs[Math.min(lagsMs.length - 1, (int) Math.ceil(p * lagsMs.length)
        - 1)];
  }

  public void print(PrintWriter out) {
    out.printf(Locale.ROOT, "fuzz: %,d messages in %.1f s (%,.0f a second): valid %,d, valid with a seq sent "
        + "before %,d, breaking the contract %,d%n", sent, sendSeconds, sent / sendSeconds, total(Verdict.VALID),
        total(Verdict.DUPLICATE), total(Verdict.BAD));
    for (Channel c : FuzzRun.PUBLISHED) {
      out.printf(Locale.ROOT, "  %-9s valid %,7d  duplicate %,5d  bad %,7d%n", c.level(), count(c, Verdict.VALID),
          count(c, Verdict.DUPLICATE), count(c, Verdict.BAD));
    }
    out.printf(Locale.ROOT, "cloud crashes: %d; ingest stalls: %d (healthy telemetry unconfirmed after %d s); "
        + "fuzzing controllers disconnected: %d%n", cloudAlive ? 0 : 1, stalls, FuzzRun.STALL_MS / 1000, disconnects);
    out.printf(Locale.ROOT, "healthy greenhouses' commit lag (broker to receipt): p50 %.0f ms, p99 %.0f ms, max "
        + "%.0f ms over %d messages%s (goal p99 <= %d ms)%n", percentile(0.5), percentile(0.99),
        lagsMs.length == 0 ? Double.NaN : lagsMs[lagsMs.length - 1], lagsMs.length,
        warmup == 0 ? "" : String.format(Locale.ROOT, " sent after the first %,d generated ones", warmup),
        lagGoalMs);
    out.printf(Locale.ROOT, "  and %,d confirmed before the observer saw them (the broker passes a publish on only "
        + "once ingest has room for it; its lag is not known)%n", confirmedBeforeSeen);
    out.printf(Locale.ROOT, "rejected: %,d (messages breaking the contract: %,d); by channel and reason: %s%n",
        rejected, total(Verdict.BAD), String.join(", ", rejectedByReason));
    out.printf(Locale.ROOT, "stored: telemetry %,d (valid %,d), events %,d (valid %,d); state, status and acks "
        + "handled: %s; failed: %d%n", storedTelemetry, count(Channel.TELEMETRY, Verdict.VALID), storedEvents,
        count(Channel.EVENTS, Verdict.VALID), otherHandled, failed);
    out.printf(Locale.ROOT, "cloud memory: resident %,d MiB before, %,d MiB after; heap used %,d MiB before, %,d "
        + "MiB after; live heap after a full collection %s before, %s after%n", rssBefore >> 20, rssAfter >> 20,
        heapBefore >> 20, heapAfter >> 20, mib(liveHeapBefore), mib(liveHeapAfter));
    out.println("the cloud's writer over the whole run:");
    writerMetrics.forEach(l -> out.println("  " + l));
    List<String> f = failures();
    out.println(f.isEmpty() ? "fuzz: PASS" : "fuzz: FAIL: " + String.join("; ", f));
  }
}
