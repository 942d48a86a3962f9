package vn.farm.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BenchDrainCommandTest {
  @Test
  void cpuTimeOfAProcessGrowsWithTheWorkItDoes() {
    long pid = ProcessHandle.current().pid();
    long before = vn.farm.deploy.bench.BenchCloud.cpuMs(pid);
    // Spins for 300 ms of this thread's own CPU time, however busy the machine is.
    java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
    long spinUntil = threads.getCurrentThreadCpuTime() + 300_000_000L;
    double sink = 0;
    while (threads.getCurrentThreadCpuTime() < spinUntil) {
      sink += Math.sqrt(sink + 1);
    }
    assertThat(sink).isPositive();
    assertThat(before).isPositive();
    assertThat(vn.farm.deploy.bench.BenchCloud.cpuMs(pid)).isGreaterThanOrEqualTo(before + 250);
  }

  @Test
  void residentMemoryOfAProcessIsRead() {
    long pid = ProcessHandle.current().pid();
    assertThat(BenchDrainCommand.rssKb(pid, "VmRSS:")).isGreaterThan(BenchDrainCommand.rssKb(pid, "RssFile:"));
    assertThat(vn.farm.deploy.bench.BenchCloud.cpuMs(Long.MAX_VALUE)).isEqualTo(-1);
  }
}
