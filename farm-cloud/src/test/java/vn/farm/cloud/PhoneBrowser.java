package vn.farm.cloud;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium, headless, in a small phone's viewport (360 × 780) and preferring Vietnamese, driven through its
 * chromedriver. Every read waits for its condition and tries again when the dashboard has redrawn the element
 * meanwhile (it rebuilds a list when its items change); a wait that times out first saves what the page showed.
 * Screenshots go to {@code target/browser-screenshots}, which CI keeps. The browser's console is kept, so that a test
 * can check that the page broke none of the server's Content-Security-Policy ({@link #policyViolations}). Not
 * thread-safe; close it to end the browser and its driver.
 */
final class PhoneBrowser implements AutoCloseable {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  /** Relative to the module folder, where Surefire runs the tests. */
  static final Path SCREENSHOTS = Path.of("target", "browser-screenshots");
  /** The narrowest common phone: what fits here fits the larger ones. */
  static final int WIDTH_PX = 360;
  static final int HEIGHT_PX = 780;
  /** Longest wait for any condition: covers a command's trip to the simulated edge and back on a busy machine. */
  private static final Duration PATIENCE = Duration.ofSeconds(30);

  private final ChromeDriverService service;
  private final ChromeDriver driver;
  private final WebDriverWait wait;
  private final String testName;

  private PhoneBrowser(ChromeDriverService service, ChromeDriver driver, String testName) {
    this.service = service;
    this.driver = driver;
    this.testName = testName;
    this.wait = new WebDriverWait(driver, PATIENCE);
    wait.ignoring(StaleElementReferenceException.class);
  }

