package vn.farm.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The drain benchmark measures the agent with the JVM options the Raspberry Pi's service runs it with. */
class AgentJvmOptionsTest {
  @Test
  void theBenchmarksAgentOptionsAreTheServices() throws IOException {
    String execStart = Files.readAllLines(Path.of("pi/farm-edge.service")).stream()
        .filter(l -> l.startsWith("ExecStart=")).findFirst().orElseThrow();
    List<String> service = Arrays.asList(execStart.split("\\s+"));
    List<String> bench = Arrays.asList(BenchDrainCommand.AGENT_JVM.split("\\s+"));
    assertThat(service).containsSubsequence(bench);
    // The one the benchmark leaves out it adds itself (--agent-cds), pointing at an archive of its own.
    assertThat(service).anyMatch(o -> o.startsWith("-XX:SharedArchiveFile="));
  }
}
