package vn.farm.deploy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The farm cloud (Quarkus) as a child process: started from its packaged jar, stopped with SIGTERM. */
public final class CloudProcess implements AutoCloseable {
  private static final Path SETSID = Path.of("/usr/bin/setsid");
  private final Process process;
  private final Path log;

  private CloudProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /** Starts the cloud from {@code jar} with {@code env} added, logging to {@code log}. */
  public static CloudProcess start(Path jar, Map<String, String> env, Path log) throws IOException {
    if (!Files.isRegularFile(jar)) {
      throw new DemoException("the farm cloud is not built (" + jar + " is missing): run ./farm again to build it");
    }
    Files.createDirectories(log.getParent());
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command = new ArrayList<>();
    // In its own session the cloud does not get the terminal's Ctrl-C, so it keeps serving until the agents have
    // said goodbye, and is then stopped by close().
    if (Files.isExecutable(SETSID)) {
      command.add(SETSID.toString());
    }
    command.addAll(List.of(java, "-Xmx512m", "-jar", jar.toString()));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
    builder.environment().putAll(env);
    return new CloudProcess(builder.start(), log);
  }

  /** Returns the process id of the cloud's JVM ({@code setsid} runs it in its own place). */
  public long pid() {
    return process.pid();
  }

  /** Waits until the cloud answers its readiness check; throws if it exits or takes longer than {@code limit}. */
  public void awaitReady(URI base, Duration limit) throws InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    Instant deadline = Instant.now().plus(limit);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new DemoException("the farm cloud stopped during start-up (exit " + process.exitValue()
            + "); its log is " + log + lastError());
      }
      try {
        HttpResponse<Void> res = http.send(HttpRequest.newBuilder(base.resolve("/q/health/ready"))
            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
        if (res.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      process.waitFor(250, TimeUnit.MILLISECONDS);
    }
    throw new DemoException("the farm cloud was not ready within " + limit.toSeconds() + " s; its log is " + log);
  }

  private String lastError() {
    try {
      List<String> lines = Files.readAllLines(log);
      for (int i = lines.size() - 1; i >= 0; i--) {
        String line = lines.get(i);
        if (line.contains("already in use") || line.contains("ERROR")) {
          return "\n  " + line.strip();
        }
      }
    } catch (IOException ignored) {
      // the log path is already in the message
    }
    return "";
  }

  /** Returns the cloud's log file. */
  public Path log() {
    return log;
  }

  /** Returns true while the cloud runs. */
  public boolean alive() {
    return process.isAlive();
  }

  /** Kills the cloud at once with SIGKILL, as a power cut or the kernel's OOM killer would, and waits for it. */
  public void kill() throws InterruptedException {
    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
  }

  /** Stops the cloud: SIGTERM, then a forced kill if it has not stopped within 30 s. */
  @Override
  public void close() throws InterruptedException {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }
}
