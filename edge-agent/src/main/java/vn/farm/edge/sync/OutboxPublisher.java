package vn.farm.edge.sync;

import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.farm.contract.Event;
import vn.farm.contract.Message;
import vn.farm.contract.MessageCodec;
import vn.farm.contract.Telemetry;
import vn.farm.edge.outbox.Outbox;
import vn.farm.edge.outbox.OutboxRecord;
import vn.farm.edge.time.ClockWatch;

/**
 * The agent's way out for data: telemetry and events go into the {@link Outbox} (stamped with the monotonic time
 * and, for telemetry, the unsynchronised-clock mark) and then to the {@link Drain} to be sent; every other message
 * (status, state, acks) goes straight to the link, since only the newest of those matters. When the outbox cannot
 * be written (the disk is full or failing), records wait in memory, up to {@link #MEMORY_LIMIT}, are sent live from
 * there, and are written as soon as the disk takes them again. Thread-safe.
 */
public final class OutboxPublisher implements Publisher {
  private static final Logger log = LoggerFactory.getLogger(OutboxPublisher.class);
  /** Records held in memory while the disk refuses writes: about 11 hours of 10 s samples. */
  static final int MEMORY_LIMIT = 4096;

  private final Outbox outbox;
  private final Drain drain;
  private final Publisher link;
  private final ClockWatch clock;
  private final MessageCodec codec;
  private final LongConsumer onJump;
  private final ArrayDeque<OutboxRecord> waiting = new ArrayDeque<>();
  private boolean diskFailing;
  private long lostInMemory;

  /** {@code onJump} hears the size in milliseconds of a wall clock jump, after the tick that saw it is stored. */
  public OutboxPublisher(Outbox outbox, Drain drain, Publisher link, ClockWatch clock, MessageCodec codec,
      LongConsumer onJump) {
    this.outbox = outbox;
    this.drain = drain;
    this.link = link;
    this.clock = clock;
    this.codec = codec;
    this.onJump = onJump;
  }

  @Override
  public boolean publish(Message message) {
    return publishAll(List.of(message));
  }

  @Override
  public boolean publishAll(List<? extends Message> messages) {
    List<OutboxRecord> records = new ArrayList<>(messages.size());
    boolean all = true;
    long jump = 0;
    for (Message m : messages) {
      if (m instanceof Telemetry t) {
        ClockWatch.Look look = clock.look();
        jump = look.jumpMs() != 0 ? look.jumpMs() : jump;
        Telemetry stamped = new Telemetry(t.deviceId(), t.bootId(), t.seq(), t.readings(), look.monoMs(),
            look.unsynced() ? Boolean.TRUE : null);
        records.add(new OutboxRecord(t.seq(), OutboxRecord.TELEMETRY, look.unsynced() ? OutboxRecord.UNSYNCED : 0,
            look.monoMs(), look.wallMs(), codec.encode(stamped)));
      } else if (m instanceof Event e) {
        records.add(new OutboxRecord(e.seq(), OutboxRecord.EVENT, 0, clock.monoMs(), e.at().toEpochMilli(),
            codec.encode(e)));
      } else {
        all &= link.publish(m);
      }
    }
    if (!records.isEmpty()) {
      store(records);
    }
    if (jump != 0) {
      onJump.accept(jump);
    }
    return all;
  }

  private void store(List<OutboxRecord> records) {
    synchronized (this) {
      List<OutboxRecord> batch = records;
      if (!waiting.isEmpty()) {
        batch = new ArrayList<>(waiting);
        batch.addAll(records);
      }
      try {
        outbox.append(batch);
        if (diskFailing) {
          log.info("the outbox takes writes again; {} records kept in memory are now on disk", waiting.size());
          diskFailing = false;
        }
        waiting.clear();
      } catch (UncheckedIOException | IllegalStateException e) {
        if (!diskFailing) {
          log.error("cannot write the outbox ({}); records wait in memory (at most {}) and are sent from there",
              e.getMessage(), MEMORY_LIMIT);
          diskFailing = true;
        }
        for (OutboxRecord r : records) {
          if (waiting.size() >= MEMORY_LIMIT) {
            waiting.pollFirst();
            lostInMemory++;
            log.error("outbox memory full while the disk refuses writes: {} records lost", lostInMemory);
          }
          waiting.addLast(r);
        }
      }
    }
    drain.offer(records);
  }
}
