package org.benchwright.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The API bench at a small size: a real server on a loopback port, so an IT. */
class ApiBenchIT {

  @Test
  @Timeout(120)
  void theApiBenchRunsSmallAndReportsItsFigures(@TempDir Path dir) {
    StringWriter out = new StringWriter();
    CommandLine cli = new CommandLine(new BenchCommand()).setOut(new PrintWriter(out));

    int code =
        cli.execute(
            "api",
            "--followers",
            "5",
            "--rate",
            "40",
            "--seconds",
            "1",
            "--events",
            "3000",
            "--page",
            "500",
            "--dir",
            dir.toString());

    assertThat(code).as("%s", out).isZero();
    // Each follower checks it got every event in order; the paged reader checks for gaps.
    assertThat(out.toString())
        .contains("reference, 1 follower:")
        .containsPattern("5 followers, append->recv: +p50 +[0-9.]+ +p95")
        .contains("(200 receipts;")
        .contains("reference, EventLog.events pages of 500")
        .contains("6 pages");
  }
}
