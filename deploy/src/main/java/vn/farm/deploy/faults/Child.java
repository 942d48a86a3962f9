package vn.farm.deploy.faults;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A process the suite starts, stops with SIGTERM or kills with SIGKILL; its output goes to a log file. */
final class Child implements AutoCloseable {
  private final String name;
  private final Process process;

  private Child(String name, Process process) {
    this.name = name;
    this.process = process;
  }

  static Child start(String name, List<String> command, Map<String, String> env, Path log) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().putAll(env);
    return new Child(name, builder.start());
  }

  boolean alive() {
    return process.isAlive();
  }

  /** SIGKILL, and waits until the process is gone. */
  void kill() throws InterruptedException {
    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
  }

  /** SIGTERM, waiting up to {@code seconds} before a SIGKILL; returns true when it stopped by itself. */
  boolean stop(int seconds) throws InterruptedException {
    if (!process.isAlive()) {
      return true;
    }
    process.destroy();
    if (process.waitFor(seconds, TimeUnit.SECONDS)) {
      return true;
    }
    kill();
    return false;
  }

  @Override
  public void close() throws InterruptedException {
    stop(30);
  }

  @Override
  public String toString() {
    return name + " (pid " + process.pid() + ")";
  }
}
