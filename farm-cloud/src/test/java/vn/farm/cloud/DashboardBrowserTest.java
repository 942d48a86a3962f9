package vn.farm.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import vn.farm.sim.SimulatedGreenhouse;
import vn.farm.sim.board.Fault;

/**
 * The phone dashboard in a real browser (headless Chromium, 360 × 780, Vietnamese) against the real cloud with its
 * embedded broker, and a simulated greenhouse running the real edge agent. A farmer of one cooperative logs in
 * through the form; another cooperative's greenhouse exists beside theirs. Runs only with {@code -Pbrowser}.
 */
@QuarkusTest
@WithTestResource(FarmCloudTestResource.class)
@Tag("browser")
class DashboardBrowserTest {
  private static final String FARMER = "browser-farmer";
  private static final String DEVICE = "phone-gh-1";
  private static final String GREENHOUSE = "Nhà màng dưa lưới";
  private static final String TILE = ".tile[data-device='" + DEVICE + "']";
  private static final String PUMP = TILE + " .output[data-actuator='pump']";
  private static final long WIDE = PhoneBrowser.WIDTH_PX;
  private static final ZoneId FARM_ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
  /** A second farmer of the same cooperative, whose greenhouses the crop cycle tests start and end seasons in. */
  private static final String GROWER = "browser-grower";
  /** The cooperative whose seasons are compared, its manager, and an extension officer of its province. */
  private static final String MANAGER = "browser-manager";
  private static final String OFFICER = "browser-officer";

  private static Path dataDir;
  private static SimulatedGreenhouse greenhouse;
  private static long greenhouseId;
  private static long otherGreenhouseId;
  private static long coopId;
  private static long growerId;
  private static long comparedA;
  private static long comparedB;

  @TestHTTPResource("/")
  URL dashboard;

  private PhoneBrowser phone;

  /** Opens a fresh browser for each test; sets up both cooperatives and starts the farmer's greenhouse once. */
  @BeforeEach
  void browserAndGreenhouses(TestInfo test) throws Exception {
    phone = PhoneBrowser.open(test.getTestMethod().orElseThrow().getName());
    if (greenhouse == null) {
      long coop = coopId = Api.cooperative("HTX Rau sạch Bắc Kạn", "Bắc Kạn", null);
      greenhouseId = Api.greenhouse(coop, GREENHOUSE, DEVICE);
      long farmer = Api.user(FARMER, "farmer", coop, null);
      growerId = Api.user(GROWER, "farmer", coop, null);
      Api.admin().when().put("/api/users/" + farmer + "/greenhouses/" + greenhouseId).then().statusCode(200);
      long other = Api.cooperative("HTX Hoa Mê Linh", "Hà Nội", null);
      otherGreenhouseId = Api.greenhouse(other, "Nhà kính hoa Mê Linh", "phone-gh-other");
      Api.admin().contentType(io.restassured.http.ContentType.JSON).body(java.util.Map.of("crop", "melon",
          "plantedOn", java.time.LocalDate.now(java.time.ZoneId.of("Asia/Ho_Chi_Minh")).minusDays(50).toString()))
          .when().post("/api/greenhouses/" + greenhouseId + "/crop-cycles").then().statusCode(201);
      dataDir = Files.createTempDirectory("farm-browser");
      greenhouse = SimulatedGreenhouse.start(new SimulatedGreenhouse.Options(DEVICE,
          "tcp://127.0.0.1:" + FarmCloudTestResource.mqttPort, DEVICE, Api.enrol(DEVICE), dataDir.resolve(DEVICE),
          Duration.ofSeconds(1), 7L, Clock.systemUTC()));
    }
  }

  /** Every screen a test went through kept to the server's Content-Security-Policy: nothing it refused. */
  @AfterEach
  void noPolicyViolationThenCloseBrowser() {
    if (phone != null) {
      try {
        assertThat(phone.policyViolations()).as("Content-Security-Policy violations in the console").isEmpty();
      } finally {
        phone.close();
      }
    }
  }

