package vn.farm.cloud.broker;

import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.async.Async;
import com.hivemq.extension.sdk.api.async.TimeoutFallback;
import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthInput;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthOutput;
import com.hivemq.extension.sdk.api.auth.parameter.TopicPermission;
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
import vn.farm.cloud.broker.BrokerLogins.Login;

/**
 * The embedded broker's authentication and topic permissions, as a HiveMQ extension that runs in the cloud's own
 * process and asks {@link BrokerLogins}. Checks run on the extension executor, never on the broker's network
 * threads, since a device check reads the database.
 */
final class FarmAuthExtension implements ExtensionMain {
  private static final Logger LOG = Logger.getLogger(FarmAuthExtension.class);

  private final BrokerLogins logins;
  private final InProcessIngest ingest;
  private volatile ClientService clients;

  /** {@code ingest}, when not null, is given every client's publishes and told who logged in as which device. */
  FarmAuthExtension(BrokerLogins logins, InProcessIngest ingest) {
    this.logins = logins;
    this.ingest = ingest;
  }

  @Override
  public void extensionStart(ExtensionStartInput input, ExtensionStartOutput output) {
    clients = Services.clientService();
    var executor = Services.extensionExecutorService();
    SimpleAuthenticator authenticator = (SimpleAuthInput in, SimpleAuthOutput out) -> {
      Async<SimpleAuthOutput> async = out.async(Duration.ofSeconds(10), TimeoutFallback.FAILURE,
          ConnackReasonCode.SERVER_UNAVAILABLE, "authentication timed out");
      executor.submit(() -> {
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
  void disconnect(String clientId) {
    ClientService c = clients;
    if (c != null) {
      c.disconnectClient(clientId, true);
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
    switch (login.get().kind()) {
      case CLOUD -> permissions.setDefaultBehaviour(DefaultAuthorizationBehaviour.ALLOW);
      case OBSERVER -> {
        permissions.add(Builders.topicPermission().topicFilter("farm/v1/#")
            .activity(TopicPermission.MqttActivity.SUBSCRIBE).type(TopicPermission.PermissionType.ALLOW).build());
        permissions.setDefaultBehaviour(DefaultAuthorizationBehaviour.DENY);
      }
      case DEVICE -> {
        permissions.add(Builders.topicPermission().topicFilter("farm/v1/" + login.get().deviceId() + "/#")
            .type(TopicPermission.PermissionType.ALLOW).build());
        permissions.setDefaultBehaviour(DefaultAuthorizationBehaviour.DENY);
      }
    }
    if (ingest != null) {
      ingest.loggedIn(connect.getClientId(), login.get());
    }
    out.authenticateSuccessfully();
  }

  private static byte[] bytes(ByteBuffer buffer) {
    byte[] b = new byte[buffer.remaining()];
    buffer.duplicate().get(b);
    return b;
  }
}
