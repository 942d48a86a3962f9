package vn.farm.edge.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentLogTest {
  /** Segments of at most 2 KiB or one minute. */
  private static final Outbox.Limits LIMITS = new Outbox.Limits(64 * 1024, 2 * 1024, 60_000);

  @TempDir
  Path dir;
  private final AtomicLong mono = new AtomicLong();
  private final List<long[]> indexed = new ArrayList<>();
  private SegmentLog log;

  private SegmentLog open() throws IOException {
    log = new SegmentLog(dir, LIMITS, mono::get, Recovery.run(dir, mono.get()));
    return log;
  }

  @AfterEach
  void closeLog() {
    if (log != null) {
      log.close();
    }
  }

  private static OutboxRecord record(long seq) {
    return new OutboxRecord(seq, OutboxRecord.TELEMETRY, 0, seq, 1000 * seq,
        ("{\"seq\":" + seq + ",\"pad\":\"" + "x".repeat(200) + "\"}").getBytes(StandardCharsets.UTF_8));
  }

  private void append(long... seqs) throws IOException {
    List<OutboxRecord> records = new ArrayList<>();
    for (long seq : seqs) {
      records.add(record(seq));
    }
    log.append(records, (seq, wallMs, offset) -> indexed.add(new long[] {seq, wallMs, offset}));
  }

  @Test
  void eachRecordIsReadBackFromWhereItWasSaidToStart() throws IOException {
    open();
    append(1, 2, 3);
    append(4);

    assertThat(indexed).extracting(r -> r[0]).containsExactly(1L, 2L, 3L, 4L);
    assertThat(indexed.get(0)[2]).as("after the header").isEqualTo(SegmentFile.HEADER);
    for (long[] r : indexed) {
      OutboxRecord read = log.read(log.segmentOf(r[0]), (int) r[2]);
      assertThat(read.seq()).isEqualTo(r[0]);
      assertThat(read.wallMs()).isEqualTo(r[1]);
      assertThat(read.payload()).isEqualTo(record(r[0]).payload());
    }
    assertThat(log.bytes()).isEqualTo(Files.size(dir.resolve(Segment.name(1))));
  }

  @Test
  void aFullSegmentRollsToANewOneNamedByItsFirstSeq() throws IOException {
    open();
    for (long seq = 1; seq <= 12; seq++) {
      append(seq);
    }

    assertThat(log.count()).isGreaterThan(1);
    assertThat(log.segments()).allSatisfy(s -> assertThat(s.bytes).isLessThanOrEqualTo(2 * 1024));
    assertThat(log.segments()).allSatisfy(s -> assertThat(s.path.getFileName().toString())
        .isEqualTo(Segment.name(s.firstSeq)));
    assertThat(log.bytes()).isEqualTo(log.segments().stream().mapToLong(s -> s.bytes).sum());
    assertThat(log.current()).isSameAs(log.segments().get(log.count() - 1));
  }

  @Test
  void anOldSegmentRollsEvenWhenItHasRoom() throws IOException {
    open();
    append(1);
    mono.addAndGet(60_000);
    append(2);

    assertThat(log.segments()).extracting(s -> s.firstSeq).containsExactly(1L, 2L);
  }

  @Test
  void deletingAcknowledgedSegmentsKeepsTheOneBeingAppendedTo() throws IOException {
    open();
    append(1);
    mono.addAndGet(60_000);
    append(2);
    mono.addAndGet(60_000);
    append(3);

    log.deleteAcknowledged(3);
    assertThat(log.segments()).extracting(s -> s.firstSeq).containsExactly(3L);
    assertThat(Files.exists(dir.resolve(Segment.name(1)))).isFalse();
    assertThat(log.bytes()).isEqualTo(Files.size(dir.resolve(Segment.name(3))));
  }

  @Test
  void appendingContinuesInTheNewestSegmentAfterAReopen() throws IOException {
    open();
    append(1, 2);
    log.close();

    open();
    append(3);
    assertThat(log.count()).isEqualTo(1);
    long[] third = indexed.get(2);
    assertThat(log.read(log.segmentOf(3), (int) third[2]).seq()).isEqualTo(3);
  }
}
