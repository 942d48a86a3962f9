package vn.farm.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CloserTest {
  private final List<String> closed = new ArrayList<>();

  private AutoCloseable part(String name) {
    return () -> closed.add(name);
  }

  private AutoCloseable failing(String name) {
    return () -> {
      closed.add(name);
      throw new IllegalStateException(name + " would not close");
    };
  }

  @Test
  void closesWhatWasBuiltLastFirst() {
    Closer parts = new Closer();
    parts.add("first", part("first"));
    parts.add("second", part("second"));
    parts.add("third", part("third"));
    parts.close();
    assertThat(closed).containsExactly("third", "second", "first");
  }

  @Test
  void aPartThatFailsToBuildClosesThoseBuiltBeforeItInReverse() {
    Closer parts = new Closer();
    RuntimeException thrown = null;
    try {
      parts.add("first", part("first"));
      parts.add("second", part("second"));
      throw new IllegalStateException("third could not be built");
    } catch (RuntimeException e) {
      thrown = parts.closeAfter(e);
    }
    assertThat(thrown).hasMessage("third could not be built");
    assertThat(thrown.getSuppressed()).isEmpty();
    assertThat(closed).containsExactly("second", "first");
  }

  @Test
  void aFailingCloseDoesNotStopTheOthersAndIsAddedToTheStartsFailure() {
    Closer parts = new Closer();
    parts.add("first", part("first"));
    parts.add("second", failing("second"));
    parts.add("third", failing("third"));
    RuntimeException thrown = parts.closeAfter(new IllegalStateException("fourth could not be built"));
    assertThat(closed).containsExactly("third", "second", "first");
    assertThat(thrown.getSuppressed()).extracting(Throwable::getMessage)
        .containsExactly("third would not close", "second would not close");
  }

  @Test
  void aFailingCloseDoesNotStopTheOthersWhenStopping() {
    Closer parts = new Closer();
    parts.add("first", part("first"));
    parts.add("second", failing("second"));
    parts.add("third", part("third"));
    parts.close();
    assertThat(closed).containsExactly("third", "second", "first");
  }

  @Test
  void closesEachPartOnce() {
    Closer parts = new Closer();
    parts.add("first", part("first"));
    parts.close();
    parts.close();
    assertThat(parts.closeAfter(new IllegalStateException("late")).getSuppressed()).isEmpty();
    assertThat(closed).containsExactly("first");
  }

  @Test
  void addReturnsThePartForUseInPlace() throws Exception {
    Closer parts = new Closer();
    AutoCloseable built = part("built");
    assertThat(parts.add(built)).isSameAs(built);
    parts.close();
    assertThat(closed).containsExactly("built");
  }
}
