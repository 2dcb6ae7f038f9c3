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
    assertThat(out.toString()).contains("sandbox", "export", "backup", "mesh");
  }

  @Test
  void anUnknownBenchIsAnErrorEvenWithHelp() {
    assertThat(BenchCommand.execute("nosuch", "--help")).isEqualTo(2);
    assertThat(BenchCommand.execute("nosuch")).isEqualTo(2);
    assertThat(BenchCommand.execute("experiments", "--help")).isZero();
  }
}
