package vn.farm.cloud;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * What the server owes the phone dashboard as an installable web app: the manifest and its icons, the service
 * worker and the files it keeps, the chart library at the path the dashboard loads it from, compressed scripts,
 * and API answers that no cache may keep.
 */
@QuarkusTest
@WithTestResource(FarmCloudTestResource.class)
class DashboardTest {
  @TestHTTPResource("/")
  URL root;

  private static String text(String path) {
    return given().when().get(path).then().statusCode(200).extract().asString();
  }

  private static List<String> all(Pattern pattern, String text) {
    List<String> found = new ArrayList<>();
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      found.add(m.group(1));
    }
    return found;
  }

  private static String one(Pattern pattern, String text) {
    Matcher m = pattern.matcher(text);
    assertThat(m.find()).as("%s in the dashboard's code", pattern).isTrue();
    return m.group(1);
  }

  @Test
  void theManifestMakesTheDashboardInstallable() {
    assertThat(text("/")).contains("<link rel=\"manifest\" href=\"manifest.webmanifest\">");
    Response res = given().when().get("/manifest.webmanifest");
    res.then().statusCode(200).contentType("application/manifest+json");
    JsonPath manifest = new JsonPath(res.asString());
    assertThat(manifest.getString("name")).isEqualTo("Nhà kính");
    assertThat(manifest.getString("start_url")).isEqualTo("/");
    assertThat(manifest.getString("display")).isEqualTo("standalone");
    String green = one(Pattern.compile("--green: (#[0-9a-f]{6})"), text("/app.css"));
    assertThat(manifest.getString("theme_color")).isEqualTo(green);
    assertThat(one(Pattern.compile("<meta name=\"theme-color\" content=\"([^\"]+)\""), text("/"))).isEqualTo(green);
    assertThat(manifest.getList("icons.sizes", String.class)).contains("192x192", "512x512");
  }

  @Test
  void everyIconIsAPngOfTheSizeTheManifestStates() throws IOException {
    List<Map<String, String>> icons = given().when().get("/manifest.webmanifest").then().extract().jsonPath()
        .getList("icons");
    for (Map<String, String> icon : icons) {
      byte[] png = given().when().get("/" + icon.get("src")).then().statusCode(200).contentType("image/png")
          .extract().asByteArray();
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
      assertThat(image.getWidth() + "x" + image.getHeight()).as(icon.get("src")).isEqualTo(icon.get("sizes"));
    }
  }

  @Test
  void theServiceWorkerIsServedFromTheRootAndEveryFileItKeepsExists() {
    String app = text("/app.js");
    assertThat(one(Pattern.compile("serviceWorker\\.register\\('([^']+)'"), app)).isEqualTo("sw.js");
    Response sw = given().when().get("/sw.js");
    sw.then().statusCode(200).contentType("text/javascript");
    String shell = one(Pattern.compile("SHELL = \\[([^\\]]*)\\]", Pattern.DOTALL), sw.asString());
    List<String> files = all(Pattern.compile("'([^']+)'"), shell);
    assertThat(files).contains("./", "app.js", "app.css", "manifest.webmanifest");
    for (String file : files) {
      given().when().get("/" + file.replace("./", "")).then().statusCode(200);
    }
  }

  @Test
  void theServiceWorkerKeepsEveryModuleThePageImports() {
    String shell = one(Pattern.compile("SHELL = \\[([^\\]]*)\\]", Pattern.DOTALL), text("/sw.js"));
    List<String> kept = all(Pattern.compile("'([^']+)'"), shell);
    assertThat(one(Pattern.compile("<script type=\"module\" src=\"([^\"]+)\"></script>"), text("/")))
        .isEqualTo("app.js");
    // Every module reachable from app.js, by its static imports and the ones loaded when a screen opens.
    List<String> seen = new ArrayList<>(List.of("app.js"));
    for (int i = 0; i < seen.size(); i++) {
      String module = given().when().get("/" + seen.get(i)).then().statusCode(200).contentType("text/javascript")
          .extract().asString();
      for (String imported : all(Pattern.compile("(?:from |import\\()'\\./([^']+\\.js)'"), module)) {
        if (!seen.contains(imported)) {
          seen.add(imported);
        }
      }
    }
    assertThat(seen).contains("text.js", "api.js", "stream.js", "tiles.js", "router.js", "detail.js", "charts.js",
        "seasons.js");
    assertThat(kept).as("the service worker's files").containsAll(seen);
    // The page asks for the modules app.js needs to start (its static imports, theirs, and so on) all at once, not
    // one import after another, and none of those a screen loads when it opens.
    List<String> needed = new ArrayList<>(List.of("app.js"));
    for (int i = 0; i < needed.size(); i++) {
      for (String imported : all(Pattern.compile("from '\\./([^']+\\.js)'"), text("/" + needed.get(i)))) {
        if (!needed.contains(imported)) {
          needed.add(imported);
        }
      }
    }
    needed.remove("app.js");
    List<String> later = new ArrayList<>(seen);
    later.removeAll(needed);
    later.remove("app.js");
    assertThat(later).as("modules loaded when a screen opens").contains("charts.js", "seasons.js", "cycles.js",
        "seasoncard.js", "seasonlist.js");
    assertThat(all(Pattern.compile("<link rel=\"modulepreload\" href=\"([^\"]+)\">"), text("/")))
        .as("modules preloaded by the page").containsAll(needed).doesNotContainAnyElementsOf(later);
  }

  @Test
  void theChartLibraryIsServedWhereTheDashboardLoadsIt() {
    String app = text("/lazy.js");
    String folder = one(Pattern.compile("UPLOT = '([^']+)'"), app);
    List<String> files = all(Pattern.compile("UPLOT \\+ '([^']+)'"), app);
    assertThat(files).containsExactlyInAnyOrder("uPlot.min.css", "uPlot.iife.min.js");
    assertThat(given().when().get("/" + folder + "uPlot.iife.min.js").then().statusCode(200)
        .contentType("text/javascript").extract().asString()).startsWith("/*! https://github.com/leeoniya/uPlot");
    given().when().get("/" + folder + "uPlot.min.css").then().statusCode(200).contentType("text/css");
    List<String> scripts = all(Pattern.compile("import\\('\\./([^']+\\.js)'\\)"), app);
    assertThat(scripts).containsExactlyInAnyOrder("charts.js", "seasons.js");
    assertThat(given().when().get("/charts.js").then().statusCode(200).contentType("text/javascript").extract()
        .asString()).contains("export function draw(");
  }

  @Test
  void theCropCycleAndSeasonReportCodeIsServedWhereTheDashboardLoadsIt() {
    String seasons = given().when().get("/seasons.js").then().statusCode(200).contentType("text/javascript")
        .extract().asString();
    assertThat(seasons).contains("export function detail(");
    // Every word of the dashboard is in text.js's TEXT table, in both languages: the other modules name keys only.
    String app = text("/text.js");
    // Keys passed to t or plural, named by data-i18n, in a notice ({ key: … }) and in the report's figure table.
    Pattern named = Pattern.compile("(?:(?<![\\w.])t\\(|plural\\(|i18n: |key: |\\['[a-z]+', )'([A-Za-z0-9_]+)'");
    List<String> keys = all(named, seasons);
    for (String module : List.of("/tiles.js", "/alerts.js", "/detail.js", "/harvests.js", "/session.js",
        "/cycles.js", "/seasoncard.js", "/seasonlist.js")) {
      keys.addAll(all(named, text(module)));
    }
    keys.addAll(all(Pattern.compile("data-i18n=\"([A-Za-z0-9]+)\""), text("/")));
    assertThat(keys).contains("cycleSave", "reportsTitle", "rYield", "alertCount", "announceAlert");
    for (String key : keys) {
      // A word with plural forms is an object ({ one: …, other: … }).
      assertThat(all(Pattern.compile("[\\s{](" + key + "): ['{]"), app)).as("TEXT.vi and TEXT.en of %s", key)
          .hasSize(2);
    }
  }

  @Test
  void theSessionNamesTheFarmsTimeZoneInWhichTheDashboardShowsTimes() {
    Api.admin().when().get("/api/session").then().statusCode(200)
        .body("timezone", org.hamcrest.Matchers.equalTo("Asia/Ho_Chi_Minh"));
    // Times and days follow that zone: no module fixes Vietnam's offset.
    for (String module : List.of("/time.js", "/detail.js", "/harvests.js", "/seasons.js", "/cycles.js",
        "/seasoncard.js", "/seasonlist.js", "/alerts.js")) {
      assertThat(text(module)).as(module).doesNotContain("T12:00:00+07:00").doesNotContain("'+07:00'");
    }
  }

  @Test
  void apiAnswersTellEveryCacheNotToKeepThem() {
    // Refused, read, and a command: none may be kept by the browser, a proxy or the service worker.
    given().when().get("/api/session").then().statusCode(401).header("Cache-Control", "no-store");
    Api.admin().when().get("/api/greenhouses").then().statusCode(200).header("Cache-Control", "no-store");
    long coop = Api.cooperative("HTX bộ nhớ đệm", "Hà Nội", null);
    Api.greenhouse(coop, "Nhà không lưu", "dash-cmd");
    Api.admin().contentType(ContentType.JSON).body(Map.of("actuator", "pump", "action", "on", "durationS", 60))
        .when().post("/api/devices/dash-cmd/commands").then().statusCode(202).header("Cache-Control", "no-store");
    // The dashboard's own files may be cached: they are what opens without a network.
    given().when().get("/app.js").then().statusCode(200).header("Cache-Control", org.hamcrest.Matchers.not(
        org.hamcrest.Matchers.containsString("no-store")));
  }

  @Test
  void theDashboardsFilesAreSentCompressed() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    for (String path : List.of("/app.js", "/text.js", "/tiles.js", "/charts.js", "/seasons.js", "/app.css", "/")) {
      HttpResponse<byte[]> gzip = http.send(HttpRequest.newBuilder(URI.create(root.toString()).resolve(path))
          .header("Accept-Encoding", "gzip, deflate, br").build(), HttpResponse.BodyHandlers.ofByteArray());
      assertThat(gzip.headers().firstValue("Content-Encoding")).as(path).hasValue("gzip");
      byte[] plain = given().header("Accept-Encoding", "identity").when().get(path).then().statusCode(200)
          .extract().asByteArray();
      try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip.body()))) {
        assertThat(in.readAllBytes()).as(path).isEqualTo(plain);
      }
      assertThat(gzip.body().length).as(path).isLessThan(plain.length / 2);
    }
  }
}
