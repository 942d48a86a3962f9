package vn.farm.edge.outbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import vn.farm.edge.store.AtomicFile;
import vn.farm.json.JsonWriter;

/**
 * Records the cloud refused for good, kept for people to inspect (docs/outbox.md, "Dead letters"): one JSON object a
 * line in {@value #CURRENT}, and the lines before in {@value #PREVIOUS}. When the current file would pass
 * {@link #FILE_BYTES} it becomes the previous one (replacing it), so the two never hold more than about twice that,
 * whatever a misbehaving cloud or agent does. Each line is appended and fsynced before its record leaves the
 * outbox. Not thread-safe: the {@link Outbox} guards it.
 */
public final class DeadLetters {
  /** The folder under the agent's data folder, beside {@code outbox/}. */
  public static final String FOLDER = "dead-letters";
  static final String CURRENT = "dead-letters.jsonl";
  static final String PREVIOUS = "dead-letters.1.jsonl";
  /** Most bytes of one file: some thousands of telemetry records, or a few hundred of the largest. */
  static final long FILE_BYTES = 512 * 1024;

  /** One refused record: when it was moved here, its seq and kind, the cloud's reason, and its payload as sent. */
  public record Letter(Instant movedAt, long seq, String kind, String reason, String detail, String payload) {}

  private static final JsonWriter JSON = new JsonWriter();
  private final Path dir;

  /** Keeps dead letters in {@code dir}, made when the first one is written. */
  public DeadLetters(Path dir) {
    this.dir = dir;
  }

  /** Returns the folder that holds the files. */
  public Path dir() {
    return dir;
  }

  /** Appends {@code letters} durably, moving the current file aside first when they would not fit in it. */
  void write(List<Letter> letters) throws IOException {
    if (letters.isEmpty()) {
      return;
    }
    StringBuilder text = new StringBuilder();
    for (Letter l : letters) {
      text.append(new String(JSON.write(l), StandardCharsets.UTF_8)).append('\n');
    }
    byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
    Files.createDirectories(dir);
    Path current = dir.resolve(CURRENT);
    if (Files.exists(current) && Files.size(current) + bytes.length > FILE_BYTES) {
      Files.move(current, dir.resolve(PREVIOUS), StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    }
    try (FileChannel ch = FileChannel.open(current, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.APPEND)) {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        ch.write(buffer);
      }
      ch.force(false);
    }
    AtomicFile.syncFolder(dir);
  }

  /** Returns every line kept, oldest first, as written (JSON objects). */
  public List<String> lines() {
    List<String> lines = new ArrayList<>();
    try {
      for (String name : List.of(PREVIOUS, CURRENT)) {
        Path file = dir.resolve(name);
        if (Files.exists(file)) {
          for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
              lines.add(line);
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the dead letters in " + dir + ": " + e.getMessage(), e);
    }
    return lines;
  }
}
