package vn.farm.deploy.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent's class list keeps what a Pi's agent loads from and drops what only the farm command has. */
class ClassListCutTest {
  @TempDir
  Path dir;

  @Test
  void keepsTheJdksAndTheAgentsClassesAndDropsTheFarmCommandsOwn() throws IOException {
    Path edge = jar("edge-agent.jar", "vn/farm/edge/EdgeAgent.class", "META-INF/versions/11/x/Y.class");
    Path shared = jar("jackson-core.jar", "com/fasterxml/jackson/core/JsonParser.class");
    Path sim = jar("simulator.jar", "vn/farm/sim/VirtualBoard.class");
    Path farm = jar("farm.jar", "vn/farm/deploy/FarmCommand.class");

    List<String> cut = ClassListCut.cut(List.of(
        "# a comment", "java/lang/Object", "vn/farm/deploy/FarmCommand", "vn/farm/edge/EdgeAgent",
        "com/fasterxml/jackson/core/JsonParser", "vn/farm/sim/VirtualBoard",
        "@lambda-form-invoker [LF_RESOLVE] java.lang.invoke.DirectMethodHandle$Holder invokeStatic L7_L", ""),
        List.of(edge, shared), List.of(farm, edge, shared, sim));

    assertThat(cut).containsExactly("java/lang/Object", "vn/farm/edge/EdgeAgent",
        "com/fasterxml/jackson/core/JsonParser",
        "@lambda-form-invoker [LF_RESOLVE] java.lang.invoke.DirectMethodHandle$Holder invokeStatic L7_L");
    Path file = dir.resolve("edge-agent.classlist");
    ClassListCut.write(file, cut);
    assertThat(Files.readAllLines(file)).startsWith(ClassListCut.HEADER.toArray(String[]::new)).endsWith(cut.get(3));
  }

  @Test
  void theCheckedInListIsCutSo() throws IOException {
    List<String> list = Files.readAllLines(Path.of("pi/edge-agent.classlist"));
    assertThat(list).startsWith(ClassListCut.HEADER.toArray(String[]::new));
    assertThat(list).noneMatch(l -> l.startsWith("vn/farm/sim/") || l.startsWith("vn/farm/deploy/"))
        .as("databind stays out of the agent (docs/performance.md)")
        .noneMatch(l -> l.startsWith("com/fasterxml/jackson/databind/"));
  }

  private Path jar(String name, String... entries) throws IOException {
    Path jar = dir.resolve(name);
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(jar))) {
      for (String e : entries) {
        zip.putNextEntry(new ZipEntry(e));
        OutputStream out = zip;
        out.write(0);
        zip.closeEntry();
      }
    }
    return jar;
  }
}
