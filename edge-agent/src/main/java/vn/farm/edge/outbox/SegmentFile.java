package vn.farm.edge.outbox;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The byte layout of one segment, as written down in {@code docs/outbox.md}: an 8-byte header ({@code "FOBX"},
 * version 1, reserved), then records {@code length u32 | crc u32 | seq u64 | kind u8 | flags u8 | monoMs u64 |
 * wallMs u64 | payload}, big-endian, where {@code length} counts the bytes from {@code seq} to the end of the
 * payload and {@code crc} is their CRC-32C. Stateless.
 */
final class SegmentFile {
  static final int HEADER = 8;
  /** Bytes of {@code seq | kind | flags | monoMs | wallMs}. */
  static final int FIXED = 8 + 1 + 1 + 8 + 8;
  /** Bytes before the checked part: {@code length | crc}. */
  static final int PREFIX = 8;
  /** Largest payload accepted; anything longer in a length field is corruption. */
  static final int MAX_PAYLOAD = vn.farm.contract.MessageCodec.MAX_PAYLOAD_BYTES;
  private static final byte[] MAGIC = {'F', 'O', 'B', 'X'};
  private static final short VERSION = 1;

  private SegmentFile() {}

  /** Receives each good record found by {@link #scan} with the byte offset where it starts. */
  interface Visitor {
    void record(OutboxRecord record, long offset);
  }

  /**
   * Receives what the index needs of each good record found by {@link #scanHeads}: its seq, wall time and the byte
   * offset where it starts. The payload is checked but not copied, so indexing a full outbox makes next to no
   * garbage (each copied payload would be about a kilobyte).
   */
  interface HeadVisitor {
    void record(long seq, long wallMs, long offset);
  }

  /** What a scan found: where the good records end and why it stopped there, if early. */
  record Scan(long goodEnd, long fileSize, int level, String problem) {
    boolean clean() {
      return problem == null;
    }
  }

  /** Returns the header of a segment thinned to {@code level} (0 = raw). */
  static ByteBuffer header(int level) {
    ByteBuffer b = ByteBuffer.allocate(HEADER);
    b.put(MAGIC).putShort(VERSION).putShort((short) level).flip();
    return b;
  }

  /** Returns the size of {@code record} on disk. */
  static int size(OutboxRecord record) {
    return PREFIX + FIXED + record.payload().length;
  }

  /** Writes {@code records} one after another into a new buffer, ready to be written. */
  static ByteBuffer encode(List<OutboxRecord> records) {
    int total = 0;
    for (OutboxRecord r : records) {
      total += size(r);
    }
    ByteBuffer b = ByteBuffer.allocate(total);
    CRC32C crc = new CRC32C();
    for (OutboxRecord r : records) {
      int start = b.position();
      b.putInt(FIXED + r.payload().length).putInt(0);
      b.putLong(r.seq()).put((byte) r.kind()).put((byte) r.flags()).putLong(r.monoMs()).putLong(r.wallMs())
          .put(r.payload());
      crc.reset();
      crc.update(b.array(), start + PREFIX, FIXED + r.payload().length);
      b.putInt(start + 4, (int) crc.getValue());
    }
    return b.flip();
  }

  /**
   * Reads the segment at {@code file} from its header to the first record that is incomplete, fails its CRC,
   * does not increase the seq, or is impossible; hands every good record before it to {@code visitor}.
   */
  static Scan scan(Path file, Visitor visitor) throws IOException {
    return scan(file, visitor, null);
  }

  /** As {@link #scan}, handing {@code visitor} only the seq, wall time and offset of each good record. */
  static Scan scanHeads(Path file, HeadVisitor visitor) throws IOException {
    return scan(file, null, visitor);
  }

