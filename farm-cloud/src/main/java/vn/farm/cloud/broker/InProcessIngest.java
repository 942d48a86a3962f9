package vn.farm.cloud.broker;

import com.hivemq.extension.sdk.api.async.Async;
import com.hivemq.extension.sdk.api.async.TimeoutFallback;
import com.hivemq.extension.sdk.api.interceptor.publish.PublishInboundInterceptor;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundInput;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundOutput;
import com.hivemq.extension.sdk.api.packets.publish.PublishPacket;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import vn.farm.contract.Channel;
import vn.farm.contract.DeviceId;
import vn.farm.contract.Topics;

/**
 * Hands what a device publishes on its own telemetry and events channels straight to ingest, in the broker's
 * process, as the broker receives it ({@code farm.ingest.in-process}). The cloud's MQTT session then does not
 * subscribe to those channels, so the broker keeps no queue of them for it and nothing goes back over a socket:
 * that queue, kept on disk for a persistent session, cost the broker more than storing the readings cost the cloud.
 * Nothing is lost by it: a device keeps every record until a receipt names it, and receipts follow the commit.
 *
 * <p>HiveMQ calls inbound interceptors before it checks a publish against the client's permissions, so this checks
 * first what those permissions allow: a client that logged in as a device, on that device's own topics, not
 * retained. Nothing of the cloud's login or the read-only observer, which may not publish there.
 * The publish is acknowledged once ingest has room for it, which holds back the device's next publishes
 * (back-pressure) without holding a thread of the broker's.
 */
final class InProcessIngest implements PublishInboundInterceptor {
  /**
   * Where messages go: ingest's {@code accept(topic, payload, holdBack)}, which asks {@code holdBack} for what lets
   * the sender go on only when it has no room for the message, and runs that once it has.
   */
  interface Sink {
    void accept(String topic, byte[] payload, java.util.function.Supplier<Runnable> holdBack);
  }

  private final Sink sink;
  /** Longest a publish waits for room in ingest before the broker acknowledges it anyway. */
  private static final java.time.Duration HOLD_BACK_AT_MOST = java.time.Duration.ofMinutes(5);

  /** Logged-in clients that may publish for a device: the device's id. */
  private final Map<String, String> deviceOfClient = new ConcurrentHashMap<>();

  InProcessIngest(Sink sink) {
    this.sink = sink;
  }

  /** Notes a successful login of {@code clientId}, which takes over any earlier session of that client id. */
  void loggedIn(String clientId, BrokerLogins.Login login) {
    if (login.kind() == BrokerLogins.Kind.DEVICE) {
      deviceOfClient.put(clientId, login.deviceId());
    } else {
      deviceOfClient.remove(clientId);
    }
  }

  @Override
  public void onInboundPublish(PublishInboundInput input, PublishInboundOutput output) {
    PublishPacket publish = input.getPublishPacket();
    String topic = publish.getTopic();
    if (!topic.endsWith("/telemetry") && !topic.endsWith("/events")) {
      return;
    }
    String device = deviceOfClient.get(input.getClientInformation().getClientId());
    if (device == null || publish.getRetain()) {
      return;
    }
    DeviceId id = DeviceId.of(device);
    if (!topic.equals(Topics.of(id, Channel.TELEMETRY)) && !topic.equals(Topics.of(id, Channel.EVENTS))) {
      return;
    }
    // When ingest has no room for it, the broker acknowledges the publish, and so lets the device send its next,
    // only once it has: a device that floods ingest is held back by its own window, and no thread of the broker's
    // waits for it. With room, the publish goes on at once, without the cost of an asynchronous hand-over.
    sink.accept(topic, publish.getPayload().map(InProcessIngest::bytes).orElse(new byte[0]), () -> {
      Async<PublishInboundOutput> async = output.async(HOLD_BACK_AT_MOST, TimeoutFallback.SUCCESS);
      return async::resume;
    });
  }

  private static byte[] bytes(ByteBuffer buffer) {
    byte[] b = new byte[buffer.remaining()];
    buffer.duplicate().get(b);
    return b;
  }
}
