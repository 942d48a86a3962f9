package vn.farm.deploy.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Cuts a class list that {@code -XX:DumpLoadedClassList} wrote for the agent running inside the farm command (on a
 * simulated board) down to what the agent on a Raspberry Pi loads from: the JDK's classes and those of
 * {@code edge-agent.jar} and its {@code lib/}. Classes only the farm command's class path holds (the simulator's,
 * the command line's, their libraries') are dropped; a Pi would skip them with a warning.
 */
public final class ClassListCut {
  /** The comment that heads deploy/pi/edge-agent.classlist. */
  public static final List<String> HEADER = List.of(
      "# The classes the edge agent loads while it samples, syncs and drains a full outbox backlog, in load order, for",
      "# the class-data archive that deploy/pi/farm-edge.service makes with -Xshare:dump (docs/performance.md, \"Edge",
      "# agent memory with a full backlog\"). Made by `farm bench drain --write-class-list` (-XX:DumpLoadedClassList on",
      "# OpenJDK 17 during the drain), then cut to the JDK's classes and those in edge-agent.jar and its lib/ (the",
      "# simulator's are dropped). A class listed here that a Pi does not have is skipped with a warning; one missing",
      "# from it is loaded as usual. Make it again after the agent's libraries change much.");

  private ClassListCut() {}

  /**
   * Returns the lines of {@code dumped} (a dumped class list) that the agent's jars or the JDK provide: a class
   * that {@code farmJars} hold and {@code agentJars} do not is left out; everything else, the JDK's classes and the
   * list's {@code @} lines, is kept in order. Comments are dropped.
   */
  public static List<String> cut(List<String> dumped, List<Path> agentJars, List<Path> farmJars) throws IOException {
    Set<String> agent = classesIn(agentJars);
    Set<String> onlyFarm = classesIn(farmJars);
    onlyFarm.removeAll(agent);
    List<String> kept = new ArrayList<>();
    for (String line : dumped) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String name = line.split("\\s+", 2)[0];
      if (line.startsWith("@") || !onlyFarm.contains(name)) {
        kept.add(line);
      }
    }
    return kept;
  }

  /** Returns the jars of a module's {@code target}: {@code name.jar} and those in {@code lib/}. */
  public static List<Path> jarsOf(Path target, String name) throws IOException {
    List<Path> jars = new ArrayList<>();
    jars.add(target.resolve(name));
    try (Stream<Path> lib = Files.list(target.resolve("lib"))) {
      lib.filter(p -> p.toString().endsWith(".jar")).sorted().forEach(jars::add);
    }
    return jars;
  }

  /** Writes the cut list with its header to {@code file}. */
  public static void write(Path file, List<String> lines) throws IOException {
    List<String> all = new ArrayList<>(HEADER);
    all.addAll(lines);
    Files.write(file, all, StandardCharsets.UTF_8);
  }

  private static Set<String> classesIn(List<Path> jars) throws IOException {
    Set<String> names = new HashSet<>();
    for (Path jar : jars) {
      try (ZipFile zip = new ZipFile(jar.toFile())) {
        for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements();) {
          String n = e.nextElement().getName();
          if (n.endsWith(".class") && !n.startsWith("META-INF/")) {
            names.add(n.substring(0, n.length() - ".class".length()));
          }
        }
      }
    }
    return names;
  }
}
