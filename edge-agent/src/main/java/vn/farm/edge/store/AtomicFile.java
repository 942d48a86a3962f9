package vn.farm.edge.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Replaces a small file so that after a crash or power cut it holds either the old or the new bytes, never a mix:
 * write {@code name.tmp}, fsync it, rename it over the file, fsync the folder. For state that must survive a
 * restart (sequence numbers, safety counters, the applied configuration). Stateless; callers serialise writes to
 * the same file.
 */
public final class AtomicFile {
  private AtomicFile() {}

  /** Atomically replaces {@code file} with {@code bytes}, durably, creating it when missing. */
  public static void write(Path file, byte[] bytes) throws IOException {
    Path temp = file.resolveSibling(file.getFileName() + ".tmp");
    try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        ch.write(buffer);
      }
      ch.force(true);
    }
    try {
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
    }
    syncFolder(file.toAbsolutePath().getParent());
  }

  /** Fsyncs {@code folder}, making creations, renames and deletions in it durable (Linux; a no-op elsewhere). */
  public static void syncFolder(Path folder) {
    // Makes the rename itself durable on Linux; other systems may refuse to open a folder, which is harmless there.
    try (FileChannel dir = FileChannel.open(folder, StandardOpenOption.READ)) {
      dir.force(true);
    } catch (IOException e) {
      // not supported on this platform
    }
  }
}
