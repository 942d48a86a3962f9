package vn.farm.cloud.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the writer's queue takes messages from the devices: in turn, and a light message past a heavy one. */
class FairQueueTest {
  private record Message(String device, int n, long weight) {}

  private static FairQueue<Message> queue(Message... messages) {
    FairQueue<Message> q = new FairQueue<>();
    for (Message m : messages) {
      q.add(m.device(), m);
    }
    return q;
  }

  private static List<String> names(List<Message> taken) {
    return taken.stream().map(m -> m.device() + m.n()).toList();
  }

  @Test
  void takesOneFromEachDeviceInTurnUntilTheWeightIsReached() {
    FairQueue<Message> q = queue(new Message("a", 1, 10), new Message("a", 2, 10), new Message("a", 3, 10),
        new Message("b", 1, 10), new Message("c", 1, 10));
    List<Message> out = new ArrayList<>();
    assertThat(q.drainTo(out, 100, 40, Message::weight)).isEqualTo(40);
    assertThat(names(out)).containsExactly("a1", "b1", "c1", "a2");
    assertThat(q.size()).isEqualTo(1);
  }

  @Test
  void aLightMessageGoesPastHeavyOnesThatNoLongerFit() {
    // Two floods of the largest messages, and a quiet greenhouse's one reading behind them.
    FairQueue<Message> q = queue(new Message("flood-1", 1, 600), new Message("flood-1", 2, 600),
        new Message("flood-2", 1, 600), new Message("flood-2", 2, 600), new Message("quiet", 1, 1));
    List<Message> out = new ArrayList<>();
    assertThat(q.drainTo(out, 100, 1000, Message::weight)).isEqualTo(601);
    assertThat(names(out)).containsExactly("flood-11", "quiet1");
    // What was passed over comes first next time, in its order, before the device that went first.
    out.clear();
    q.drainTo(out, 100, 1000, Message::weight);
    assertThat(names(out)).containsExactly("flood-21");
    out.clear();
    q.drainTo(out, 100, 1000, Message::weight);
    assertThat(names(out)).containsExactly("flood-12");
    out.clear();
    q.drainTo(out, 100, 1000, Message::weight);
    assertThat(names(out)).containsExactly("flood-22");
    assertThat(q.size()).isZero();
  }

  @Test
  void theFirstMessageAlwaysGoesHoweverHeavy() {
    FairQueue<Message> q = queue(new Message("a", 1, 5000), new Message("b", 1, 1));
    List<Message> out = new ArrayList<>();
    assertThat(q.drainTo(out, 100, 1000, Message::weight)).isEqualTo(5000);
    assertThat(names(out)).containsExactly("a1");
  }

  @Test
  void aDevicesOwnMessagesStayInOrder() {
    FairQueue<Message> q = queue(new Message("a", 1, 900), new Message("a", 2, 1), new Message("b", 1, 200));
    List<Message> out = new ArrayList<>();
    q.drainTo(out, 100, 1000, Message::weight);
    // a2 is light but behind a1 in its own device's order: it may go only after a1, which went first.
    assertThat(names(out)).containsExactly("a1", "a2");
    out.clear();
    q.drainTo(out, 100, 1000, Message::weight);
    assertThat(names(out)).containsExactly("b1");
  }
}
