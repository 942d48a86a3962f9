package vn.farm.edge.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SlotFileTest {
  @TempDir
  Path dir;

  private static byte[] text(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aNewFileIsAllocatedOnceAndReadsAsNothing() throws IOException {
    Path file = dir.resolve("state.slots");
    try (SlotFile slots = SlotFile.open(file)) {
      assertThat(slots.read()).isNull();
      assertThat(Files.size(file)).isEqualTo(2L * SlotFile.SLOT);
      for (int i = 0; i < 50; i++) {
        slots.write(text("state " + i));
      }
      assertThat(Files.size(file)).as("saves never need a new block").isEqualTo(2L * SlotFile.SLOT);
    }
    try (SlotFile slots = SlotFile.open(file)) {
      assertThat(new String(slots.read(), StandardCharsets.UTF_8)).isEqualTo("state 49");
    }
  }

  @Test
  void aSaveTornByAPowerCutLeavesThePreviousState() throws IOException {
    Path file = dir.resolve("state.slots");
    try (SlotFile slots = SlotFile.open(file)) {
      slots.write(text("first"));
      slots.write(text("second"));
    }
    // "second" went to slot 0 (generation 2): spoil its payload as a cut-off write would.
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.seek(24);
      f.write(text("XX"));
    }
    try (SlotFile slots = SlotFile.open(file)) {
      assertThat(new String(slots.read(), StandardCharsets.UTF_8)).isEqualTo("first");
      slots.write(text("third"));
    }
    try (SlotFile slots = SlotFile.open(file)) {
      assertThat(new String(slots.read(), StandardCharsets.UTF_8)).isEqualTo("third");
    }
  }

  @Test
  void aFileWithNoIntactCopyIsAnErrorNotANewStart() throws IOException {
    Path file = dir.resolve("state.slots");
    Files.write(file, text("garbage that is not a slot"));
    try (SlotFile slots = SlotFile.open(file)) {
      assertThatThrownBy(slots::read).hasMessageContaining("no intact copy");
    }
  }
}
