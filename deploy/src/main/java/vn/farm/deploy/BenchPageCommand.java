package vn.farm.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.farm.deploy.bench.BenchCloud;
import vn.farm.deploy.bench.PageFill;
import vn.farm.deploy.bench.PageLoad;
import vn.farm.deploy.bench.PageLoad.Fetched;

/**
 * Weighs the phone dashboard: what a browser downloads to show the login page, log in and show the greenhouse
 * tiles, then to open a greenhouse's detail screen with its charts. Follows what the page itself names (index.html's
 * links, among them the modules it preloads, the manifest's icons, the service worker and its list of files, the
 * chart library and the chart and season code lazy.js loads, the points per chart detail.js asks for), so it stays
 * true as they change.
 */
@Command(name = "page", mixinStandardHelpOptions = true,
    description = {"Measure what a phone downloads to open the dashboard (login page, logging in, the greenhouse "
        + "tiles) and a greenhouse's detail screen with its charts, compressed and uncompressed."})
final class BenchPageCommand implements Callable<Integer> {
  static final long GOAL_BYTES = 300_000;
  private static final ZoneId FARM_ZONE = ZoneId.of("Asia/Ho_Chi_Minh");

  @Option(names = "--url", description = "Measure this running farm cloud (such as the demo's, "
      + "http://localhost:8080/) instead of starting one with three greenhouses of its own.")
  URI url;

  @Option(names = "--login", defaultValue = "nongdan", description = "Who logs in, with --url (default nongdan).")
  String login;

  @Option(names = "--password", defaultValue = "demo-2026", description = "Their password, with --url.")
  String password;

