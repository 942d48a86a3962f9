package vn.farm.sim.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.farm.edge.actuation.Outputs;
import vn.farm.profile.Profiles;

class VirtualBoardTest {
  @Test
  void buildsAModelForEveryChipOfTheProfile() {
    try (VirtualBoard board = VirtualBoard.of(Profiles.builtinBoard("rpi4-greenhouse"))) {
      assertThat(board.ads1115(0x48)).isNotNull();
      assertThat(board.sht31(0x44)).isNotNull();
      assertThat(board.bh1750(0x23)).isNotNull();
      assertThat(board.ds18b20("28-0316a2795cff").file()).exists();
      assertThatThrownBy(() -> board.sht31(0x45)).hasMessageContaining("no sht31 at 69");
    }
  }

  @Test
  void aRelayNobodyClaimedIsOff() {
    try (VirtualBoard board = VirtualBoard.of(Profiles.builtinBoard("rpi4-greenhouse"))) {
      assertThat(board.relayOn("pump")).isFalse();
      assertThat(board.pinLevel(17)).isNull();
    }
  }

  @Test
  void readsEachRelayFromItsPinHonouringActiveLow() {
    try (VirtualBoard board = VirtualBoard.of(Profiles.builtinBoard("rpi4-greenhouse"))) {
      Outputs outputs = Outputs.fromBoard(board.profile(), board.context(), Clock.systemUTC());

      outputs.get("fan").orElseThrow().set(true, "test");

      assertThat(board.relayOn("fan")).isTrue();
      assertThat(board.pinLevel(27)).hasToString("LOW");
      assertThat(board.relayOn("pump")).isFalse();
    }
  }

  @Test
  void oneWireFolderLivesInMemoryAndLooksLikeSysfs() {
    try (VirtualBoard board = VirtualBoard.of(Profiles.builtinBoard("rpi4-greenhouse"))) {
      assertThat(board.w1Root().getFileSystem()).isNotSameAs(java.nio.file.FileSystems.getDefault());
      assertThat(board.w1Root().toString()).isEqualTo("/sys/bus/w1/devices");
      assertThat(board.w1Root().resolve("28-0316a2795cff/w1_slave")).isRegularFile();
    }
  }

  @Test
  void closingDiscardsTheOneWireFolder() {
    VirtualBoard board = VirtualBoard.of(Profiles.builtinBoard("rpi4-greenhouse"));

    board.close();

    assertThat(board.w1Root().getFileSystem().isOpen()).isFalse();
  }

  @Test
  void oneWireFolderOnDiskLooksLikeSysfsAndIsLeftToItsOwner(@TempDir Path dir) {
    Path w1 = dir.resolve("devices");
    try (VirtualBoard board = VirtualBoard.onDisk(Profiles.builtinBoard("rpi4-greenhouse"), Clock.systemUTC(), 1, w1)) {
      assertThat(board.w1Root()).isEqualTo(w1);
      assertThat(w1.resolve("28-0316a2795cff/w1_slave")).isRegularFile()
          .content().contains("YES").containsPattern("t=-?\\d+");
    }
    assertThat(w1.resolve("28-0316a2795cff/w1_slave")).isRegularFile();
  }
}
