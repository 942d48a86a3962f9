package vn.farm.cloud.alert;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import vn.farm.cloud.FarmConfig;

/**
 * Posts one alert message over HTTP to an address {@link Destinations} checked, and reads a bounded answer.
 *
 * <ul>
 *   <li>The connection goes to the checked address itself, while the request names the URL's host (the
 *       {@code Host} header, and for HTTPS the SNI and the certificate's name are checked against it): the
 *       address is never looked up again, so DNS cannot send it elsewhere between check and connection. Vert.x's
 *       client does this ({@code RequestOptions.setServer}); the JDK's HttpClient cannot connect to one address
 *       while verifying a certificate for a name.</li>
 *   <li>Redirects are not followed: a redirect could lead anywhere, past the check.</li>
 *   <li>At most {@value #MAX_ANSWER_BYTES} bytes of the answer are read; the connection is closed on the rest.</li>
 *   <li>The whole exchange, connecting included, takes at most {@code farm.alerts.send-timeout}.</li>
 * </ul>
 */
@ApplicationScoped
public class Sender {
  /** Enough for any gateway's status answer, and for a preview of an error page. */
  static final int MAX_ANSWER_BYTES = 64 * 1024;

  @Inject
  Vertx vertx;
  @Inject
  FarmConfig config;

  private HttpClient client;

  /** An answer: its status, at most {@value #MAX_ANSWER_BYTES} bytes of its body (cut when there was more). */
  public record Answer(int status, String body, boolean cut, String location) {}

  @PostConstruct
  void open() {
    int timeoutMs = (int) config.alerts().sendTimeout().toMillis();
    // One connection a message: alerts are few, and a pooled connection must not outlive the address it was for.
    client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false).setForceSni(true)
        .setVerifyHost(true).setConnectTimeout(timeoutMs).setMaxPoolSize(64));
  }

  @PreDestroy
  void close() {
    client.close();
  }

  /**
   * Posts {@code body} with {@code headers} to {@code url}, connecting to {@code address}, and returns the answer;
   * throws {@link IOException} saying what happened when none came in time. Blocks the calling thread.
   */
  public Answer post(URI url, InetAddress address, Map<String, String> headers, byte[] body)
      throws IOException, InterruptedException {
    Duration timeout = config.alerts().sendTimeout();
    boolean https = "https".equalsIgnoreCase(url.getScheme());
    int port = url.getPort() != -1 ? url.getPort() : https ? 443 : 80;
    String path = (url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath())
        + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST)
        .setServer(SocketAddress.inetSocketAddress(port, address.getHostAddress()))
        .setHost(Destinations.host(url)).setPort(port).setSsl(https).setURI(path).setFollowRedirects(false)
        .setConnectTimeout(timeout.toMillis()).setIdleTimeout(timeout.toMillis());
    headers.forEach(options::putHeader);
    CompletableFuture<Answer> done = new CompletableFuture<>();
    AtomicReference<HttpClientRequest> request = new AtomicReference<>();
    client.request(options).onFailure(done::completeExceptionally).onSuccess(r -> {
      request.set(r);
      if (done.isDone()) {
        // Connected only after the sender gave up waiting: send nothing.
        r.reset();
        return;
      }
      r.send(Buffer.buffer(body)).onFailure(done::completeExceptionally)
          .onSuccess(response -> read(r, response, done));
    });
    try {
      return done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new IOException("no answer within " + timeout.toSeconds() + " s");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      throw new IOException(cause.getClass().getSimpleName() + ": " + cause.getMessage(), cause);
    } finally {
      HttpClientRequest r = request.get();
      if (r != null && !done.isDone()) {
        r.reset();
      }
      done.cancel(false);
    }
  }

  private static void read(HttpClientRequest request, HttpClientResponse response, CompletableFuture<Answer> done) {
    Buffer got = Buffer.buffer();
    response.exceptionHandler(done::completeExceptionally);
    response.handler(chunk -> {
      if (done.isDone()) {
        return;
      }
      int room = MAX_ANSWER_BYTES - got.length();
      if (chunk.length() <= room) {
        got.appendBuffer(chunk);
        return;
      }
      got.appendBuffer(chunk, 0, room);
      done.complete(answer(response, got, true));
      // The rest is never read: closing the connection stops a receiver that sends without end.
      request.reset();
    });
    response.endHandler(v -> done.complete(answer(response, got, false)));
  }

  private static Answer answer(HttpClientResponse response, Buffer body, boolean cut) {
    return new Answer(response.statusCode(), new String(body.getBytes(), StandardCharsets.UTF_8), cut,
        response.getHeader("Location"));
  }
}