  @Option(names = "--greenhouse", description = "Id of the greenhouse whose detail screen is weighed "
      + "(default: the first with a controller).")
  Long greenhouse;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    out.println(BenchSimulateCommand.machine());
    if (url != null) {
      out.println("cloud: " + url);
      measure(new PageLoad(url), login, password, out);
      return 0;
    }
    Path home = Path.of(System.getProperty("farm.home", ".")).toAbsolutePath().normalize();
    Path work = Files.createTempDirectory("farm-bench-page-");
    try (BenchCloud cloud = BenchCloud.start(home, work, null, null, null)) {
      long t0 = System.nanoTime();
      long readings = PageFill.fill(cloud, work);
      out.printf(Locale.ROOT, "cloud: its own, 3 greenhouses, %,d readings over %d days, filled in %.1f s%n",
          readings, PageFill.SEASON_DAYS, (System.nanoTime() - t0) / 1e9);
      measure(new PageLoad(cloud.base()), "admin", BenchCloud.password(), out);
    } finally {
      vn.farm.sim.run.ScratchFolder.delete(work);
      out.flush();
    }
    return 0;
  }

  private void measure(PageLoad page, String who, String secret, PrintWriter out) throws Exception {
    // The first screen, in the order the dashboard asks: the page and what it links, who is logged in (nobody yet), the
    // service worker and the files it keeps, logging in, the greenhouses (twice: once more when the live stream
    // opens, to catch up on what happened in between) with their open alerts. A farmer's page asks nothing more (a
    // manager's also reads the cooperatives' names). The stream itself (/api/stream) stays open and is left out.
    page.linkedFrom(page.get("/"));
    String app = page.get("/app.js");
    page.get("/api/session");
    String sw = page.get(PageLoad.absolute(PageLoad.find(Pattern.compile("serviceWorker\\.register\\('([^']+)'"),
        app, "the service worker's registration")));
    String shell = PageLoad.find(Pattern.compile("SHELL = \\[([^\\]]*)\\]", Pattern.DOTALL), sw,
        "the service worker's list of files");
    for (String path : PageLoad.matches(Pattern.compile("'([^']+)'"), shell)) {
      page.get(PageLoad.absolute(path));
    }
    // Made here, not as a field: every command of the farm command line is built at its start.
    ObjectMapper json = new ObjectMapper();
    page.post("/api/session", json.writeValueAsString(Map.of("login", who, "password", secret)));
    JsonNode list = json.readTree(page.get("/api/greenhouses"));
    page.get("/api/alerts?open=true&limit=200");
    page.again("/api/greenhouses", "GET /api/greenhouses again, as the live stream opens");
    page.again("/api/alerts?open=true&limit=200", "GET /api/alerts again, as the live stream opens");
    long first = report(out, "First screen: login page, logging in, the greenhouse tiles", page.fetched());
    out.printf(Locale.ROOT, "Goal ≤ %,d bytes compressed: %s%n%n", GOAL_BYTES, first <= GOAL_BYTES ? "met"
        : "NOT met");

    JsonNode g = AsTheApp.chosen(list, greenhouse, login);
    String device = g.path("controllers").path(0).path("deviceId").asText();
    // The modules that load a screen's code when it first opens, and that ask for its chart; the page preloads them
    // on the first screen, so reading them here fetches nothing more.
    String lazy = page.get("/lazy.js");
    String detail = page.get("/detail.js");
    page.reset();
    String uplot = PageLoad.find(Pattern.compile("UPLOT = '([^']+)'"), lazy, "uPlot's folder");
    for (String file : PageLoad.matches(Pattern.compile("UPLOT \\+ '([^']+)'"), lazy)) {
      page.get(PageLoad.absolute(uplot + file));
    }
    // The chart code and the crop cycle and season report code (charts.js, seasons.js), as lazy.js imports them.
    for (String code : PageLoad.matches(Pattern.compile("import\\('\\./([^']+\\.js)'\\)"), lazy)) {
      page.get(PageLoad.absolute(code));
    }
    int points = Integer.parseInt(PageLoad.find(Pattern.compile("CHART_POINTS = (\\d+)"), detail, "CHART_POINTS"));
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    page.get(series(device, now.minus(Duration.ofDays(1)), now, points), "GET series, 24 h");
    // Below the charts: the crops for the start form, the greenhouse's cycles, the open one's harvests and report.
    String cycles = "/api/greenhouses/" + g.path("id").asLong() + "/crop-cycles";
    page.get("/api/crops");
    page.get(cycles);
    Long open = AsTheApp.openCycle(g);
    if (open != null) {
      page.get(cycles + "/" + open + "/harvests");
      page.get(cycles + "/" + open + "/report");
    }
    report(out, "Detail screen of greenhouse " + g.path("id").asLong() + " (" + device + "), first opening: "
        + "the chart library and code, 24 h of series, crop cycles, harvests and the season report",
        page.fetched());

    page.reset();
    page.get(series(device, now.minus(Duration.ofDays(7)), now, points), "GET series, 7 days");
    Instant season = AsTheApp.seasonStart(g, now);
    page.get(series(device, season, now, points), "GET series, season ("
        + Duration.between(season, now).toDays() + " days)");
    report(out, "Detail screen, the other two spans: 7 days, the season", page.fetched());
  }

  private static String series(String device, Instant from, Instant to, int points) {
    return "/api/devices/" + device + "/series?from=" + from + "&to=" + to + "&points=" + points;
  }

  /** Prints one screen's requests as a table and returns the compressed total. */
  private static long report(PrintWriter out, String title, List<Fetched> fetched) {
    out.println(title + " (Accept-Encoding: " + PageLoad.ACCEPT_ENCODING + "):");
    out.println();
    out.println("| request | status | type | sent as | bytes on the wire | uncompressed |");
    out.println("|---|---|---|---|---|---|");
    long wire = 0;
    long plain = 0;
    for (Fetched f : fetched) {
      out.printf(Locale.ROOT, "| %s | %d | %s | %s | %,d | %,d |%n", f.what(), f.status(), f.type(),
          f.encoding(), f.wireBytes(), f.bytes());
      wire += f.wireBytes();
      plain += f.bytes();
    }
    out.printf(Locale.ROOT, "| **total, %d requests** | | | | **%,d** (%.1f KB) | %,d (%.1f KB) |%n", fetched.size(),
        wire, wire / 1000.0, plain, plain / 1000.0);
    out.println();
    out.flush();
    return wire;
  }

  /**
   * The app's choices, made as the dashboard makes them. Apart from the command, whose methods the command line reflects on
   * at every start: their databind types would load part of databind in every command, the agent's too.
   */
  private static final class AsTheApp {
    static JsonNode chosen(JsonNode list, Long greenhouse, String login) {
      for (JsonNode g : list) {
        if (!g.path("controllers").path(0).path("deviceId").isMissingNode()
            && (greenhouse == null || greenhouse == g.path("id").asLong())) {
          return g;
        }
      }
      throw new DemoException(greenhouse == null ? "no greenhouse with a controller to weigh the detail screen of"
          : "greenhouse " + greenhouse + " is not one with a controller that " + login + " sees");
    }

    // As the dashboard (crops.js): the earliest planted of the open crop cycles that have begun, or null.
    static Long openCycle(JsonNode g) {
      String today = LocalDate.now(FARM_ZONE).toString();
      JsonNode earliest = null;
      for (JsonNode c : g.path("cropCycles")) {
        String p = c.path("plantedOn").asText("");
        if (!p.isEmpty() && p.compareTo(today) <= 0
            && (earliest == null || p.compareTo(earliest.path("plantedOn").asText()) < 0)) {
          earliest = c;
        }
      }
      return earliest == null ? null : earliest.path("id").asLong();
    }

    // As the dashboard (detail.js): from the farm's midnight of the earliest planting among the open crop cycles, else 90 days.
    static Instant seasonStart(JsonNode g, Instant now) {
      LocalDate today = LocalDate.now(FARM_ZONE);
      LocalDate planted = null;
      for (JsonNode c : g.path("cropCycles")) {
        LocalDate p = c.path("plantedOn").isTextual() ? LocalDate.parse(c.path("plantedOn").asText()) : null;
        if (p != null && !p.isAfter(today) && (planted == null || p.isBefore(planted))) {
          planted = p;
        }
      }
      return planted == null ? now.minus(Duration.ofDays(90)) : planted.atStartOfDay(FARM_ZONE).toInstant();
    }
  }

}
