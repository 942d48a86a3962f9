package vn.farm.cloud.broker;

import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.async.Async;
import com.hivemq.extension.sdk.api.async.TimeoutFallback;
import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthInput;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthOutput;
import com.hivemq.extension.sdk.api.auth.parameter.TopicPermission;
import com.hivemq.extension.sdk.api.auth.parameter.TopicPermission.MqttActivity;
import com.hivemq.extension.sdk.api.auth.parameter.TopicPermission.Retain;
import com.hivemq.extension.sdk.api.packets.auth.DefaultAuthorizationBehaviour;
import com.hivemq.extension.sdk.api.packets.auth.ModifiableDefaultPermissions;
import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import com.hivemq.extension.sdk.api.packets.connect.ConnectPacket;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import com.hivemq.extension.sdk.api.services.builder.Builders;
import com.hivemq.extension.sdk.api.services.session.ClientService;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;
import org.jboss.logging.Logger;
import vn.farm.cloud.FarmConfig;
import vn.farm.cloud.broker.BrokerLogins.Login;

/**
 * The embedded broker's authentication and topic permissions, as a HiveMQ extension that runs in the cloud's own
 * process and asks {@link BrokerLogins}. Checks run on the extension executor, never on the broker's network
 * threads, since a device check reads the database. What each login may do, channel by channel (anything else is
 * refused, and a publish that is refused disconnects its client):
 *
 * <table>
 *   <tr><th>login</th><th>publishes</th><th>retains</th><th>subscribes</th><th>queue</th></tr>
 *   <tr><td>device {@code d}</td><td>its own telemetry, events, state, status, acks</td><td>its own state and
 *       status</td><td>its own commands, config, receipts</td><td>{@code device-queue}</td></tr>
 *   <tr><td>cloud</td><td>every device's commands, config, receipts</td><td>config</td><td>every device's
 *       telemetry, events, state, status, acks</td><td>the broker's, 200,000</td></tr>
 *   <tr><td>observer</td><td>nothing</td><td>nothing</td><td>{@code farm/v1/#}</td><td>the broker's</td></tr>
 * </table>
 *
 * So a device retains at most two messages. One network address may connect {@code connect-burst} times at once
 * and {@code connects-per-second} after that; a CONNECT beyond is refused ({@code CONNECTION_RATE_EXCEEDED})
 * before its password is looked at.
 */
final class FarmAuthExtension implements ExtensionMain {
  private static final Logger LOG = Logger.getLogger(FarmAuthExtension.class);

  private static final String[] DEVICE_SENDS = {"telemetry", "events", "acks"};
  private static final String[] DEVICE_STATES = {"state", "status"};
  private static final String[] DEVICE_HEARS = {"commands", "config", "receipts"};

  private final BrokerLogins logins;
  private final InProcessIngest ingest;
  private final FarmConfig.Mqtt.Limits limits;
  private final ConnectionRate rate;
  private final Runnable rateRefused;
  private volatile ClientService clients;

  /**
   * {@code ingest}, when not null, is given every client's publishes and told who logged in as which device;
   * {@code rateRefused} counts a connection refused for its address's rate.
   */
  FarmAuthExtension(BrokerLogins logins, InProcessIngest ingest, FarmConfig.Mqtt.Limits limits,
      Runnable rateRefused) {
    this.logins = logins;
    this.ingest = ingest;
    this.limits = limits;
    this.rateRefused = rateRefused;
    this.rate = new ConnectionRate(limits.connectBurst(), limits.connectsPerSecond());
  }

