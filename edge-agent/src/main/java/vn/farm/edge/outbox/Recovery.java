package vn.farm.edge.outbox;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import vn.farm.contract.Event;
import vn.farm.edge.store.AtomicFile;

/**
 * Opening an outbox after whatever happened to it ({@code docs/outbox.md}, "Opening after a crash"): reads the
 * acknowledged point, removes leftover temporary files and segments without a whole header, cuts every segment at
 * its first incomplete, corrupt or out-of-order record, deletes acknowledged segments, and indexes what is left.
 * Stateless.
 */
final class Recovery {
  private Recovery() {}

  /** What was found: the acknowledged point, the segments kept, the records to send, and what to report. */
  record Result(long acked, TreeMap<Long, Segment> segments, Segment newest, SeqIndex index, long totalBytes,
      List<Notice> notices) {}

  static Result run(Path dir, long monoNow) throws IOException {
    List<Notice> notices = new ArrayList<>();
    long acked = AckedPoint.read(dir, notices);
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> listing = Files.newDirectoryStream(dir)) {
      for (Path p : listing) {
        String name = p.getFileName().toString();
        if (name.endsWith(".tmp")) {
          Files.delete(p);
        } else if (Segment.firstSeqOf(name) >= 0) {
          files.add(p);
        }
      }
    }
    files.sort(null);
    TreeMap<Long, Segment> segments = new TreeMap<>();
    SeqIndex index = new SeqIndex();
    long totalBytes = 0;
    Segment kept = null;
    for (int n = 0; n < files.size(); n++) {
      Path file = files.get(n);
      boolean newest = n == files.size() - 1;
      Segment segment = new Segment(file, Segment.firstSeqOf(file.getFileName().toString()), -1, 0, monoNow);
      // Straight into the index: a record at or below the acknowledged point, or not above the last one indexed
      // (a segment left over from before a crash), is not. found = {records in the segment, its last seq}.
      long[] found = {0, segment.firstSeq - 1};
      SegmentFile.Scan scan = SegmentFile.scanHeads(file, (seq, wallMs, offset) -> {
        found[0]++;
        found[1] = seq;
        if (seq > acked && (index.size() == 0 || seq > index.seq(index.size() - 1))) {
          index.add(seq, wallMs, (int) offset);
        }
      });
      if (scan.goodEnd() < SegmentFile.HEADER) {
        Files.delete(file);
        notices.add(new Notice(Event.OUTBOX_TRUNCATED, file.getFileName() + " had no complete header ("
            + scan.fileSize() + " bytes) and was removed"));
        continue;
      }
      if (!scan.clean()) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
          ch.truncate(scan.goodEnd());
          ch.force(true);
        }
        notices.add(new Notice(Event.OUTBOX_TRUNCATED, "cut " + (scan.fileSize() - scan.goodEnd()) + " bytes at the "
            + "end of " + file.getFileName() + " (" + scan.problem() + "); " + found[0]
            + " records before it kept"));
      }
      segment.level = scan.level();
      segment.bytes = scan.goodEnd();
      segment.lastSeq = found[1];
      if (!newest && segment.lastSeq <= acked) {
        Files.delete(file);
        continue;
      }
      segments.put(segment.firstSeq, segment);
      totalBytes += segment.bytes;
      if (newest) {
        kept = segment;
      }
    }
    AtomicFile.syncFolder(dir);
    return new Result(acked, segments, kept, index, totalBytes, notices);
  }
}
