package vn.farm.edge.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.farm.contract.Receipt;
import vn.farm.contract.Receipt.SeqRange;

class OutboxTest {
  private static final Outbox.Limits SMALL = new Outbox.Limits(64 * 1024, 8 * 1024, 3_600_000);

  /** The agent's data folder: the outbox is in {@code outbox/} and the dead letters beside it. */
  @TempDir
  Path data;
  private Path dir;
  private final List<String> notices = new ArrayList<>();
  private final AtomicLong mono = new AtomicLong();

  @org.junit.jupiter.api.BeforeEach
  void outboxFolder() {
    dir = data.resolve("outbox");
  }

  private Outbox open(Outbox.Limits limits) {
    return Outbox.open(dir, limits, (type, severity, message) -> notices.add(type + ": " + message), mono::get);
  }

  private static OutboxRecord telemetry(long seq, long wallMs) {
    return new OutboxRecord(seq, OutboxRecord.TELEMETRY, 0, seq * 10, wallMs,
        ("{\"seq\":" + seq + ",\"pad\":\"" + "x".repeat(100) + "\"}").getBytes(StandardCharsets.UTF_8));
  }

  private static OutboxRecord event(long seq, long wallMs) {
    return new OutboxRecord(seq, OutboxRecord.EVENT, 0, seq * 10, wallMs,
        ("{\"event\":" + seq + "}").getBytes(StandardCharsets.UTF_8));
  }

  private static List<Long> drain(Outbox outbox) {
    List<Long> seqs = new ArrayList<>();
    for (OutboxRecord r = outbox.nextToSend(); r != null; r = outbox.nextToSend()) {
      seqs.add(r.seq());
    }
    return seqs;
  }

