package vn.farm.deploy.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

/**
 * What a phone's browser downloads from the farm cloud for one screen of the dashboard: every request is made as a
 * browser makes it ({@code Accept-Encoding: gzip, deflate, br}, the session in its cookie) and counted twice, as
 * sent (the body on the wire) and uncompressed. Not thread safe.
 */
public final class PageLoad {
  /** What a browser sends; the cloud answers with gzip (Quarkus has no Brotli without a native library). */
  public static final String ACCEPT_ENCODING = "gzip, deflate, br";
  private static final Pattern ATTRIBUTE = Pattern.compile("(?:src|href)=\"([^\"#:]+)\"");

  /** One request, named {@code what}: {@code wireBytes} of body as sent, {@code bytes} once decoded. */
  public record Fetched(String what, int status, String type, String encoding, long wireBytes, long bytes) {}

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final URI base;
  private final List<Fetched> fetched = new ArrayList<>();
  private final Map<String, String> bodies = new HashMap<>();
  private String cookie;

  public PageLoad(URI base) {
    this.base = base;
  }

  /** Returns what was fetched so far, in order. */
  public List<Fetched> fetched() {
    return List.copyOf(fetched);
  }

  /** Forgets what was fetched (the session stays), to count the next screen apart. */
  public void reset() {
    fetched.clear();
    bodies.clear();
  }

  /** GETs {@code path} unless this screen already has it (as a browser's cache would); returns its decoded body. */
  public String get(String path) throws IOException, InterruptedException {
    return get(path, "GET " + path);
  }

  /** As {@link #get(String)}, listed as {@code what}. */
  public String get(String path, String what) throws IOException, InterruptedException {
    String known = bodies.get(path);
    if (known != null) {
      return known;
    }
    String body = send("GET", path, null, what);
    bodies.put(path, body);
    return body;
  }

  /** GETs {@code path} even when this screen already has it, as an API call is; returns its decoded body. */
  public String again(String path, String what) throws IOException, InterruptedException {
    return send("GET", path, null, what);
  }

  /** POSTs a JSON body, keeping the session cookie the answer sets; returns the decoded body. */
  public String post(String path, String json) throws IOException, InterruptedException {
    return send("POST", path, json, "POST " + path);
  }

  /** Fetches {@code html}'s stylesheets, scripts, icons and manifest, and the manifest's icons. */
  public void linkedFrom(String html) throws IOException, InterruptedException {
    for (String path : matches(ATTRIBUTE, html)) {
      String body = get(absolute(path));
      if (path.endsWith(".webmanifest")) {
        for (String icon : matches(Pattern.compile("\"src\"\\s*:\\s*\"([^\"]+)\""), body)) {
          get(absolute(icon));
        }
      }
    }
  }

  /** Returns the first group of every match of {@code pattern} in {@code text}. */
  public static List<String> matches(Pattern pattern, String text) {
    List<String> found = new ArrayList<>();
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      found.add(m.group(1));
    }
    return found;
  }

  /** Returns the first group of {@code pattern} in {@code text}; throws naming {@code what} when it is missing. */
  public static String find(Pattern pattern, String text, String what) {
    Matcher m = pattern.matcher(text);
    if (!m.find()) {
      throw new IllegalStateException("the dashboard's code no longer has " + what + " (" + pattern + ")");
    }
    return m.group(1);
  }

  /** Returns a page-relative path ({@code app.js}, {@code ./}) as a path from the root. */
  public static String absolute(String path) {
    String p = path.startsWith("./") ? path.substring(2) : path;
    return p.startsWith("/") ? p : "/" + p;
  }

  private String send(String method, String path, String json, String what)
      throws IOException, InterruptedException {
    HttpResponse<byte[]> res = http.send(request(method, path, json, ACCEPT_ENCODING),
        HttpResponse.BodyHandlers.ofByteArray());
    res.headers().firstValue("set-cookie").ifPresent(c -> cookie = c.substring(0, c.indexOf(';') < 0 ? c.length()
        : c.indexOf(';')));
    String encoding = res.headers().firstValue("content-encoding").orElse("identity").toLowerCase(Locale.ROOT);
    byte[] body = switch (encoding) {
      case "identity" -> res.body();
      case "gzip" -> decode(new GZIPInputStream(new ByteArrayInputStream(res.body())));
      case "deflate" -> decode(new InflaterInputStream(new ByteArrayInputStream(res.body())));
      // No Brotli decoder in the JDK: ask again for the plain body to count it.
      default -> http.send(request(method, path, json, "identity"), HttpResponse.BodyHandlers.ofByteArray()).body();
    };
    String type = res.headers().firstValue("content-type").orElse("").replaceAll(";.*", "");
    fetched.add(new Fetched(what, res.statusCode(), type, encoding, res.body().length, body.length));
    return new String(body, StandardCharsets.UTF_8);
  }

  private HttpRequest request(String method, String path, String json, String acceptEncoding) {
    HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
        .header("Accept-Encoding", acceptEncoding)
        .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
    if (json != null) {
      b.header("Content-Type", "application/json");
    }
    if (cookie != null) {
      b.header("Cookie", cookie);
    }
    return b.build();
  }

  private static byte[] decode(InputStream in) throws IOException {
    try (in) {
      return in.readAllBytes();
    }
  }
}
