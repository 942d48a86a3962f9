package vn.farm.cloud.alert;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * The alert messages being sent, and whether one more may start: at most {@code all} at once, {@code perChannel}
 * over one channel and {@code perCooperative} for one cooperative, so that a receiver that does not answer holds a
 * bounded number of the senders. Thread-safe.
 */
final class InFlight {
  /** A message being sent, with its channel and the channel's cooperative. */
  record Message(long id, long channelId, long cooperativeId) {}

  private final int all;
  private final int perChannel;
  private final int perCooperative;
  private final Map<Long, Message> sending = new LinkedHashMap<>();

  InFlight(int all, int perChannel, int perCooperative) {
    this.all = all;
    this.perChannel = perChannel;
    this.perCooperative = perCooperative;
  }

  /** Takes a place for {@code m} and returns true, or returns false when there is none for it. */
  synchronized boolean claim(Message m) {
    if (sending.size() >= all || sending.containsKey(m.id())
        || count(Message::channelId, m.channelId()) >= perChannel
        || count(Message::cooperativeId, m.cooperativeId()) >= perCooperative) {
      return false;
    }
    sending.put(m.id(), m);
    return true;
  }

  /** Gives back the place of message {@code id}. */
  synchronized void release(long id) {
    sending.remove(id);
  }

  /** Returns how many more messages may start. */
  synchronized int free() {
    return all - sending.size();
  }

  /** Returns the messages being sent. */
  synchronized List<Long> ids() {
    return List.copyOf(sending.keySet());
  }

  /** Returns the channels with no place left. */
  synchronized List<Long> fullChannels() {
    return full(Message::channelId, perChannel);
  }

  /** Returns the cooperatives with no place left. */
  synchronized List<Long> fullCooperatives() {
    return full(Message::cooperativeId, perCooperative);
  }

  private long count(ToLongFunction<Message> key, long value) {
    return sending.values().stream().filter(m -> key.applyAsLong(m) == value).count();
  }

  private List<Long> full(ToLongFunction<Message> key, int limit) {
    return sending.values().stream().map(key::applyAsLong).distinct().filter(v -> count(key, v) >= limit)
        .toList();
  }
}