  private List<Path> segments() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().startsWith("seg-")).sorted().toList();
    }
  }

  @Test
  void recordsSurviveAReopenInOrderWithTheirBytes() {
    try (Outbox outbox = open(SMALL)) {
      outbox.append(List.of(telemetry(1, 0), event(2, 0)));
      outbox.append(List.of(telemetry(5, 10_000)));
    }
    try (Outbox outbox = open(SMALL)) {
      assertThat(outbox.depth()).isEqualTo(3);
      OutboxRecord first = outbox.nextToSend();
      assertThat(first.payload()).isEqualTo(telemetry(1, 0).payload());
      assertThat(first.monoMs()).isEqualTo(10);
      assertThat(drain(outbox)).containsExactly(2L, 5L);
    }
    assertThat(notices).isEmpty();
  }

  @Test
  void recordsLargerThanTheScanBufferAreIndexedWithTheirTimesAndReadBack() {
    Outbox.Limits roomy = new Outbox.Limits(16L << 20, 2L << 20, 3_600_000);
    byte[] big = ("{\"pad\":\"" + "y".repeat(100 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
    byte[] largest = ("{\"pad\":\"" + "z".repeat(SegmentFile.MAX_PAYLOAD - 20) + "\"}").getBytes(
        StandardCharsets.UTF_8);
    try (Outbox outbox = open(roomy)) {
      for (long seq = 1; seq <= 300; seq++) {
        outbox.append(List.of(telemetry(seq, 60_000 + seq)));
      }
      outbox.append(List.of(new OutboxRecord(301, OutboxRecord.EVENT, 0, 3010, 70_000, big)));
      outbox.append(List.of(telemetry(302, 70_001)));
      outbox.append(List.of(new OutboxRecord(303, OutboxRecord.EVENT, 0, 3030, 70_002, largest)));
      outbox.append(List.of(telemetry(304, 70_003)));
    }
    try (Outbox outbox = open(roomy)) {
      assertThat(outbox.depth()).isEqualTo(304);
      assertThat(outbox.oldestWallMs()).isEqualTo(60_001);
      List<OutboxRecord> read = new ArrayList<>();
      for (OutboxRecord r = outbox.nextToSend(); r != null; r = outbox.nextToSend()) {
        read.add(r);
      }
      assertThat(read).extracting(OutboxRecord::seq).containsExactlyElementsOf(
          java.util.stream.LongStream.rangeClosed(1, 304).boxed().toList());
      assertThat(read.get(300).payload()).isEqualTo(big);
      assertThat(read.get(300).wallMs()).isEqualTo(70_000);
      assertThat(read.get(302).payload()).isEqualTo(largest);
      assertThat(read.get(303).payload()).isEqualTo(telemetry(304, 70_003).payload());
    }
    assertThat(notices).isEmpty();
  }

  @Test
  void outboxSurvivesTruncatedTail() throws IOException {
    try (Outbox outbox = open(SMALL)) {
      for (long seq = 1; seq <= 20; seq++) {
        outbox.append(List.of(telemetry(seq, seq * 10_000)));
      }
    }
    Path last = segments().get(segments().size() - 1);
    try (RandomAccessFile f = new RandomAccessFile(last.toFile(), "rw")) {
      f.setLength(f.length() - 7);
    }
    try (Outbox outbox = open(SMALL)) {
      assertThat(drain(outbox)).hasSize(19).doesNotContain(20L).contains(19L);
      assertThat(notices).singleElement().asString().startsWith("outbox.truncated: cut ");
      outbox.append(List.of(telemetry(21, 0)));
    }
    try (Outbox outbox = open(SMALL)) {
      assertThat(drain(outbox)).hasSize(20).endsWith(19L, 21L);
    }
  }

  @Test
  void aPowerCutAtAnyByteKeepsEveryRecordWrittenWholeBeforeIt() throws IOException {
    try (Outbox outbox = open(SMALL)) {
      outbox.append(List.of(telemetry(1, 0)));
      outbox.append(List.of(event(2, 0), telemetry(3, 0)));
    }
    Path seg = segments().get(0);
    byte[] whole = Files.readAllBytes(seg);
    int[] ends = {SegmentFile.HEADER, SegmentFile.HEADER + SegmentFile.size(telemetry(1, 0)),
        SegmentFile.HEADER + SegmentFile.size(telemetry(1, 0)) + SegmentFile.size(event(2, 0)), whole.length};
    for (int cut = 0; cut <= whole.length; cut++) {
      Files.write(seg, java.util.Arrays.copyOf(whole, cut));
      Files.deleteIfExists(dir.resolve("acked"));
      int complete = 0;
      for (int i = 1; i < ends.length; i++) {
        if (cut >= ends[i]) {
          complete = i;
        }
      }
      try (Outbox outbox = open(SMALL)) {
        assertThat(drain(outbox)).as("cut at byte %d", cut).containsExactlyElementsOf(
            List.of(1L, 2L, 3L).subList(0, complete));
        outbox.append(List.of(telemetry(4, 0)));
        assertThat(outbox.depth()).isEqualTo(complete + 1);
      }
      try (Stream<Path> files = Files.list(dir)) {
        for (Path p : files.toList()) {
          Files.delete(p);
        }
      }
      Files.write(seg, whole);
    }
  }

  @Test
  void aCorruptByteInTheTailCutsOnlyTheRecordsFromIt() throws IOException {
    try (Outbox outbox = open(SMALL)) {
      outbox.append(List.of(telemetry(1, 0), telemetry(2, 0), telemetry(3, 0)));
    }
    Path seg = segments().get(0);
    long size = Files.size(seg);
    try (RandomAccessFile f = new RandomAccessFile(seg.toFile(), "rw")) {
      f.seek(size - 20);
      f.write('#');
    }
    try (Outbox outbox = open(SMALL)) {
      assertThat(drain(outbox)).containsExactly(1L, 2L);
      assertThat(notices).singleElement().asString().contains("checksum mismatch");
    }
  }

  @Test
  void aSegmentWithATornHeaderIsRemoved() throws IOException {
    try (Outbox outbox = open(SMALL)) {
      outbox.append(List.of(telemetry(1, 0)));
    }
    Files.write(dir.resolve(Segment.name(2)), new byte[] {'F', 'O'});
    try (Outbox outbox = open(SMALL)) {
      assertThat(drain(outbox)).containsExactly(1L);
      outbox.append(List.of(telemetry(2, 0)));
      assertThat(notices).singleElement().asString().contains("no complete header");
    }
  }

  @Test
  void onlyConfirmedRecordsLeaveAndTheAcknowledgedPointSurvives() throws IOException {
    try (Outbox outbox = open(SMALL)) {
      for (long seq = 1; seq <= 200; seq++) {
        outbox.append(List.of(telemetry(seq, 0)));
      }
      int before = segments().size();
      assertThat(before).isGreaterThan(2);
      drain(outbox);
      assertThat(outbox.confirm(List.of(new SeqRange(1, 150)))).isEqualTo(150);
      outbox.flush();
      assertThat(outbox.acked()).isEqualTo(150);
      assertThat(segments().size()).isLessThan(before);
      assertThat(Files.readString(dir.resolve("acked")).trim()).isEqualTo("150");
    }
    try (Outbox outbox = open(SMALL)) {
      assertThat(outbox.depth()).isEqualTo(50);
      assertThat(drain(outbox)).first().isEqualTo(151L);
    }
  }

  @Test
  void confirmationsOutOfOrderMoveThePointOnlyOverAnUnbrokenRun() {
    try (Outbox outbox = open(SMALL)) {
      outbox.append(List.of(telemetry(10, 0), telemetry(11, 0), event(15, 0), telemetry(20, 0)));
      drain(outbox);
      outbox.confirm(List.of(new SeqRange(15, 20)));
      assertThat(outbox.acked()).isZero();
      assertThat(outbox.depth()).isEqualTo(2);
      outbox.confirm(Receipt.of(11).stored());
      assertThat(outbox.acked()).isZero();
      outbox.confirm(List.of(new SeqRange(0, 10)));
      assertThat(outbox.acked()).isEqualTo(20);
      assertThat(outbox.depth()).isZero();
      assertThat(outbox.oldestWallMs()).isEqualTo(-1);
    }
  }

  @Test
  void aRepeatedOrUnknownReceiptChangesNothing() {
    try (Outbox outbox = open(SMALL)) {
      outbox.append(List.of(telemetry(1, 0), telemetry(2, 0)));
      drain(outbox);
      assertThat(outbox.confirm(List.of(new SeqRange(1, 1)))).isEqualTo(1);
      assertThat(outbox.confirm(List.of(new SeqRange(1, 1)))).isZero();
      assertThat(outbox.confirm(List.of(new SeqRange(500, 900)))).isZero();
      assertThat(outbox.acked()).isEqualTo(1);
      assertThat(outbox.depth()).isEqualTo(1);
    }
  }

  @Test
  void aReceiptNamingSeqsNeverSentMovesNothing() {
    try (Outbox outbox = open(SMALL)) {
      outbox.append(List.of(telemetry(1, 0), telemetry(2, 0), telemetry(3, 0)));
      assertThat(outbox.nextToSend().seq()).isEqualTo(1);
      // A forged receipt for every seq there is: only the one record sent so far may be confirmed.
      assertThat(outbox.confirm(List.of(new SeqRange(0, Long.MAX_VALUE)))).isEqualTo(1);
      assertThat(outbox.reject(List.of(new Receipt.Rejection(0, Long.MAX_VALUE, "contract", null)))).isZero();
      assertThat(outbox.acked()).isEqualTo(1);
      assertThat(outbox.depth()).isEqualTo(2);
      outbox.rewind();
      assertThat(drain(outbox)).containsExactly(2L, 3L);
    }
    assertThat(notices).isEmpty();
  }

  @Test
  void recordsSentBeforeARewindCanStillBeConfirmed() {
    try (Outbox outbox = open(SMALL)) {
      outbox.append(List.of(telemetry(1, 0), telemetry(2, 0)));
      drain(outbox);
      outbox.rewind();
      // The receipt of a send before the link dropped arrives after the rewind.
      assertThat(outbox.confirm(List.of(new SeqRange(1, 2)))).isEqualTo(2);
      assertThat(outbox.depth()).isZero();
    }
  }

  @Test
  void recordsTheCloudRefusesMoveToTheDeadLettersAndAreNeverSentAgain() throws IOException {
    try (Outbox outbox = open(SMALL)) {
      outbox.append(List.of(telemetry(1, 0), event(2, 0), telemetry(3, 0)));
      drain(outbox);
      assertThat(outbox.reject(List.of(new Receipt.Rejection(2, 2, "unstorable", "message: too long")))).isEqualTo(1);
      outbox.confirm(List.of(new SeqRange(1, 1)));
      assertThat(outbox.depth()).isEqualTo(1);
      assertThat(outbox.acked()).isEqualTo(2);
      outbox.rewind();
      assertThat(drain(outbox)).containsExactly(3L);
    }
    assertThat(notices).singleElement().asString().startsWith("outbox.rejected: ")
        .contains("seqs 2..2", "unstorable: message: too long", "1 records moved");
    try (Outbox outbox = open(SMALL)) {
      assertThat(drain(outbox)).containsExactly(3L);
      List<String> letters = outbox.deadLetters().lines();
      assertThat(letters).singleElement().asString().contains("\"seq\":2", "\"kind\":\"event\"",
          "\"reason\":\"unstorable\"", "\"payload\":\"{\\\"event\\\":2}\"");
    }
    assertThat(Files.readAllLines(dir.resolveSibling(DeadLetters.FOLDER).resolve(DeadLetters.CURRENT))).hasSize(1);
  }

  @Test
  void rejectingTheNoticeOfARejectionRaisesNoFurtherNotice() {
    byte[] notice = "{\"deviceId\":\"gh-1\",\"seq\":7,\"type\":\"outbox.rejected\",\"severity\":\"warning\"}"
        .getBytes(StandardCharsets.UTF_8);
    try (Outbox outbox = open(SMALL)) {
      outbox.append(List.of(new OutboxRecord(7, OutboxRecord.EVENT, 0, 70, 0, notice)));
      drain(outbox);
      assertThat(outbox.reject(List.of(new Receipt.Rejection(7, 7, "unstorable", null)))).isEqualTo(1);
      assertThat(outbox.depth()).isZero();
    }
    assertThat(notices).isEmpty();
  }

  @Test
  void deadLettersKeepAtMostTwoFilesOfTheirBound() throws IOException {
    byte[] payload = ("{\"pad\":\"" + "p".repeat(4000) + "\"}").getBytes(StandardCharsets.UTF_8);
    Outbox.Limits roomy = new Outbox.Limits(16L << 20, 1L << 20, 3_600_000);
    try (Outbox outbox = open(roomy)) {
      for (long seq = 1; seq <= 400; seq++) {
        outbox.append(List.of(new OutboxRecord(seq, OutboxRecord.TELEMETRY, 0, seq, 0, payload)));
      }
      drain(outbox);
      for (long seq = 1; seq <= 400; seq++) {
        outbox.reject(List.of(new Receipt.Rejection(seq, seq, "contract", "bad")));
      }
      assertThat(outbox.depth()).isZero();
      List<String> letters = outbox.deadLetters().lines();
      assertThat(letters).isNotEmpty().hasSizeLessThan(400);
      assertThat(letters.get(letters.size() - 1)).contains("\"seq\":400");
    }
    Path folder = dir.resolveSibling(DeadLetters.FOLDER);
    try (Stream<Path> files = Files.list(folder)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(DeadLetters.CURRENT,
          DeadLetters.PREVIOUS);
    }
    assertThat(Files.size(folder.resolve(DeadLetters.CURRENT))).isLessThanOrEqualTo(DeadLetters.FILE_BYTES);
    assertThat(Files.size(folder.resolve(DeadLetters.PREVIOUS))).isLessThanOrEqualTo(DeadLetters.FILE_BYTES);
  }

  @Test
  void sentRecordsAreSkippedUntilARewind() {
    try (Outbox outbox = open(SMALL)) {
      outbox.append(List.of(telemetry(1, 0), telemetry(2, 0), telemetry(3, 0)));
      outbox.sent(3);
      assertThat(drain(outbox)).containsExactly(1L, 2L);
      outbox.confirm(List.of(new SeqRange(2, 2)));
      outbox.rewind();
      assertThat(drain(outbox)).containsExactly(1L, 3L);
    }
  }

  @Test
  void aFullOutboxThinsOldReadingsKeepsEveryEventAndStaysWithinItsBudget() throws IOException {
    List<Long> events = new ArrayList<>();
    try (Outbox outbox = open(SMALL)) {
      for (long seq = 1; seq <= 2000; seq++) {
        mono.addAndGet(10_000);
        if (seq % 100 == 0) {
          outbox.append(List.of(event(seq, seq * 10_000)));
          events.add(seq);
        } else {
          outbox.append(List.of(telemetry(seq, seq * 10_000)));
        }
        assertThat(outbox.bytes()).isLessThanOrEqualTo(SMALL.budgetBytes());
      }
      assertThat(notices).anyMatch(n -> n.startsWith("outbox.thinned"));
      List<Long> left = drain(outbox);
      assertThat(left).containsAll(events).isSorted().endsWith(2000L);
      assertThat(left.size()).isLessThan(2000);
    }
    long onDisk = 0;
    for (Path p : segments()) {
      onDisk += Files.size(p);
    }
    assertThat(onDisk).isLessThanOrEqualTo(SMALL.budgetBytes());
    try (Outbox outbox = open(SMALL)) {
      assertThat(drain(outbox)).containsAll(events);
    }
  }

  @Test
  void thinningKeepsOneReadingAMinuteMarkedThinned() throws IOException {
    try (Outbox outbox = open(SMALL)) {
      for (long seq = 1; seq <= 400; seq++) {
        outbox.append(List.of(telemetry(seq, seq * 10_000)));
      }
      assertThat(notices).anyMatch(n -> n.contains("one reading a minute"));
      List<OutboxRecord> all = new ArrayList<>();
      for (OutboxRecord r = outbox.nextToSend(); r != null; r = outbox.nextToSend()) {
        all.add(r);
      }
      List<OutboxRecord> thinned = all.stream().filter(r -> (r.flags() & OutboxRecord.THINNED) != 0).toList();
      assertThat(thinned).isNotEmpty();
      for (int i = 1; i < thinned.size(); i++) {
        if (thinned.get(i).wallMs() / 600_000 == thinned.get(i - 1).wallMs() / 600_000) {
          assertThat(thinned.get(i).wallMs() / 60_000).isNotEqualTo(thinned.get(i - 1).wallMs() / 60_000);
        }
      }
    }
  }

  @Test
  void whenOnlyEventsAreLeftTheOldestSegmentIsDroppedAndSaidSo() {
    try (Outbox outbox = open(SMALL)) {
      for (long seq = 1; seq <= 1500; seq++) {
        outbox.append(List.of(event(seq, seq)));
      }
      assertThat(notices).anyMatch(n -> n.startsWith("outbox.dropped"));
      assertThat(outbox.bytes()).isLessThanOrEqualTo(SMALL.budgetBytes());
      assertThat(drain(outbox)).endsWith(1500L);
    }
  }
}
