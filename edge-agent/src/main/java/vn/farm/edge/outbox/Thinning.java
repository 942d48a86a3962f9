package vn.farm.edge.outbox;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rewrites a closed segment one thinning level coarser: one telemetry record a minute, then one in ten minutes,
 * then events only. Every event is kept, records already acknowledged are left out, and kept telemetry is marked
 * {@link OutboxRecord#THINNED}; seqs do not change, so the cloud sees the gap and the {@code outbox.thinned} event
 * that explains it. The copy is written beside the segment, fsynced and renamed over it, so a power cut leaves
 * either the old segment or the new one. Stateless; the {@link DiskBudget} decides what to thin and when.
 */
final class Thinning {
  private Thinning() {}

  static void thin(DiskBudget budget, Segment s) throws IOException {
    int level = s.level + 1;
    long bucket = Segment.bucketMs(level);
    long acked = budget.acked();
    List<OutboxRecord> keep = new ArrayList<>();
    int[] removed = {0};
    long[] lastBucket = {Long.MIN_VALUE};
    SegmentFile.scan(s.path, (r, offset) -> {
      if (r.seq() <= acked) {
        return;
      }
      if (r.isEvent()) {
        keep.add(r);
        return;
      }
      long b = bucket == 0 ? Long.MIN_VALUE : Math.floorDiv(r.wallMs(), bucket);
      if (bucket != 0 && b != lastBucket[0]) {
        lastBucket[0] = b;
        keep.add(r.with(OutboxRecord.THINNED));
      } else {
        removed[0]++;
      }
    });
    Path temp = s.path.resolveSibling(s.path.getFileName() + ".tmp");
    Map<Long, Integer> offsets = new HashMap<>();
    long bytes = SegmentFile.HEADER;
    for (OutboxRecord r : keep) {
      offsets.put(r.seq(), (int) bytes);
      bytes += SegmentFile.size(r);
    }
    try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer header = SegmentFile.header(level);
      while (header.hasRemaining()) {
        ch.write(header);
      }
      ByteBuffer body = SegmentFile.encode(keep);
      while (body.hasRemaining()) {
        ch.write(body);
      }
      ch.force(true);
    }
    try {
      Files.move(temp, s.path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, s.path, StandardCopyOption.REPLACE_EXISTING);
    }
    budget.replaced(s, level, offsets, bytes, removed[0]);
  }
}
