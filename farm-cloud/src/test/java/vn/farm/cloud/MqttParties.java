package vn.farm.cloud;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.paho.mqttv5.common.MqttException;
import vn.farm.cloud.broker.DeviceCredentials;
import vn.farm.contract.Channel;
import vn.farm.contract.ContractViolation;
import vn.farm.contract.Topics;
import vn.farm.sim.testing.MqttProbe;

/**
 * Lets a test publish and subscribe on any topic without choosing a login, as the real parties would: the cloud's
 * broker lets each login use only its own topics. A device's channels go through a probe of that device (enrolled in
 * the test's cloud on first use), the cloud's channels through a probe of the cloud's login with a tool's client id,
 * and subscriptions to several devices through an observer. For one connection of a login of the test's choosing,
 * use {@link #login(int, String, String, String)}.
 */
public final class MqttParties implements AutoCloseable {
  /** Secrets issued to the devices tests speak for, kept for the test run. */
  private static final Map<String, String> SECRETS = new ConcurrentHashMap<>();

  private final String url;
  private final Map<String, MqttProbe> byDevice = new ConcurrentHashMap<>();
  private MqttProbe cloud;
  private MqttProbe observer;

  /** Speaks for devices, the cloud and an observer on the broker at {@code port} of 127.0.0.1. */
  public MqttParties(int port) {
    this.url = url(port);
  }

  /** Connects one probe as {@code username} with {@code clientId}; throws when the broker refuses. */
  public static MqttProbe login(int port, String clientId, String username, String password) throws MqttException {
    return MqttProbe.to(url(port)).clientId(clientId).login(username, password).connect();
  }

  /** Returns the secret of {@code deviceId}, enrolling it in the running test application on first use. */
  public static String secretOf(String deviceId) {
    return SECRETS.computeIfAbsent(deviceId, d -> io.quarkus.arc.Arc.container().instance(DeviceCredentials.class)
        .get().issue(d, "test"));
  }

  private static String url(int port) {
    return "tcp://127.0.0.1:" + port;
  }

  /** Returns the probe that may publish on, or subscribe to, {@code topic}. */
  private synchronized MqttProbe probeFor(String topic, boolean subscribing) throws MqttException {
    Topics.Address address;
    try {
      address = Topics.parse(topic);
    } catch (ContractViolation notOneDevice) {
      address = null;
    }
    Channel channel = address == null ? null : address.channel();
    boolean toDevice = channel == Channel.COMMANDS || channel == Channel.CONFIG || channel == Channel.RECEIPTS;
    if (address != null && toDevice == subscribing) {
      String device = address.deviceId().value();
      MqttProbe probe = byDevice.get(device);
      if (probe == null) {
        probe = MqttProbe.to(url).clientId(device).login(device, secretOf(device)).connect();
        byDevice.put(device, probe);
      }
      return probe;
    }
    if (!subscribing) {
      if (cloud == null) {
        cloud = MqttProbe.to(url).clientId("farm-cloud:test-" + UUID.randomUUID())
            .login(FarmCloudTestResource.CLOUD_USER, FarmCloudTestResource.CLOUD_PASSWORD).connect();
      }
      return cloud;
    }
    if (observer == null) {
      observer = MqttProbe.to(url).clientId("test-observer-" + UUID.randomUUID())
          .login("observer", FarmCloudTestResource.OBSERVER_PASSWORD).connect();
    }
    return observer;
  }

  /** Returns whether the broker still has all of these parties connected. */
  public boolean isConnected() {
    return all().stream().allMatch(MqttProbe::isConnected);
  }

  private synchronized List<MqttProbe> all() {
    List<MqttProbe> probes = new ArrayList<>(byDevice.values());
    for (MqttProbe p : new MqttProbe[] {cloud, observer}) {
      if (p != null) {
        probes.add(p);
      }
    }
    return probes;
  }

  /** Publishes a raw payload with QoS 1 as the party that may, as {@link MqttProbe#publish(String, String)}. */
  public void publish(String topic, String payload) throws MqttException {
    probeFor(topic, false).publish(topic, payload);
  }

  /** Publishes a raw payload with QoS 1, retained when {@code retained}, as the party that may. */
  public void publish(String topic, String payload, boolean retained) throws MqttException {
    probeFor(topic, false).publish(topic, payload, retained);
  }

  /**
   * Subscribes with QoS 1 as the party that may; messages are collected in {@link #received()}. Returns the broker's
   * reason code for the subscription: below 128 granted, 135 refused.
   */
  public int subscribe(String filter) throws MqttException {
    return probeFor(filter, true).subscribe(filter);
  }

  /** Returns every message received so far, party by party, each party's in the order they arrived. */
  public List<MqttProbe.Received> received() {
    return all().stream().flatMap(p -> p.received().stream()).toList();
  }

  /** Closes every party's probe, each within a few seconds whatever the broker does (see {@link MqttProbe}). */
  @Override
  public void close() throws MqttException {
    MqttException first = null;
    for (MqttProbe probe : all()) {
      try {
        probe.close();
      } catch (MqttException e) {
        if (first == null) {
          first = e;
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
