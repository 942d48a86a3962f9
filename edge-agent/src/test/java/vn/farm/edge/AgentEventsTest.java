package vn.farm.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.farm.contract.DeviceId;
import vn.farm.contract.Event;
import vn.farm.contract.Message;
import vn.farm.contract.Severity;
import vn.farm.edge.sync.SeqStore;

class AgentEventsTest {
  private static final Instant NOW = Instant.parse("2026-03-01T08:00:00Z");

  @TempDir
  Path dataDir;
  private SeqStore seq;
  private final List<Message> sent = new ArrayList<>();
  private final List<Event> told = new ArrayList<>();
  private AgentEvents events;

  @BeforeEach
  void open() {
    seq = SeqStore.open(dataDir);
    events = new AgentEvents(DeviceId.of("gh-1"), seq, () -> NOW, told::add);
  }

  @AfterEach
  void close() {
    seq.close();
  }

  @Test
  void everyEventTakesTheNextSeqOfTheDevice() {
    events.sendTo(sent::add);
    long first = seq.peek();
    events.event("a", Severity.INFO, "one");
    events.event("b", Severity.WARNING, "two");
    assertThat(sent).extracting(m -> ((Event) m).seq()).containsExactly(first, first + 1);
    assertThat(sent).extracting(m -> ((Event) m).deviceId()).containsOnly("gh-1");
    assertThat(sent).extracting(m -> ((Event) m).at()).containsOnly(NOW);
    assertThat(seq.peek()).isEqualTo(first + 2);
  }

  @Test
  void anOverLongMessageIsCutToTheLongestSentEndingInAnEllipsis() {
    events.sendTo(sent::add);
    events.event("long", Severity.INFO, "x".repeat(AgentEvents.MAX_MESSAGE + 1));
    events.event("exact", Severity.INFO, "y".repeat(AgentEvents.MAX_MESSAGE));
    String cut = ((Event) sent.get(0)).message();
    assertThat(cut).hasSize(AgentEvents.MAX_MESSAGE).endsWith("...").startsWith("xxx");
    assertThat(((Event) sent.get(1)).message()).isEqualTo("y".repeat(AgentEvents.MAX_MESSAGE));
  }

  @Test
  void noticesBeforeTheStartAreKeptAndSentInOrderOnceStarted() {
    events.sendTo(sent::add);
    events.notice("outbox.recovered", Severity.WARNING, "first");
    events.notice("outbox.truncated", Severity.WARNING, "second");
    assertThat(sent).isEmpty();
    events.started();
    events.notice("outbox.full", Severity.WARNING, "third");
    assertThat(sent).extracting(m -> ((Event) m).message()).containsExactly("first", "second", "third");
    assertThat(sent).extracting(m -> ((Event) m).type())
        .containsExactly("outbox.recovered", "outbox.truncated", "outbox.full");
  }

  @Test
  void theListenerHearsEveryEventOnTheWayOut() {
    var out = events.sendTo(sent::add);
    events.event("a", Severity.INFO, "one");
    out.publishAll(List.of(new Event("gh-1", 99, "b", Severity.INFO, NOW, "two", null, null)));
    assertThat(told).extracting(Event::message).containsExactly("one", "two");
    assertThat(sent).hasSize(2);
  }

  @Test
  void aRunIsReportedInSecondsWithLitresRoundedToMillilitres() {
    events.sendTo(sent::add);
    events.ran("pump", NOW, NOW.plusMillis(90_500), 12.34567, "pump ran");
    Event e = (Event) sent.get(0);
    assertThat(e.type()).isEqualTo(Event.OUTPUT_RUN);
    assertThat(e.run()).isEqualTo(new Event.Run("pump", NOW, 90.5, 12.346));
  }
}