  @Override
  public void extensionStart(ExtensionStartInput input, ExtensionStartOutput output) {
    clients = Services.clientService();
    var executor = Services.extensionExecutorService();
    SimpleAuthenticator authenticator = (SimpleAuthInput in, SimpleAuthOutput out) -> {
      java.net.InetAddress address = in.getConnectionInformation().getInetAddress().orElse(null);
      if (address != null && !rate.allow(address)) {
        // Counted, and logged only at debug: a client in a reconnect loop would fill the log.
        rateRefused.run();
        LOG.debugf("Refused MQTT client '%s' from %s: more connections than %d at once and %s a second",
            in.getClientInformation().getClientId(), address.getHostAddress(), limits.connectBurst(),
            limits.connectsPerSecond());
        out.failAuthentication(ConnackReasonCode.CONNECTION_RATE_EXCEEDED,
            "too many connections from this address; wait and try again");
        return;
      }
      Async<SimpleAuthOutput> async = out.async(Duration.ofSeconds(10), TimeoutFallback.FAILURE,
          ConnackReasonCode.SERVER_UNAVAILABLE, "authentication timed out");
      executor.execute(() -> {
        try {
          decide(in.getConnectPacket(), out);
        } catch (RuntimeException e) {
          LOG.errorf(e, "Could not check the login of client %s", in.getClientInformation().getClientId());
          out.failAuthentication(ConnackReasonCode.SERVER_UNAVAILABLE, "the login could not be checked");
        } finally {
          async.resume();
        }
      });
    };
    Services.securityRegistry().setAuthenticatorProvider(providerInput -> authenticator);
    if (ingest != null) {
      Services.initializerRegistry().setClientInitializer((in, client) -> client.addPublishInboundInterceptor(ingest));
    }
  }

  @Override
  public void extensionStop(ExtensionStopInput input, ExtensionStopOutput output) {
    clients = null;
  }

  /** Disconnects the client with this id, if it is connected; used when a device is revoked. */
  // The future whenComplete returns is the same outcome again; the callback is where a failure is seen.
  @SuppressWarnings("FutureReturnValueIgnored")
  void disconnect(String clientId) {
    ClientService c = clients;
    if (c != null) {
      c.disconnectClient(clientId, true).whenComplete((found, e) -> {
        if (e != null) {
          LOG.errorf(e, "Could not disconnect client %s after it was revoked", clientId);
        }
      });
    }
  }

  private void decide(ConnectPacket connect, SimpleAuthOutput out) {
    String user = connect.getUserName().orElse(null);
    byte[] password = connect.getPassword().map(FarmAuthExtension::bytes).orElse(null);
    Optional<Login> login = logins.check(connect.getClientId(), user, password);
    if (login.isEmpty()) {
      LOG.infof("Refused MQTT login of client '%s' as '%s'", connect.getClientId(), user);
      out.failAuthentication(ConnackReasonCode.NOT_AUTHORIZED, "wrong user name, client id or password");
      return;
    }
    ModifiableDefaultPermissions permissions = out.getDefaultPermissions();
    permissions.setDefaultBehaviour(DefaultAuthorizationBehaviour.DENY);
    switch (login.get().kind()) {
      case CLOUD -> {
        allow(permissions, "farm/v1/+/commands", MqttActivity.PUBLISH, Retain.NOT_RETAINED);
        allow(permissions, "farm/v1/+/receipts", MqttActivity.PUBLISH, Retain.NOT_RETAINED);
        allow(permissions, "farm/v1/+/config", MqttActivity.PUBLISH, Retain.ALL);
        for (String channel : new String[] {"telemetry", "events", "acks", "state", "status"}) {
          allow(permissions, "farm/v1/+/" + channel, MqttActivity.SUBSCRIBE, Retain.ALL);
        }
      }
      case OBSERVER -> {
        allow(permissions, "farm/v1/#", MqttActivity.SUBSCRIBE, Retain.ALL);
      }
      case DEVICE -> {
        String own = "farm/v1/" + login.get().deviceId() + "/";
        for (String channel : DEVICE_SENDS) {
          allow(permissions, own + channel, MqttActivity.PUBLISH, Retain.NOT_RETAINED);
        }
        for (String channel : DEVICE_STATES) {
          allow(permissions, own + channel, MqttActivity.PUBLISH, Retain.ALL);
        }
        for (String channel : DEVICE_HEARS) {
          allow(permissions, own + channel, MqttActivity.SUBSCRIBE, Retain.ALL);
        }
        out.getClientSettings().setClientQueueSizeMaximum(limits.deviceQueue());
      }
    }
    if (ingest != null) {
      ingest.loggedIn(connect.getClientId(), login.get());
    }
    out.authenticateSuccessfully();
  }

  private static void allow(ModifiableDefaultPermissions permissions, String filter, MqttActivity activity,
      Retain retain) {
    permissions.add(Builders.topicPermission().topicFilter(filter).activity(activity).retain(retain)
        .type(TopicPermission.PermissionType.ALLOW).build());
  }

  private static byte[] bytes(ByteBuffer buffer) {
    byte[] b = new byte[buffer.remaining()];
    buffer.duplicate().get(b);
    return b;
  }
}
