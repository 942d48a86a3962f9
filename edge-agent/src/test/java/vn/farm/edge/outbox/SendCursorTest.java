package vn.farm.edge.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.farm.contract.Receipt.SeqRange;

class SendCursorTest {
  private final SendCursor cursor = new SendCursor(new SeqIndex());

  SendCursorTest() {
    for (long seq = 1; seq <= 5; seq++) {
      cursor.add(seq, 1000 * seq, 8 + 100 * seq);
    }
  }

  private List<Long> sendAll() {
    List<Long> seqs = new ArrayList<>();
    for (int i = cursor.next(); i >= 0; i = cursor.next()) {
      seqs.add(cursor.seq(i));
    }
    return seqs;
  }

  @Test
  void eachRecordIsHandedOverOnceUntilARewind() {
    assertThat(sendAll()).containsExactly(1L, 2L, 3L, 4L, 5L);
    assertThat(sendAll()).isEmpty();
    cursor.rewind();
    assertThat(sendAll()).containsExactly(1L, 2L, 3L, 4L, 5L);
  }

  @Test
  void aLiveRecordSentAheadIsSkippedByTheBacklog() {
    assertThat(cursor.sent(3, 0)).isTrue();
    assertThat(cursor.sent(3, 0)).as("already sent").isFalse();
    assertThat(sendAll()).containsExactly(1L, 2L, 4L, 5L);
    assertThat(cursor.sent(9, 5)).as("not held, above the point: to send").isTrue();
    assertThat(cursor.sent(4, 5)).isFalse();
  }

  @Test
  void onlyRecordsSentCanBeConfirmed() {
    cursor.next();
    cursor.next();
    assertThat(cursor.confirm(List.of(new SeqRange(0, Long.MAX_VALUE)))).isEqualTo(2);
    assertThat(cursor.depth()).isEqualTo(3);
    assertThat(cursor.popConfirmed()).as("the acknowledged point may move to 2").isEqualTo(2);
    assertThat(cursor.popConfirmed()).isEqualTo(-1);
    assertThat(sendAll()).as("the backlog carries on where it was").containsExactly(3L, 4L, 5L);
  }

  @Test
  void aConfirmedRecordBehindAnUnconfirmedOneWaits() {
    sendAll();
    cursor.confirm(List.of(new SeqRange(2, 3)));
    assertThat(cursor.popConfirmed()).isEqualTo(-1);
    assertThat(cursor.oldestSentUnconfirmed()).isEqualTo(1);
    assertThat(cursor.oldestWallMs()).isEqualTo(1000);
    assertThat(cursor.unconfirmedBetween(1, 4)).isEqualTo(2);
    cursor.confirm(List.of(new SeqRange(1, 1)));
    assertThat(cursor.popConfirmed()).isEqualTo(3);
    assertThat(cursor.oldestWallMs()).isEqualTo(4000);
  }

  @Test
  void retainingSendsTheBacklogFromTheFrontAgain() {
    sendAll();
    cursor.rewind();
    cursor.next();
    cursor.retain(seq -> seq != 2, (seq, old) -> old - 50);
    assertThat(cursor.size()).isEqualTo(4);
    assertThat(cursor.offset(0)).isEqualTo(58);
    assertThat(sendAll()).as("1 was sent since the rewind").containsExactly(3L, 4L, 5L);
  }
}
