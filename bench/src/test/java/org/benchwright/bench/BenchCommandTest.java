package org.benchwright.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BenchCommandTest {

  @Test
  void helpListsTheBenchesTheDocsName() {
    StringWriter out = new StringWriter();
    CommandLine cli = new CommandLine(new BenchCommand()).setOut(new PrintWriter(out));

    assertThat(cli.execute("--help")).isZero();

    // docs/performance.md and README name these as `bin/benchwright bench <name>`.
    assertThat(out.toString()).contains("sandbox", "export", "backup", "mesh", "fork", "api");
  }

  @Test
  void theForkBenchRunsSmallAndReportsItsFigures(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
    StringWriter out = new StringWriter();
    CommandLine cli = new CommandLine(new BenchCommand()).setOut(new PrintWriter(out));

    int code = cli.execute("fork", "--events", "4000", "--files", "20", "--dir", dir.toString());

    assertThat(code).as("%s", out).isZero();
    assertThat(out.toString())
        .contains("forked at 2,000")
        .contains("a fork that copies")
        .contains("to its own first step")
        .contains("20 files at the fork point");
  }

  @Test
  void anUnknownBenchIsAnErrorEvenWithHelp() {
    assertThat(BenchCommand.execute("nosuch", "--help")).isEqualTo(2);
    assertThat(BenchCommand.execute("nosuch")).isEqualTo(2);
    assertThat(BenchCommand.execute("experiments", "--help")).isZero();
  }
}
