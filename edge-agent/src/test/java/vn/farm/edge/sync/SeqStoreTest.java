package vn.farm.edge.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeqStoreTest {
  @TempDir
  Path dataDir;

  @Test
  void aNewDeviceStartsAtOne() {
    try (SeqStore seq = SeqStore.open(dataDir)) {
      assertThat(seq.next()).isEqualTo(1);
      assertThat(seq.next()).isEqualTo(2);
    }
  }

  @Test
  void continuesWithoutAGapAfterACleanClose() {
    try (SeqStore seq = SeqStore.open(dataDir)) {
      seq.next();
      seq.next();
    }
    try (SeqStore seq = SeqStore.open(dataDir)) {
      assertThat(seq.next()).isEqualTo(3);
    }
  }

  @Test
  void staysAboveEverythingUsedWhenTheProcessDiesWithoutClosing() {
    SeqStore crashed = SeqStore.open(dataDir);
    long last = 0;
    for (int i = 0; i < 2500; i++) {
      last = crashed.next();
    }
    // no close(): as after a power cut

    try (SeqStore seq = SeqStore.open(dataDir)) {
      assertThat(seq.next()).isGreaterThan(last);
    }
  }

  @Test
  void writesTheDiskOncePerBlockNotPerNumber() throws Exception {
    SeqStore seq = SeqStore.open(dataDir);
    seq.next();
    String afterFirst = Files.readString(dataDir.resolve("seq")).trim();
    for (int i = 0; i < 500; i++) {
      seq.next();
    }

    assertThat(afterFirst).isEqualTo(String.valueOf(1 + SeqStore.BLOCK));
    assertThat(Files.readString(dataDir.resolve("seq")).trim()).isEqualTo(afterFirst);
    assertThat(dataDir.resolve("seq.tmp")).doesNotExist();
  }

  @Test
  void refusesAFileItCannotRead() throws Exception {
    Files.writeString(dataDir.resolve("seq"), "garbage");

    assertThatThrownBy(() -> SeqStore.open(dataDir)).isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("garbage").hasMessageContaining("above the highest seq");
  }
}
