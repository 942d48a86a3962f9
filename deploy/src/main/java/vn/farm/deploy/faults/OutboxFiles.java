package vn.farm.deploy.faults;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * Reads an edge agent's outbox folder on its own, from the format written down in {@code docs/outbox.md} and
 * without the agent's code: the seqs of every whole, checksummed record above the acknowledged point. The fault
 * suite uses it as its independent count of what the edge has generated and not yet had confirmed.
 */
final class OutboxFiles {
  private OutboxFiles() {}

  /** Returns the seqs waiting in the outbox at {@code dir} (empty when there is none). */
  static TreeSet<Long> pending(Path dir) throws IOException {
    TreeSet<Long> seqs = new TreeSet<>();
    long acked;
    try {
      acked = Long.parseLong(Files.readString(dir.resolve("acked"), StandardCharsets.US_ASCII).trim());
    } catch (NoSuchFileException e) {
      acked = 0;
    }
    if (!Files.isDirectory(dir)) {
      return seqs;
    }
    List<Path> segments;
    try (Stream<Path> files = Files.list(dir)) {
      segments = files.filter(p -> p.getFileName().toString().matches("seg-\\d{20}\\.log")).sorted().toList();
    }
    for (Path segment : segments) {
      read(segment, acked, seqs);
    }
    return seqs;
  }

  /** Returns the newest segment file of the outbox at {@code dir}, or null. */
  static Path newestSegment(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().matches("seg-\\d{20}\\.log")).sorted()
          .reduce((a, b) -> b).orElse(null);
    }
  }

  private static void read(Path segment, long acked, TreeSet<Long> seqs) throws IOException {
    try (InputStream raw = Files.newInputStream(segment);
        DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(raw))) {
      byte[] magic = new byte[4];
      in.readFully(magic);
      if (!"FOBX".equals(new String(magic, StandardCharsets.US_ASCII)) || in.readUnsignedShort() != 1) {
        return;
      }
      in.readUnsignedShort();
      while (true) {
        int length;
        try {
          length = in.readInt();
        } catch (EOFException end) {
          return;
        }
        int crc = in.readInt();
        if (length < 26 || length > 26 + 256 * 1024) {
          return;
        }
        byte[] body = new byte[length];
        try {
          in.readFully(body);
        } catch (EOFException torn) {
          return;
        }
        CRC32C check = new CRC32C();
        check.update(body);
        if ((int) check.getValue() != crc) {
          return;
        }
        long seq = java.nio.ByteBuffer.wrap(body).getLong();
        if (seq > acked) {
          seqs.add(seq);
        }
      }
    } catch (EOFException shortHeader) {
      // a segment torn while being created holds nothing
    }
  }
}
