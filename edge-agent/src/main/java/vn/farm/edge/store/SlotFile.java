package vn.farm.edge.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * A small piece of state rewritten in place, for state that must be saved even when the disk is full: a file of
 * two fixed slots, allocated once, written alternately and fsynced, so no save ever needs a new block. Each slot is
 * {@code "FSLT" | version u16 = 1 | reserved u16 | generation u64 | length u32 | crc u32 | payload}, big-endian,
 * the CRC-32C over the payload; reading takes the intact slot with the higher generation. A power cut during a
 * write spoils at most the slot being written, and the other still holds the previous state. Not thread-safe.
 */
public final class SlotFile implements AutoCloseable {
  /** Bytes of one slot; the payload may use all but the header. */
  public static final int SLOT = 16 * 1024;
  private static final int HEADER = 24;
  private static final byte[] MAGIC = {'F', 'S', 'L', 'T'};

  private final Path file;
  private final FileChannel channel;
  private long generation;

  private SlotFile(Path file, FileChannel channel) {
    this.file = file;
    this.channel = channel;
  }

  /** Opens {@code file}, creating and allocating both slots (zeros, fsynced) when it is missing. */
  public static SlotFile open(Path file) throws IOException {
    boolean created = !Files.exists(file);
    FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
        StandardOpenOption.WRITE);
    try {
      if (ch.size() < 2L * SLOT) {
        ByteBuffer zeros = ByteBuffer.allocate((int) (2L * SLOT - ch.size()));
        long at = ch.size();
        while (zeros.hasRemaining()) {
          at += ch.write(zeros, at);
        }
        ch.force(true);
      }
    } catch (IOException e) {
      ch.close();
      if (created) {
        Files.deleteIfExists(file);
      }
      throw e;
    }
    if (created) {
      AtomicFile.syncFolder(file.toAbsolutePath().getParent());
    }
    return new SlotFile(file, ch);
  }

  /**
   * Returns the newest intact payload, or null when nothing was ever written. Throws when something was written
   * but neither slot is intact.
   */
  public byte[] read() throws IOException {
    byte[] best = null;
    long bestGeneration = -1;
    boolean anyWritten = false;
    for (int slot = 0; slot < 2; slot++) {
      ByteBuffer b = ByteBuffer.allocate(SLOT);
      long at = (long) slot * SLOT;
      while (b.hasRemaining() && channel.read(b, at + b.position()) > 0) {
        // keep reading
      }
      b.flip();
      byte[] raw = new byte[b.remaining()];
      b.get(raw);
      for (byte x : raw) {
        if (x != 0) {
          anyWritten = true;
          break;
        }
      }
      ByteBuffer h = ByteBuffer.wrap(raw);
      if (raw.length < HEADER || h.get() != MAGIC[0] || h.get() != MAGIC[1] || h.get() != MAGIC[2]
          || h.get() != MAGIC[3] || h.getShort() != 1) {
        continue;
      }
      h.getShort();
      long gen = h.getLong();
      int length = h.getInt();
      int crc = h.getInt();
      if (length < 0 || length > SLOT - HEADER) {
        continue;
      }
      CRC32C check = new CRC32C();
      check.update(raw, HEADER, length);
      if ((int) check.getValue() != crc || gen <= bestGeneration) {
        continue;
      }
      bestGeneration = gen;
      best = java.util.Arrays.copyOfRange(raw, HEADER, HEADER + length);
    }
    if (best == null && anyWritten) {
      throw new IOException(file + " holds no intact copy in either slot");
    }
    generation = Math.max(generation, bestGeneration);
    return best;
  }

  /** Writes {@code payload} into the older slot and fsyncs it; the other slot keeps the previous state. */
  public void write(byte[] payload) throws IOException {
    if (payload.length > SLOT - HEADER) {
      throw new IOException("state of " + payload.length + " bytes does not fit a slot of " + (SLOT - HEADER));
    }
    generation++;
    CRC32C crc = new CRC32C();
    crc.update(payload);
    ByteBuffer b = ByteBuffer.allocate(HEADER + payload.length);
    b.put(MAGIC).putShort((short) 1).putShort((short) 0).putLong(generation).putInt(payload.length)
        .putInt((int) crc.getValue()).put(payload).flip();
    long at = (generation % 2) * SLOT;
    while (b.hasRemaining()) {
      at += channel.write(b, at);
    }
    channel.force(false);
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
