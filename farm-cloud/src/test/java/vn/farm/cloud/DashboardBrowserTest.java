package vn.farm.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import vn.farm.sim.SimulatedGreenhouse;
import vn.farm.sim.board.Fault;

/**
 * The phone dashboard in a real browser (headless Chromium, 390 × 844, Vietnamese) against the real cloud with its
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

  private static Path dataDir;
  private static SimulatedGreenhouse greenhouse;
  private static long greenhouseId;
  private static long otherGreenhouseId;

  @TestHTTPResource("/")
  URL dashboard;

  private PhoneBrowser phone;

  /** Opens a fresh browser for each test; sets up both cooperatives and starts the farmer's greenhouse once. */
  @BeforeEach
  void browserAndGreenhouses(TestInfo test) throws Exception {
    phone = PhoneBrowser.open(test.getTestMethod().orElseThrow().getName());
    if (greenhouse == null) {
      long coop = Api.cooperative("HTX Rau sạch Bắc Kạn", "Bắc Kạn", null);
      greenhouseId = Api.greenhouse(coop, GREENHOUSE, DEVICE);
      long farmer = Api.user(FARMER, "farmer", coop, null);
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

  @AfterEach
  void closeBrowser() {
    if (phone != null) {
      phone.close();
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
    phone.get(dashboard);
    phone.type("#login-name", FARMER);
    phone.type("#login-password", Api.passwordOf(FARMER));
    if (screenshot != null) {
      phone.screenshot(screenshot);
    }
    phone.click("#login button[type=submit]");
    phone.text(TILE);
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
        .isEqualTo(List.of(390L, 390L));
    phone.screenshot("1-greenhouse-tile-live-values");
  }

  @Test
  void farmerSwitchesThePumpOnAndSeesTheEdgeConfirmIt() {
    logIn(null);
    phone.waitForText(PUMP + " .state", "Đang tắt");

    phone.click(PUMP + " button[data-action='on']");

    phone.waitForText(PUMP + " .cmd[data-status='applied']", "Thiết bị đã thực hiện");
    phone.waitForText(PUMP + " .state", "Đang bật");
    assertThat(phone.script("return document.querySelector(arguments[0]).classList.contains('on')",
        PUMP + " .state")).isEqualTo(true);
    assertThat(greenhouse.relayOn("pump")).as("the simulated board's pump relay").isTrue();
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

    greenhouse.board().inject(Fault.of("air", Fault.Kind.DISCONNECTED));

    phone.waitForTextContaining(alert + " .text", GREENHOUSE + ": cảm biến air bị lỗi");
    phone.waitForText(TILE + " .alert-count", "1 cảnh báo");
    assertThat(phone.text("#alerts h2")).isEqualTo("Cảnh báo");
    phone.screenshot("5-alert-of-a-failed-sensor");

    greenhouse.board().clear("air");

    phone.waitForNone(alert);
    phone.waitForNone(TILE + " .alert-count");
    phone.screenshot("5-alert-cleared-when-the-sensor-reads-again");
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
        .as("viewport width and page width at 150 %: nothing spills sideways").isEqualTo(List.of(390L, 390L));
    @SuppressWarnings("unchecked")
    List<String> small = (List<String>) phone.script("return [...document.querySelectorAll("
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
}