  private static Scan scan(Path file, Visitor records, HeadVisitor heads) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      ByteBuffer head = ByteBuffer.allocate(HEADER);
      readFully(ch, head, 0);
      head.flip();
      if (head.remaining() < HEADER || !hasMagic(head)) {
        return new Scan(0, size, 0, "no segment header");
      }
      int level = head.getShort();
      Reader reader = new Reader(ch, HEADER);
      long lastSeq = -1;
      CRC32C crc = new CRC32C();
      while (true) {
        long offset = reader.position();
        if (offset == size) {
          return new Scan(offset, size, level, null);
        }
        ByteBuffer prefix = reader.read(PREFIX);
        if (prefix == null) {
          return new Scan(offset, size, level, "record header cut short");
        }
        int length = prefix.getInt();
        int expected = prefix.getInt();
        if (length < FIXED || length > FIXED + MAX_PAYLOAD) {
          return new Scan(offset, size, level, "impossible record length " + length);
        }
        ByteBuffer body = reader.read(length);
        if (body == null) {
          return new Scan(offset, size, level, "record cut short (" + length + " bytes expected)");
        }
        crc.reset();
        crc.update(body.array(), body.arrayOffset() + body.position(), length);
        if ((int) crc.getValue() != expected) {
          return new Scan(offset, size, level, "checksum mismatch");
        }
        int at = body.position();
        long seq = body.getLong(at);
        int kind = body.get(at + 8);
        if (!isKnown(kind, seq)) {
          return new Scan(offset, size, level, "unknown record kind");
        }
        if (seq <= lastSeq) {
          return new Scan(offset, size, level, "seq " + seq + " does not increase");
        }
        lastSeq = seq;
        if (records != null) {
          records.record(decode(body, length), offset);
        } else {
          heads.record(seq, body.getLong(at + 18), offset);
        }
      }
    }
  }

  /** Reads the record that starts at {@code offset} of an open segment, checking its CRC. */
  static OutboxRecord readAt(FileChannel ch, long offset) throws IOException {
    ByteBuffer prefix = ByteBuffer.allocate(PREFIX);
    readFully(ch, prefix, offset);
    prefix.flip();
    if (prefix.remaining() < PREFIX) {
      throw new IOException("record at " + offset + " is cut short");
    }
    int length = prefix.getInt();
    int expected = prefix.getInt();
    if (length < FIXED || length > FIXED + MAX_PAYLOAD) {
      throw new IOException("record at " + offset + " has an impossible length " + length);
    }
    ByteBuffer body = ByteBuffer.allocate(length);
    readFully(ch, body, offset + PREFIX);
    body.flip();
    if (body.remaining() < length) {
      throw new IOException("record at " + offset + " is cut short");
    }
    CRC32C crc = new CRC32C();
    crc.update(body.array(), 0, length);
    if ((int) crc.getValue() != expected) {
      throw new IOException("record at " + offset + " fails its checksum");
    }
    OutboxRecord record = decode(body, length);
    if (record == null) {
      throw new IOException("record at " + offset + " has an unknown kind");
    }
    return record;
  }

  private static OutboxRecord decode(ByteBuffer body, int length) {
    long seq = body.getLong();
    int kind = body.get();
    int flags = body.get() & 0xff;
    long mono = body.getLong();
    long wall = body.getLong();
    byte[] payload = new byte[length - FIXED];
    body.get(payload);
    if (!isKnown(kind, seq)) {
      return null;
    }
    return new OutboxRecord(seq, kind, flags, mono, wall, payload);
  }

  private static boolean isKnown(int kind, long seq) {
    return (kind == OutboxRecord.TELEMETRY || kind == OutboxRecord.EVENT) && seq >= 0;
  }

  private static boolean hasMagic(ByteBuffer head) {
    for (byte m : MAGIC) {
      if (head.get() != m) {
        return false;
      }
    }
    return head.getShort() == VERSION;
  }

  private static void readFully(FileChannel ch, ByteBuffer b, long position) throws IOException {
    long at = position;
    while (b.hasRemaining()) {
      int n = ch.read(b, at);
      if (n < 0) {
        return;
      }
      at += n;
    }
  }

  /**
   * Sequential reads through a buffer of 64 KiB, which grows only for a record larger than that (records are about a
   * kilobyte; the largest allowed is {@link #MAX_PAYLOAD}), for scanning whole segments.
   */
  private static final class Reader {
    private final FileChannel ch;
    private ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
    private long filePosition;
    private long consumed;

    Reader(FileChannel ch, long start) {
      this.ch = ch;
      this.filePosition = start;
      this.consumed = start;
      buffer.flip();
    }

    long position() {
      return consumed;
    }

    /** Returns the next {@code n} bytes (a buffer positioned at them), or null when the file ends first. */
    ByteBuffer read(int n) throws IOException {
      if (buffer.remaining() < n) {
        if (buffer.capacity() < n) {
          ByteBuffer larger = ByteBuffer.allocate(n);
          larger.put(buffer);
          buffer = larger;
        } else {
          buffer.compact();
        }
        while (buffer.hasRemaining()) {
          int got = ch.read(buffer, filePosition);
          if (got < 0) {
            break;
          }
          filePosition += got;
        }
        buffer.flip();
        if (buffer.remaining() < n) {
          return null;
        }
      }
      ByteBuffer slice = ByteBuffer.wrap(buffer.array(), buffer.position(), n).slice();
      buffer.position(buffer.position() + n);
      consumed += n;
      return slice;
    }
  }
}