  /**
   * Starts the browser for the test {@code testName}, which names the screenshot of a wait that timed out.
   *
   * @throws IllegalStateException when Chromium or chromedriver is not installed, saying how to install them
   */
  static PhoneBrowser open(String testName) {
    for (Path program : List.of(CHROMIUM, CHROMEDRIVER)) {
      if (!Files.isExecutable(program)) {
        throw new IllegalStateException(program + " is missing: the browser tests (-Pbrowser) drive Debian's "
            + "Chromium through its chromedriver; install both with "
            + "`sudo apt-get install chromium chromium-driver`, or run the build without -Pbrowser");
      }
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--lang=vi",
        // Chromium will not start its sandbox as root, which CI containers are.
        "--no-sandbox",
        // Containers often give /dev/shm only 64 MB, too little for a renderer.
        "--disable-dev-shm-usage");
    options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "vi-VN,vi"));
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
    // A headless window is at least 500 px wide, so the phone is emulated: its viewport, a cheap phone's pixel
    // density, touch, and the page's meta viewport honoured.
    options.setExperimentalOption("mobileEmulation", Map.of("deviceMetrics",
        Map.of("width", WIDTH_PX, "height", HEIGHT_PX, "pixelRatio", 2.0)));
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
    try {
      return new PhoneBrowser(service, new ChromeDriver(service, options), testName);
    } catch (RuntimeException e) {
      service.stop();
      throw e;
    }
  }

  /** Loads {@code url} and returns once the page has loaded. */
  void get(URL url) {
    driver.get(url.toString());
  }

  /** Waits until {@code condition} returns something other than null or false, and returns it. */
  <T> T until(String what, Function<WebDriver, T> condition) {
    try {
      return wait.withMessage(what).until(condition);
    } catch (TimeoutException e) {
      Path shot = screenshot("timed-out-" + testName);
      throw new TimeoutException(e.getMessage() + "\nThe page then: " + shot.toAbsolutePath(), e);
    }
  }

  /** Waits until an element matches {@code css} and is displayed, and returns its text. */
  String text(String css) {
    return until("an element shown at " + css, d -> {
      WebElement element = ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)).apply(d);
      return element == null ? null : element.getText();
    });
  }

  /** Waits until at least one element matches {@code css}, and returns the texts of all that do. */
  List<String> texts(String css) {
    return until("elements at " + css, d -> {
      List<String> texts = d.findElements(By.cssSelector(css)).stream().map(WebElement::getText).toList();
      return texts.isEmpty() ? null : texts;
    });
  }

  /** Waits until the elements at {@code css} read {@code texts} exactly, in that order. */
  void waitForTexts(String css, String... texts) {
    List<String> expected = List.of(texts);
    until(expected + " at " + css, d -> d.findElements(By.cssSelector(css)).stream().map(WebElement::getText)
        .toList().equals(expected));
  }

  /** Waits until the element at {@code css} reads {@code text} exactly. */
  void waitForText(String css, String text) {
    until("'" + text + "' at " + css, ExpectedConditions.textToBe(By.cssSelector(css), text));
  }

  /** Waits until the element at {@code css} contains {@code fragment} in its text. */
  void waitForTextContaining(String css, String fragment) {
    until("'" + fragment + "' within " + css,
        ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), fragment));
  }

  /** Waits until no element shown on the page matches {@code css}. */
  void waitForNone(String css) {
    until("nothing shown at " + css, d -> d.findElements(By.cssSelector(css)).stream()
        .noneMatch(WebElement::isDisplayed));
  }

  /** Waits until the drop-down at {@code css} is shown and enabled, and picks the option of {@code value}. */
  void choose(String css, String value) {
    until("a drop-down at " + css, d -> {
      WebElement element = ExpectedConditions.elementToBeClickable(By.cssSelector(css)).apply(d);
      if (element == null) {
        return false;
      }
      new org.openqa.selenium.support.ui.Select(element).selectByValue(value);
      return true;
    });
  }

  /** Waits until the element at {@code css} is shown and enabled, and clicks it. */
  void click(String css) {
    until("a clickable element at " + css, d -> {
      WebElement element = ExpectedConditions.elementToBeClickable(By.cssSelector(css)).apply(d);
      if (element == null) {
        return false;
      }
      element.click();
      return true;
    });
  }

  /** Waits until the field at {@code css} is shown, and types {@code text} into it. */
  void type(String css, String text) {
    until("a field at " + css, d -> {
      WebElement field = ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)).apply(d);
      if (field == null) {
        return false;
      }
      field.clear();
      field.sendKeys(text);
      return true;
    });
  }

  /**
   * Waits until the field at {@code css} is shown, and sets its value as a person picking it would (for date
   * fields, whose typed form depends on the browser's locale), firing its input and change events.
   */
  void setValue(String css, String value) {
    until("a field at " + css, d -> {
      WebElement field = ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)).apply(d);
      if (field == null) {
        return false;
      }
      ((JavascriptExecutor) d).executeScript("arguments[0].value = arguments[1];"
          + "arguments[0].dispatchEvent(new Event('input', { bubbles: true }));"
          + "arguments[0].dispatchEvent(new Event('change', { bubbles: true }));", field, value);
      return true;
    });
  }

  /** Waits until the element at {@code css} is shown and returns its attribute {@code name} (null when absent). */
  String attribute(String css, String name) {
    return until("an element shown at " + css, d -> {
      WebElement element = ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)).apply(d);
      return element == null ? null : java.util.Optional.ofNullable(element.getDomAttribute(name));
    }).orElse(null);
  }

  /** Scrolls the element at {@code css} to the top of the screen, then saves a screenshot as {@link #screenshot}. */
  Path screenshotOf(String css, String name) {
    text(css);
    script("document.querySelector(arguments[0]).scrollIntoView({ block: 'start' });"
        + "window.scrollBy(0, -document.querySelector('.bar').offsetHeight);", css);
    return screenshot(name);
  }

  /** Runs {@code script} in the page and returns what it returns. */
  Object script(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  /**
   * Runs {@code script} in the page as the body of an async function and returns what its promise resolves to
   * (for a module's function: {@code return (await import(…)).f()}).
   */
  Object awaitScript(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeAsyncScript(
        "const done = arguments[arguments.length - 1];"
            + "(async (...args) => { " + script + " })(...[...arguments].slice(0, -1))"
            + ".then(done, e => done('failed: ' + e));", args);
  }

  /** Waits until at least one element matches {@code css}, and returns the accessible name of each that does. */
  List<String> accessibleNames(String css) {
    return until("elements at " + css, d -> {
      List<String> names = d.findElements(By.cssSelector(css)).stream().map(WebElement::getAccessibleName).toList();
      return names.isEmpty() ? null : names;
    });
  }

  /** Cuts the page off the network (as a phone without signal: navigator.onLine false), or connects it again. */
  void offline(boolean offline) {
    driver.executeCdpCommand("Network.enable", Map.of());
    driver.executeCdpCommand("Network.emulateNetworkConditions", Map.of("offline", offline, "latency", 0,
        "downloadThroughput", -1, "uploadThroughput", -1));
  }

  /** An answer to {@link #fetch}. */
  record Answer(int status, String body) {}

  /** Fetches {@code path} from the page, as its own code would: same origin, with the page's cookies. */
  Answer fetch(String path) {
    Object answer = ((JavascriptExecutor) driver).executeAsyncScript(
        "const done = arguments[arguments.length - 1];"
            + "fetch(arguments[0]).then(r => r.text().then(body => done([r.status, body])),"
            + " e => done([0, String(e)]));", path);
    List<?> pair = (List<?>) answer;
    return new Answer(((Number) pair.get(0)).intValue(), (String) pair.get(1));
  }

  /**
   * Returns what the browser's console said about the page breaking its Content-Security-Policy (an inline style or
   * script refused, an eval) since the last call, across every page loaded meanwhile.
   */
  List<String> policyViolations() {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::getMessage)
        .filter(m -> m.contains("Content Security Policy") || m.contains("Content-Security-Policy")).toList();
  }

  /** Saves what the page shows now as {@code target/browser-screenshots/{name}.png} and returns the file. */
  Path screenshot(String name) {
    Path file = SCREENSHOTS.resolve(name + ".png");
    try {
      Files.createDirectories(SCREENSHOTS);
      Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save the screenshot " + file.toAbsolutePath(), e);
    }
    return file;
  }

  /** Ends the browser (and its profile folder) and its driver. */
  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      service.stop();
    }
  }
}
