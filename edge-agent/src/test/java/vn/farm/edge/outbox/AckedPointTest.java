package vn.farm.edge.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AckedPointTest {
  @TempDir
  Path dir;
  private final List<Notice> notices = new ArrayList<>();

  @Test
  void theSavedPointSurvivesAReopen() throws IOException {
    AckedPoint point = new AckedPoint(dir, AckedPoint.read(dir, notices));
    point.moveTo(150);
    point.save();

    AckedPoint reopened = new AckedPoint(dir, AckedPoint.read(dir, notices));
    assertThat(reopened.get()).isEqualTo(150);
    assertThat(reopened.dirty()).isFalse();
    assertThat(Files.readString(dir.resolve("acked"))).as("decimal text and a newline").isEqualTo("150\n");
    assertThat(notices).isEmpty();
  }

  @Test
  void aPointMovedButNotSavedIsNotOnDiskAfterAReopen() throws IOException {
    AckedPoint point = new AckedPoint(dir, 0);
    point.moveTo(10);
    point.save();
    point.moveTo(20);
    assertThat(point.dirty()).isTrue();

    assertThat(AckedPoint.read(dir, notices)).as("a point that lags is safe: the records are sent again")
        .isEqualTo(10);
  }

  @Test
  void thePointNeverMovesBack() {
    AckedPoint point = new AckedPoint(dir, 100);
    point.moveTo(-1);
    point.moveTo(99);
    assertThat(point.get()).isEqualTo(100);
    assertThat(point.dirty()).as("nothing to save").isFalse();
  }

  @Test
  void aMissingPointIsZero() throws IOException {
    assertThat(AckedPoint.read(dir, notices)).isZero();
    assertThat(notices).isEmpty();
  }

  @Test
  void aDamagedPointIsZeroAndSaidSo() throws IOException {
    Files.writeString(dir.resolve("acked"), "12x\n");
    assertThat(AckedPoint.read(dir, notices)).isZero();
    assertThat(notices).singleElement().satisfies(n -> {
      assertThat(n.type()).isEqualTo("outbox.error");
      assertThat(n.severity()).isEqualTo(vn.farm.contract.Severity.CRITICAL);
      assertThat(n.message()).endsWith("is not a number; every record on disk will be sent again");
    });
  }
}