  @AfterAll
  static void stopGreenhouse() throws Exception {
    if (greenhouse != null) {
      greenhouse.close();
    }
    if (dataDir != null) {
      try (var files = Files.walk(dataDir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** Opens the dashboard, logs in as the farmer through the form, and waits for their greenhouse's tile. */
  private void logIn(String screenshot) {
    logInAs(FARMER, screenshot);
    phone.text(TILE);
  }

  /** Opens the dashboard, logs in as {@code login} through the form, and waits for the tiles. */
  private void logInAs(String login, String screenshot) {
    phone.get(dashboard);
    phone.type("#login-name", login);
    phone.type("#login-password", Api.passwordOf(login));
    if (screenshot != null) {
      phone.screenshot(screenshot);
    }
    phone.click("#login button[type=submit]");
    phone.text("#greenhouses .tile");
  }

  private static LocalDate today() {
    return LocalDate.now(FARM_ZONE);
  }

  /** Makes a greenhouse (no controller running) for the grower, and returns its id. */
  private static long growersGreenhouse(String name, String deviceId) {
    long id = Api.greenhouse(coopId, name, deviceId);
    Api.admin().when().put("/api/users/" + growerId + "/greenhouses/" + id).then().statusCode(200);
    return id;
  }

  /** Enters a crop cycle as the administrator and returns its id. */
  private static long cycle(long greenhouse, Map<String, Object> body) {
    return Api.admin().contentType(ContentType.JSON).body(body).when()
        .post("/api/greenhouses/" + greenhouse + "/crop-cycles").then().statusCode(201).extract().jsonPath()
        .getLong("id");
  }

  /**
   * Once: a cooperative in Lâm Đồng with two greenhouses, a tomato cycle of 200 kg on 100 m² and a cucumber cycle
   * of 50 kg on 50 m² (2 and 1 kg/m²), its manager, another cooperative of the province and an officer there.
   */
  private static synchronized void comparedCooperative() {
    if (comparedA != 0) {
      return;
    }
    long coop = Api.cooperative("HTX Rau Đà Lạt", "Lâm Đồng", null);
    Api.user(MANAGER, "manager", coop, null);
    Api.user(OFFICER, "officer", null, "Lâm Đồng");
    Api.cooperative("HTX Hoa Đà Lạt", "Lâm Đồng", null);
    comparedA = Api.greenhouse(coop, "Nhà kính cà chua", "phone-compare-a");
    comparedB = Api.greenhouse(coop, "Nhà màng dưa chuột", "phone-compare-b");
    long tomato = cycle(comparedA, Map.of("crop", "tomato", "variety", "Savior", "areaM2", 100,
        "plantedOn", today().minusDays(90).toString()));
    long cucumber = cycle(comparedB, Map.of("crop", "cucumber", "areaM2", 50,
        "plantedOn", today().minusDays(40).toString()));
    for (long[] h : new long[][] {{comparedA, tomato, 200}, {comparedB, cucumber, 50}}) {
      Api.admin().contentType(ContentType.JSON).body(Map.of("harvestedOn", today().toString(), "kg", h[2]))
          .when().post("/api/greenhouses/" + h[0] + "/crop-cycles/" + h[1] + "/harvests").then().statusCode(201);
    }
  }

  @Test
  void farmerLogsInAndSeesTheirGreenhouseWithLiveValuesInVietnamese() {
    logIn("1-login-form");

    assertThat(phone.text(TILE + " .name")).isEqualTo(GREENHOUSE);
    phone.waitForText(TILE + " .online", "Trực tuyến");
    phone.waitForTexts(TILE + " .values dt", "Độ ẩm đất", "Nhiệt độ không khí", "Độ ẩm không khí",
        "VPD (độ thiếu hụt hơi nước)", "Ánh sáng", "Nhiệt độ đất");
    // Vietnamese numbers: a decimal comma and a thousands dot.
    assertThat(phone.text(TILE + " dd[data-quantity='soil_moisture']")).matches("\\d{1,3} %");
    assertThat(phone.text(TILE + " dd[data-quantity='air_temperature']")).matches("-?\\d{1,2},\\d °C");
    assertThat(phone.text(TILE + " dd[data-quantity='vpd']")).matches("\\d,\\d\\d kPa");
    assertThat(phone.text(TILE + " dd[data-quantity='light']")).matches("\\d{1,3}(\\.\\d{3})* lx");
    assertThat(phone.text(TILE + " .seen")).matches("Cập nhật: \\d+ giây trước");
    phone.waitForTexts(TILE + " .output .label", "Máy bơm", "Quạt thông gió", "Phun sương", "Đèn trồng cây",
        "Nguồn máy bơm");
    assertThat(phone.script("return [window.innerWidth, document.documentElement.scrollWidth]"))
        .as("viewport width and page width: the page fits the phone without scrolling sideways")
        .isEqualTo(List.of(WIDE, WIDE));
    phone.screenshot("1-greenhouse-tile-live-values");
  }

  @Test
  void farmerSwitchesThePumpOnAndSeesTheEdgeConfirmIt() {
    logIn(null);
    phone.waitForText(PUMP + " .state", "Đang tắt");
    listenToTheScreenReader();

    phone.click(PUMP + " button[data-action='on']");

    phone.waitForText(PUMP + " .cmd[data-status='applied']", "Thiết bị đã thực hiện");
    phone.waitForText(PUMP + " .state", "Đang bật");
    assertThat(phone.script("return document.querySelector(arguments[0]).classList.contains('on')",
        PUMP + " .state")).isEqualTo(true);
    assertThat(greenhouse.relayOn("pump")).as("the simulated board's pump relay").isTrue();
    phone.waitForTextContaining("#announce", "Máy bơm của " + GREENHOUSE + " đã bật");
    waitForLiveUpdates(2);
    assertOnlyStatusChangesWereHeard();
    phone.screenshot("2-pump-on-confirmed-by-the-edge");
  }

  @Test
  void farmerIsRefusedAnotherCooperativesGreenhouseAsIfItDidNotExist() {
    logIn(null);

    assertThat(phone.texts(".tile .name")).containsExactly(GREENHOUSE);
    assertThat(phone.fetch("/api/greenhouses/" + greenhouseId).status()).isEqualTo(200);
    long missing = 987_654_321L;
    PhoneBrowser.Answer denied = phone.fetch("/api/greenhouses/" + otherGreenhouseId);
    PhoneBrowser.Answer absent = phone.fetch("/api/greenhouses/" + missing);
    assertThat(denied.status()).isEqualTo(404);
    assertThat(absent.status()).isEqualTo(404);
    assertThat(denied.body()).contains(String.valueOf(otherGreenhouseId))
        .isEqualTo(absent.body().replace(String.valueOf(missing), String.valueOf(otherGreenhouseId)));
    phone.screenshot("3-only-own-cooperatives-greenhouse");
  }

  @Test
  void switchingToEnglishShowsEnglishLabelsAndStaysAfterAReload() {
    logIn(null);
    phone.waitForText(TILE + " .online", "Trực tuyến");
    phone.waitForText("#lang", "EN");

    phone.click("#lang");

    phone.waitForText("#lang", "VI");
    assertThat(phone.text("h1")).isEqualTo("My greenhouses");
    assertThat(phone.script("return document.documentElement.lang")).isEqualTo("en");
    phone.waitForText(TILE + " .online", "Online");
    phone.waitForTexts(TILE + " .values dt", "Soil moisture", "Air temperature", "Air humidity",
        "VPD (vapour pressure deficit)", "Light", "Soil temperature");
    phone.waitForTexts(TILE + " .output .label", "Pump", "Fan", "Mist", "Grow light", "Pump power");
    assertThat(phone.text(PUMP + " button[data-action='on']")).isEqualTo("On for 5 min");
    assertThat(phone.text(TILE + " dd[data-quantity='air_temperature']")).matches("-?\\d{1,2}\\.\\d °C");
    phone.screenshot("4-english-labels");

    phone.get(dashboard);
    phone.waitForText(TILE + " .online", "Online");
    assertThat(phone.text("#logout")).isEqualTo("Log out");
  }

  @Test
  void anAlertAppearsWhenASensorFailsAndClearsWhenItReadsAgain() {
    logIn(null);
    String alert = "#alerts li.alert[data-kind='sensor_fault']";

    listenToTheScreenReader();
    greenhouse.board().inject(Fault.of("air", Fault.Kind.DISCONNECTED));

    phone.waitForTextContaining(alert + " .text", GREENHOUSE + ": cảm biến air bị lỗi");
    phone.waitForTextContaining("#announce", "Cảnh báo mới: " + GREENHOUSE + ": cảm biến air bị lỗi");
    phone.waitForText(TILE + " .alert-count", "1 cảnh báo");
    assertThat(phone.text("#alerts h2")).isEqualTo("Cảnh báo");
    phone.screenshot("5-alert-of-a-failed-sensor");

    greenhouse.board().clear("air");

    phone.waitForNone(alert);
    phone.waitForNone(TILE + " .alert-count");
    phone.waitForTextContaining("#announce", "Hết cảnh báo: " + GREENHOUSE + ": cảm biến air bị lỗi");
    assertOnlyStatusChangesWereHeard();
    phone.screenshot("5-alert-cleared-when-the-sensor-reads-again");
  }

  /** Records, from now on, every text the page gives its polite live region (what a screen reader says). */
  private void listenToTheScreenReader() {
    phone.script("const region = document.getElementById('announce'); window.heard = [];"
        + " new MutationObserver(() => window.heard.push(region.textContent))"
        + ".observe(region, { childList: true, characterData: true, subtree: true })");
  }

  /**
   * Asserts that what the live region was given since {@link #listenToTheScreenReader} is status sentences only (an
   * output switching, the greenhouse going offline or coming back, an alert opening or clearing), one or several
   * said together, and never the values that arrived meanwhile.
   */
  private void assertOnlyStatusChangesWereHeard() {
    String house = java.util.regex.Pattern.quote(GREENHOUSE);
    String sentence = "(?:(?:Máy bơm|Quạt thông gió|Phun sương|Đèn trồng cây|Nguồn máy bơm) của " + house
        + " (?:đã bật|đã tắt)|" + house + " (?:mất kết nối|đã trực tuyến trở lại)|(?:Cảnh báo mới|Hết cảnh báo): "
        + "[^:]+: [^:]+)";
    @SuppressWarnings("unchecked") List<String> heard = (List<String>) phone.script("return window.heard");
    assertThat(heard).as("what a screen reader was given while live values arrived").isNotEmpty()
        .allSatisfy(said -> assertThat(said).as("status changes only").matches(sentence + "(?: " + sentence + ")*"));
  }

  /** Waits until {@code count} live telemetry messages of the farmer's greenhouse have reached its tile. */
  private void waitForLiveUpdates(int count) {
    for (int i = 0; i < count; i++) {
      Object before = phone.script("return document.querySelector(arguments[0]).dataset.seen", TILE);
      phone.until("a live telemetry message after " + before, d -> !java.util.Objects.equals(before,
          phone.script("return document.querySelector(arguments[0]).dataset.seen", TILE)));
    }
  }

  @Test
  void aFocusedOutputButtonStaysFocusedWhileLiveValuesArrive() {
    logIn(null);
    String fanOn = TILE + " .output[data-actuator='fan'] button[data-action='on']";
    phone.until("the fan's button enabled", d -> (Boolean) phone.script(
        "const b = document.querySelector(arguments[0]); return !!b && !b.disabled", fanOn));
    phone.script("window.focusedBefore = document.querySelector(arguments[0]); window.focusedBefore.focus()", fanOn);
    assertThat(phone.script("return document.activeElement === window.focusedBefore")).isEqualTo(true);

    waitForLiveUpdates(3);

    assertThat(phone.script("return document.activeElement === window.focusedBefore"
        + " && document.contains(window.focusedBefore)")).as("the same button, still in the page, still focused")
        .isEqualTo(true);
    assertThat(phone.script("return document.activeElement.matches(arguments[0])", fanOn)).isEqualTo(true);
  }

  @Test
  void anOpenDurationListStaysOpenWhileLiveValuesArrive() {
    logIn(null);
    String pick = TILE + " .output[data-actuator='mist'] select.duration";
    phone.click(pick);
    phone.until("the mist's duration list open", d -> (Boolean) phone.script(
        "return document.querySelector(arguments[0]).matches(':open')", pick));
    phone.script("window.listBefore = document.querySelector(arguments[0])", pick);

    waitForLiveUpdates(3);

    assertThat(phone.script("return document.contains(window.listBefore) && window.listBefore.matches(':open')"
        + " && document.activeElement === window.listBefore")).as("the same list, still open and focused")
        .isEqualTo(true);
    phone.screenshot("17-duration-list-open-during-live-updates");
  }

  @Test
  void everyOutputButtonIsNamedAfterItsOutput() {
    logIn(null);
    phone.waitForTexts(TILE + " .output .label", "Máy bơm", "Quạt thông gió", "Phun sương", "Đèn trồng cây",
        "Nguồn máy bơm");
    int named = 0;
    for (String output : List.of("pump", "fan", "mist", "grow-light")) {
      String row = TILE + " .output[data-actuator='" + output + "']";
      String label = phone.text(row + " .label");
      for (String name : phone.accessibleNames(row + " button, " + row + " select")) {
        assertThat(name).as("a control of %s", output).contains(label);
        named++;
      }
    }
    assertThat(named).as("the run length and three buttons of each switchable output").isEqualTo(16);
    assertThat(phone.script("return document.querySelectorAll(arguments[0]).length",
        TILE + " .output[data-actuator='pump-power'] button")).as("the pump's supply relay follows it").isEqualTo(0L);
    assertThat(phone.script("return [document.getElementById('greenhouses').hasAttribute('aria-live'),"
        + " document.getElementById('announce').getAttribute('aria-live')]"))
        .as("status changes are announced, not the grid").isEqualTo(List.of(false, "polite"));
    assertThat(phone.accessibleNames(PUMP + " button[data-action='on']")).containsExactly("Bật 5 phút Máy bơm");

    phone.click("#lang");
    phone.waitForText(PUMP + " .label", "Pump");
    assertThat(phone.accessibleNames(PUMP + " button[data-action='off']")).containsExactly("Off Pump");
  }

  @Test
  void oneAlertIsCountedInTheSingularInEnglish() {
    logIn(null);
    String text = "return (await import(new URL('text.js', document.baseURI).href))";
    assertThat(phone.awaitScript(text + ".plural('alertCount', 1)")).isEqualTo("1 cảnh báo");
    phone.click("#lang");
    phone.waitForText("#lang", "VI");
    assertThat(phone.awaitScript(text + ".plural('alertCount', 1)")).isEqualTo("1 alert");
    assertThat(phone.awaitScript(text + ".plural('alertCount', 2)")).isEqualTo("2 alerts");

    greenhouse.board().inject(Fault.of("air", Fault.Kind.DISCONNECTED));
    try {
      phone.waitForText(TILE + " .alert-count", "1 alert");
      phone.screenshot("18-one-alert-in-english");
    } finally {
      greenhouse.board().clear("air");
    }
    phone.waitForNone(TILE + " .alert-count");
  }

  @Test
  void withoutANetworkTheDashboardOpensOnTheValuesLastSeenMarkedOld() {
    logIn(null);
    phone.waitForText(TILE + " .online", "Trực tuyến");
    phone.until("the service worker in charge of the page", d -> (Boolean) phone.script(
        "return !!navigator.serviceWorker.controller"));

    phone.offline(true);
    phone.get(dashboard);

    phone.waitForTextContaining("#conn", "Không có mạng — số liệu lúc ");
    assertThat(phone.text(TILE + " .name")).isEqualTo(GREENHOUSE);
    phone.until("every value marked old", d -> (Boolean) phone.script("const v = [...document.querySelectorAll("
        + "arguments[0])]; return v.length > 0 && v.every(e => e.classList.contains('stale'))", TILE + " .values dd"));
    assertThat(phone.script("return document.querySelector(arguments[0]).disabled",
        PUMP + " button[data-action='on']")).as("no command without the cloud").isEqualTo(true);
    phone.screenshot("19-offline-values-last-seen");
    phone.offline(false);
  }

  @Test
  void farmerRunsTheFanForAChosenTimeSeesItCountDownAndHandsItBackToTheRules() {
    logIn(null);
    String fan = TILE + " .output[data-actuator='fan']";

    phone.choose(fan + " select.duration", "15");
    phone.waitForText(fan + " button[data-action='on']", "Bật 15 phút");
    phone.click(fan + " button[data-action='on']");

    phone.waitForText(fan + " .cmd[data-status='applied']", "Thiết bị đã thực hiện");
    phone.waitForText(fan + " .state", "Đang bật");
    phone.waitForTextContaining(fan + " .why", "theo lệnh từ xa · còn 15 phút");
    assertThat(greenhouse.relayOn("fan")).isTrue();
    phone.screenshot("6-fan-on-for-15-minutes");

    phone.click(fan + " button[data-action='auto']");
    phone.until("the fan handed back to its rules", d -> {
      String why = d.findElement(org.openqa.selenium.By.cssSelector(fan + " .why")).getText();
      return why.startsWith("tự động") && !why.contains("còn");
    });
  }

  @Test
  void withTheLargeFontSettingEveryControlStaysAFingerWideAndNothingSpillsSideways() {
    logIn(null);
    phone.text(PUMP + " .state");
    // A phone's large-font setting: the root font at 150 %.
    phone.script("document.documentElement.style.fontSize = '150%'");
    phone.waitForTexts(TILE + " .output .label", "Máy bơm", "Quạt thông gió", "Phun sương", "Đèn trồng cây",
        "Nguồn máy bơm");
    assertThat(phone.script("return [window.innerWidth, document.documentElement.scrollWidth]"))
        .as("viewport width and page width at 150 %: nothing spills sideways").isEqualTo(List.of(WIDE, WIDE));
    @SuppressWarnings("unchecked") List<String> small = (List<String>) phone.script(
        "return [...document.querySelectorAll("
            + "'button, a, select, input')].filter(e => e.offsetParent !== null).map(e => [e, e.getBoundingClientRect()])"
            + ".filter(([e, r]) => r.width < 44 || r.height < 44).map(([e, r]) => e.outerHTML.slice(0, 80) + ' '"
            + " + Math.round(r.width) + 'x' + Math.round(r.height))");
    assertThat(small).as("controls smaller than 44 × 44 CSS px").isEmpty();
    phone.screenshot("7-large-font");
  }

  @Test
  void farmerRecordsAHarvestOnTheGreenhouseScreen() {
    logIn(null);
    phone.click(TILE + " a.charts");
    phone.waitForText("#harvests .total", "Tổng 0 kg");

    phone.type("#harvest-kg", "12.5");
    phone.type("#harvest-grade", "loại 1");
    phone.click("#harvest-form button[type='submit']");

    phone.waitForText("#harvests .total", "Tổng 12,5 kg");
    phone.waitForTextContaining("#harvests .list li", "12,5 kg · loại 1");
    phone.screenshot("8-harvest-recorded");
    long cycle = Api.admin().when().get("/api/greenhouses/" + greenhouseId + "/crop-cycles").then().extract()
        .jsonPath().getLong("[0].id");
    Api.admin().when().get("/api/greenhouses/" + greenhouseId + "/crop-cycles/" + cycle + "/harvests").then()
        .statusCode(200).body("totalKg", org.hamcrest.Matchers.equalTo(12.5f))
        .body("harvests[0].updatedBy", org.hamcrest.Matchers.equalTo(FARMER));
  }

  @Test
  void farmerCorrectsAMistypedHarvestAndVoidsAnotherFromThePhoneAndTheHistoryStays() {
    long house = growersGreenhouse("Nhà lưới dưa lưới", "phone-gh-fix");
    long cycle = cycle(house, Map.of("crop", "melon", "plantedOn", today().minusDays(20).toString()));
    String harvests = "/api/greenhouses/" + house + "/crop-cycles/" + cycle + "/harvests";
    long mistyped = harvest(harvests, 99);
    long twice = harvest(harvests, 4);
    harvest(harvests, 6);
    logInAs(GROWER, null);
    phone.click(".tile[data-device='phone-gh-fix'] a.charts");
    phone.waitForText("#harvests .total", "Tổng 109 kg");

    String first = "#harvests li[data-harvest='" + mistyped + "']";
    phone.click(first + " details summary");
    phone.setValue(first + " input[name=kg]", "9.5");
    phone.setValue(first + " input[name=note]", "gõ nhầm 99");
    phone.click(first + " button[type=submit]");
    phone.waitForText("#harvests .total", "Tổng 19,5 kg");

    String second = "#harvests li[data-harvest='" + twice + "']";
    phone.click(second + " details summary");
    phone.click(second + " button.void");
    phone.waitForText("#harvests .total", "Tổng 15,5 kg");
    assertThat(phone.texts("#harvests .list li .what")).as("the voided record leaves the list")
        .noneMatch(t -> t.contains("4 kg"));
    phone.screenshotOf("#harvests", "13-harvest-corrected");

    io.restassured.path.json.JsonPath history = Api.admin().when().get(harvests + "/" + mistyped).then()
        .statusCode(200).extract().jsonPath();
    assertThat(history.getList("history.harvest.kg", Float.class)).containsExactly(99f, 9.5f);
    assertThat(history.getString("history[1].note")).isEqualTo("gõ nhầm 99");
    assertThat(history.getString("history[1].changedBy")).isEqualTo(GROWER);
    Api.admin().when().get(harvests + "/" + twice).then().body("harvest.harvest.voided",
        org.hamcrest.Matchers.equalTo(true));
  }

  @Test
  void anOfficerSeesHarvestsButNoCorrection() {
    comparedCooperative();
    logInAs(OFFICER, null);
    phone.click(".tile[data-device='phone-compare-a'] a.charts");
    phone.waitForTextContaining("#harvests .list li .what", "200 kg");
    assertThat(phone.script("return [...document.querySelectorAll('#harvests .list details')].every(d => d.hidden)"))
        .isEqualTo(true);
    assertThat(phone.script("return document.getElementById('harvest-form').hidden")).isEqualTo(true);
  }

  /** Enters a harvest of today as the administrator and returns its id. */
  private static long harvest(String path, double kg) {
    return Api.admin().contentType(ContentType.JSON).body(Map.of("harvestedOn", today().toString(), "kg", kg))
        .when().post(path).then().statusCode(201).extract().jsonPath().getLong("id");
  }

  @Test
  void farmerStartsACropCycleFromThePhoneAndSeesItOnTheTileAndTheScreen() {
    long house = growersGreenhouse("Nhà lưới cà chua Bắc Kạn", "phone-gh-start");
    logInAs(GROWER, null);
    String tile = ".tile[data-device='phone-gh-start']";
    phone.click(tile + " a.charts");
    phone.waitForText("#cycles .open-cycles li.empty", "Chưa có vụ nào.");
    assertThat(phone.attribute("#cycle-start", "open")).as("the start form opens by itself on bare ground")
        .isNotNull();

    phone.choose("#cycle-start-form select[name=crop]", "tomato");
    phone.setValue("#cycle-start-form input[name=plantedOn]", today().minusDays(10).toString());
    phone.type("#cycle-start-form input[name=variety]", "Savior");
    phone.type("#cycle-start-form input[name=areaM2]", "200");
    phone.screenshotOf("#cycles", "9-start-a-crop-cycle");
    phone.click("#cycle-start-form button[type=submit]");

    phone.waitForText("#cycles li.cycle .line", "Cà chua Savior · ngày 10 · Cây con");
    phone.waitForText("#detail-crop", "Cà chua Savior · ngày 10 · Cây con");
    assertThat(phone.text("#cycles li.cycle .info")).endsWith("· 200 m²");
    phone.waitForNone("#cycle-start[open]");
    phone.click("#back");
    phone.waitForText(tile + " .crop", "Cà chua Savior · ngày 10 · Cây con");
    Api.admin().when().get("/api/greenhouses/" + house + "/crop-cycles").then().statusCode(200)
        .body("size()", org.hamcrest.Matchers.equalTo(1))
        .body("[0].crop", org.hamcrest.Matchers.equalTo("tomato"))
        .body("[0].areaM2", org.hamcrest.Matchers.equalTo(200.0f))
        .body("[0].updatedBy", org.hamcrest.Matchers.equalTo(GROWER));
  }

  @Test
  void farmerCorrectsTheVarietySeesTheSeasonReportAndEndsTheSeason() {
    long house = growersGreenhouse("Nhà màng cà chua Chợ Mới", "phone-gh-season");
    long id = cycle(house, Map.of("crop", "tomato", "variety", "Savior", "areaM2", 200,
        "plantedOn", today().minusDays(20).toString()));
    logInAs(GROWER, null);
    phone.click(".tile[data-device='phone-gh-season'] a.charts");
    String item = "#cycles li.cycle[data-cycle='" + id + "']";

    phone.click(item + " details.correct summary");
    phone.type(item + " input[name=variety]", "Savior F1");
    phone.click(item + " button[type=submit]");
    phone.waitForText(item + " .line", "Cà chua Savior F1 · ngày 20 · Cây con");
    phone.waitForText(item + " .notice", "Đã lưu.");

    phone.waitForText("#season dd[data-figure='yield']", "0 kg · 0,00 kg/m²");
    phone.type("#harvest-kg", "50");
    phone.click("#harvest-form button[type='submit']");
    phone.waitForText("#season dd[data-figure='yield']", "50 kg · 0,25 kg/m²");
    assertThat(phone.text("#season .which")).startsWith("Cà chua Savior F1 · ").endsWith(" – nay · 21 ngày");
    assertThat(phone.text("#season dd[data-figure='gdd']")).matches("\\d+ °C·ngày · \\d+/21 ngày có số liệu");
    assertThat(phone.text("#season dd[data-figure='water']")).as("no metered run: no L/kg").isEqualTo("0 L");
    assertThat(phone.text("#season dd[data-figure='events']")).isEqualTo("0 / 0");
    phone.waitForText("#season .season-chart figcaption", "Nước tưới và nhu cầu nước của cây (ETc) mỗi ngày, lít");
    phone.text("#season .season-chart canvas");
    String csv = phone.attribute("#season a.csv", "href");
    assertThat(csv).isEqualTo("/api/greenhouses/" + house + "/crop-cycles/" + id + "/report?format=csv");
    PhoneBrowser.Answer days = phone.fetch(csv);
    assertThat(days.status()).isEqualTo(200);
    assertThat(days.body()).contains("date,dayAfterPlanting,stage");
    phone.screenshotOf("#season", "10-season-report-card");

    phone.click(item + " details.correct summary");
    phone.setValue(item + " input[name=endedOn]", today().toString());
    phone.click(item + " button[type=submit]");
    String past = "#cycles .past-cycles li[data-cycle='" + id + "']";
    phone.waitForTextContaining(past, "Cà chua Savior F1 · ");
    phone.waitForNone(item);
    phone.text("#cycle-start[open] #cycle-start-form");
    phone.waitForNone("#detail-crop");
    phone.click(past + " button");
    phone.waitForText("#season dd[data-figure='yield']", "50 kg · 0,25 kg/m²");
    assertThat(phone.text("#season .which")).doesNotContain("nay");
    phone.screenshotOf("#cycles", "10-season-ended");
    Api.admin().when().get("/api/greenhouses/" + house + "/crop-cycles/" + id).then().statusCode(200)
        .body("cycle.variety", org.hamcrest.Matchers.equalTo("Savior F1"))
        .body("cycle.endedOn", org.hamcrest.Matchers.equalTo(today().toString()))
        .body("history.size()", org.hamcrest.Matchers.equalTo(3));
  }

  @Test
  void aCorrectionSomeoneElseMadeFirstIsShownAndTheLatestVersionReloaded() {
    long house = growersGreenhouse("Nhà lưới dưa chuột", "phone-gh-conflict");
    long id = cycle(house, Map.of("crop", "cucumber", "plantedOn", today().minusDays(5).toString()));
    logInAs(GROWER, null);
    phone.click(".tile[data-device='phone-gh-conflict'] a.charts");
    String item = "#cycles li.cycle[data-cycle='" + id + "']";
    phone.click(item + " details.correct summary");
    phone.type(item + " input[name=variety]", "Taki");

    Api.admin().contentType(ContentType.JSON).body(Map.of("revision", 1, "variety", "Sato")).when()
        .patch("/api/greenhouses/" + house + "/crop-cycles/" + id).then().statusCode(200);
    phone.click(item + " button[type=submit]");

    phone.waitForTextContaining(item + " .notice.conflict", "Người khác vừa sửa vụ này trước bạn");
    phone.waitForText(item + " .line", "Dưa chuột Sato · ngày 5 · Cây con");
    assertThat(phone.script("return document.querySelector(arguments[0]).value", item + " input[name=variety]"))
        .as("the form shows the other person's correction").isEqualTo("Sato");
    phone.screenshotOf(item, "11-correction-conflict");

    phone.click(item + " details.correct summary");
    phone.choose(item + " select[name=stage]", "development");
    phone.click(item + " button[type=submit]");
    phone.waitForText(item + " .line", "Dưa chuột Sato · ngày 5 · Leo giàn (ghi tại vườn)");
    Api.admin().when().get("/api/greenhouses/" + house + "/crop-cycles/" + id).then()
        .body("cycle.stage.recorded", org.hamcrest.Matchers.equalTo(true))
        .body("cycle.revision", org.hamcrest.Matchers.equalTo(3));
  }

  @Test
  void aRefusedCorrectionNamesTheFieldAtFaultNextToTheForm() {
    long house = growersGreenhouse("Nhà lưới xà lách", "phone-gh-refused");
    long id = cycle(house, Map.of("crop", "lettuce", "plantedOn", today().minusDays(3).toString()));
    logInAs(GROWER, null);
    phone.click(".tile[data-device='phone-gh-refused'] a.charts");
    String item = "#cycles li.cycle[data-cycle='" + id + "']";
    phone.click(item + " details.correct summary");

    phone.setValue(item + " input[name=expectedHarvest]", today().minusDays(10).toString());
    phone.click(item + " button[type=submit]");

    phone.waitForTextContaining(item + " .error", "Không lưu được: Dự kiến thu hoạch — ");
    assertThat(phone.text(item + " .error")).contains("comes before plantedOn " + today().minusDays(3));
    assertThat(phone.attribute(item + " input[name=expectedHarvest]", "aria-invalid")).isEqualTo("true");
    phone.screenshotOf(item, "12-correction-refused");
    Api.admin().when().get("/api/greenhouses/" + house + "/crop-cycles/" + id).then()
        .body("cycle.revision", org.hamcrest.Matchers.equalTo(1));
  }

  @Test
  void managerComparesTheCooperativesSeasonsAsBarsAndOpensAGreenhouseFromOne() {
    comparedCooperative();
    logInAs(MANAGER, null);

    phone.click("#reports-link");
    phone.waitForText("#reports-title", "Báo cáo mùa vụ");
    String kgBars = "#reports .bars[data-metric='kgPerM2'] li";
    phone.waitForTexts(kgBars + " .meter b", "2,00", "1,00");
    assertThat(phone.script("return [...document.querySelectorAll(arguments[0])].map(i => i.style.width)",
        kgBars + " .meter i")).isEqualTo(List.of("100%", "50%"));
    assertThat(phone.texts(kgBars + " .label").get(0)).startsWith("Nhà kính cà chua · Cà chua Savior · ");
    phone.waitForTexts("#reports .bars[data-metric='litresPerKg'] li .meter b", "chưa có", "chưa có");
    assertThat(phone.texts("#seasons-list li .figures").get(0)).startsWith("200 kg · 2,00 kg/m² · 0 L");
    phone.waitForNone("#filter-coop-box");
    phone.screenshot("13-season-comparison-bars");
    phone.screenshotOf("#seasons-list", "13-season-comparison-list");

    for (String link : List.of("#dl-seasons", "#dl-harvests", "#dl-open")) {
      PhoneBrowser.Answer csv = phone.fetch(phone.attribute(link, "href"));
      assertThat(csv.status()).as(link).isEqualTo(200);
      assertThat(csv.body()).as(link).contains(",");
    }
    assertThat(phone.attribute("#dl-seasons", "href")).isEqualTo("/api/reports/seasons?format=csv");

    phone.choose("#filter-crop", "cucumber");
    phone.waitForTexts(kgBars + " .meter b", "1,00");
    assertThat(phone.attribute("#dl-seasons", "href")).isEqualTo("/api/reports/seasons?crop=cucumber&format=csv");
    phone.click(kgBars + " a");
    phone.waitForText("#detail-name", "Nhà màng dưa chuột");
    phone.click("#back");
    phone.waitForText("#reports-title", "Báo cáo mùa vụ");
  }

  @Test
  void officerReadsTheReportsOfTheProvinceButSeesNoCropCycleForms() {
    comparedCooperative();
    logInAs(OFFICER, null);
    phone.click("#lang");

    phone.click("#reports-link");
    phone.waitForText("#reports-title", "Season reports");
    phone.waitForTexts("#reports .bars[data-metric='kgPerM2'] li .meter b", "2.00", "1.00");
    phone.text("#filter-coop-box");
    phone.screenshot("14-season-comparison-english");

    phone.click("#reports .bars[data-metric='kgPerM2'] li a");
    phone.waitForText("#detail-name", "Nhà kính cà chua");
    phone.waitForText("#season dd[data-figure='yield']", "200 kg · 2.00 kg/m²");
    phone.waitForText("#cycles li.cycle .line", "Tomato Savior · day 90 · Flowering and fruit set");
    phone.waitForNone("#cycle-start");
    phone.waitForNone("#cycles details.correct");
    phone.waitForNone("#harvest-form");
    phone.screenshotOf("#season", "14-officer-season-report-english");
  }

  @Test
  void withTheLargeFontSettingTheCropCycleFormsAndReportsStayAFingerWide() {
    comparedCooperative();
    logInAs(MANAGER, null);
    phone.script("document.documentElement.style.fontSize = '150%'");
    phone.click(".tile[data-device='phone-compare-a'] a.charts");
    phone.click("#cycles li.cycle details.correct summary");
    phone.text("#season dd[data-figure='yield']");
    assertFitsAndFingerWide("greenhouse screen");
    phone.screenshotOf("#season", "15-large-font-season-report");
    phone.screenshotOf("#cycles", "15-large-font-crop-cycle-forms");

    phone.click("#reports-link");
    phone.texts("#reports .bars[data-metric='kgPerM2'] li .meter b");
    assertFitsAndFingerWide("reports screen");
    phone.screenshot("15-large-font-reports");
  }

  @Test
  void aGreenhouseWithAControllerPerBayShowsATileForEachBayAndItsOwnCharts() throws Exception {
    long house = growersGreenhouse("Nhà kính hai gian", "phone-bay-a");
    Api.admin().contentType(ContentType.JSON).body(Map.of("greenhouseId", house)).when()
        .post("/api/devices/phone-bay-b/credentials").then().statusCode(201);
    for (String[] z : new String[][] {{"Gian A", "phone-bay-a"}, {"Gian B", "phone-bay-b"}}) {
      Api.admin().contentType(ContentType.JSON).body(Map.of("name", z[0], "deviceId", z[1], "inputs",
          List.of("air"))).when().post("/api/greenhouses/" + house + "/zones").then().statusCode(201);
    }
    java.time.Instant at = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    try (MqttParties mqtt = new MqttParties(FarmCloudTestResource.mqttPort)) {
      for (Object[] d : new Object[][] {{"phone-bay-a", 21.5}, {"phone-bay-b", 29.0}}) {
        mqtt.publish("farm/v1/" + d[0] + "/telemetry", """
            {"deviceId":"%s","bootId":"b1","seq":1,"readings":[
              {"sensor":"air","quantity":"air_temperature","value":%s,"unit":"°C","at":"%s"}]}
            """.formatted(d[0], d[1], at));
      }
      // Bay B's air sensor fails: its tile counts the alert, bay A's does not.
      mqtt.publish("farm/v1/phone-bay-b/events", """
          {"deviceId":"phone-bay-b","seq":1,"type":"sensor.fault","severity":"warning","at":"%s",
           "message":"input air (sht31) failed: NO_DEVICE: no answer at 0x44",
           "about":{"input":"air","kind":"NO_DEVICE"}}
          """.formatted(at));
    }
    String a = ".tile[data-device='phone-bay-a']";
    String b = ".tile[data-device='phone-bay-b']";
    logInAs(GROWER, null);

    phone.waitForText(a + " .name", "Nhà kính hai gian · Gian A");
    phone.waitForText(b + " .name", "Nhà kính hai gian · Gian B");
    phone.waitForText(a + " dd[data-quantity='air_temperature']", "21,5 °C");
    phone.waitForText(b + " dd[data-quantity='air_temperature']", "29,0 °C");
    phone.waitForText(b + " .alert-count", "1 cảnh báo");
    phone.waitForTextContaining("#alerts li.alert[data-kind='sensor_fault'] .text",
        "Nhà kính hai gian (phone-bay-b): cảm biến air bị lỗi");
    phone.waitForNone(a + " .alert-count");
    phone.screenshot("16-a-tile-for-each-bay");

    phone.click(b + " a.charts");
    phone.waitForText("#detail-name", "Nhà kính hai gian · Gian B");
    assertThat(phone.script("return location.hash")).isEqualTo("#/g/" + house + "/phone-bay-b");
    phone.waitForNone("#chart-status:not([hidden])");
    assertThat(phone.script("return performance.getEntriesByType('resource').map(e => e.name)"
        + ".filter(n => n.includes('/series?'))").toString()).contains("/api/devices/phone-bay-b/series")
        .doesNotContain("/api/devices/phone-bay-a/series");
    phone.screenshot("16-the-charts-of-one-bay");
  }

  private void assertFitsAndFingerWide(String screen) {
    Object wider = phone.script("return [...document.querySelectorAll('body *')].filter(e => e.offsetParent !== null"
        + " && e.getBoundingClientRect().right > arguments[0] + 0.5 && e.children.length === 0)"
        + ".map(e => e.outerHTML.slice(0, 100)).slice(0, 5)", WIDE);
    assertThat(phone.script("return [window.innerWidth, document.documentElement.scrollWidth]"))
        .as("viewport width and page width of the %s at 150 %% (wider: %s)", screen, wider)
        .isEqualTo(List.of(WIDE, WIDE));
    @SuppressWarnings("unchecked") List<String> small = (List<String>) phone.script(
        "return [...document.querySelectorAll("
            + "'button, a, select, input, summary')].filter(e => e.offsetParent !== null)"
            + ".map(e => [e, e.getBoundingClientRect()]).filter(([e, r]) => r.width < 44 || r.height < 44)"
            + ".map(([e, r]) => e.outerHTML.slice(0, 80) + ' ' + Math.round(r.width) + 'x' + Math.round(r.height))");
    assertThat(small).as("controls of the %s smaller than 44 × 44 CSS px", screen).isEmpty();
  }
}
