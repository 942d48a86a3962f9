package vn.farm.deploy.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import vn.farm.contract.MessageCodec;
import vn.farm.contract.Quantity;
import vn.farm.contract.Reading;
import vn.farm.contract.Telemetry;
import vn.farm.edge.outbox.Outbox;
import vn.farm.edge.outbox.OutboxRecord;

/** Builds an edge agent's data folder holding a backlog: days of telemetry that never reached the cloud. */
public final class Backlog {
  /** The boot id of the backlog's messages, so a benchmark can tell them from live ones. */
  public static final String BOOT = "backlog-boot";
  private static final MessageCodec CODEC = new MessageCodec();

  private Backlog() {}

  /** Returns one tick of eight readings at {@code at}, as the reference board with a second air sensor sends. */
  public static Telemetry tick(String deviceId, String bootId, long seq, Instant at, long monoMs) {
    double wave = Math.sin(seq / 360.0);
    List<Reading> r = List.of(
        Reading.of("soil-1", Quantity.SOIL_MOISTURE, 55 + 10 * wave, at),
        Reading.of("soil-2", Quantity.SOIL_MOISTURE, 52 + 9 * wave, at),
        Reading.of("air", Quantity.AIR_TEMPERATURE, 27 + 4 * wave, at),
        Reading.of("air", Quantity.AIR_HUMIDITY, 75 - 10 * wave, at),
        Reading.of("air", Quantity.VPD, 0.9 + 0.3 * wave, at),
        Reading.of("light", Quantity.LIGHT, Math.max(0, 30000 * wave), at),
        Reading.of("soil-temp", Quantity.SOIL_TEMPERATURE, 24 + wave, at),
        Reading.of("air-2", Quantity.AIR_TEMPERATURE, 26.5 + 4 * wave, at));
    return new Telemetry(deviceId, bootId, seq, r, monoMs, null);
  }

  /** Returns {@code t} as the outbox stores it. */
  public static OutboxRecord record(Telemetry t) {
    Instant at = t.readings().get(0).at();
    return new OutboxRecord(t.seq(), OutboxRecord.TELEMETRY, 0, t.monoMs(), at.toEpochMilli(), CODEC.encode(t));
  }

  /**
   * Fills {@code dataDir} (an agent's data folder) with {@code ticks} ticks of telemetry from seq 1, one every
   * {@code period}, ending now, and sets its seq store past them. Returns the outbox's size in bytes.
   */
  public static long write(Path dataDir, String deviceId, long ticks, Duration period) throws IOException {
    Instant start = Instant.now().minus(period.multipliedBy(ticks));
    long bytes;
    try (Outbox outbox = Outbox.open(dataDir.resolve("outbox"), Outbox.Limits.DEFAULT, (t, s, m) -> {},
        () -> 0L)) {
      List<OutboxRecord> batch = new ArrayList<>(1000);
      for (long seq = 1; seq <= ticks; seq++) {
        batch.add(record(tick(deviceId, BOOT, seq, start.plus(period.multipliedBy(seq - 1)),
            period.toMillis() * seq)));
        if (batch.size() == 1000 || seq == ticks) {
          outbox.append(batch);
          batch.clear();
        }
      }
      bytes = outbox.bytes();
    }
    Files.writeString(dataDir.resolve("seq"), (ticks + 1) + "\n", StandardCharsets.US_ASCII);
    return bytes;
  }
}
