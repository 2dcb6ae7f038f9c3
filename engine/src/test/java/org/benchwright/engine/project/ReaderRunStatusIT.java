package org.benchwright.engine.project;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.benchwright.engine.cli.BenchwrightCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What readers say about a run whose process died, and about one that is alive. */
class ReaderRunStatusIT {

  @TempDir Path dir;

  @Test
  void aRunWhoseProcessWasKilledIsInterruptedForReaders() throws Exception {
    Path file = dir.resolve("p.bwproj");
    Project.create(file).close();
    long run;
    try (ChildProcess child = ChildProcess.start("running", file);
        Project reader = Project.openReadOnly(file)) {
      String ready = child.awaitLine("ready", 60_000);
      assertThat(ready).as("the child started its run").isNotNull();
      run = Long.parseLong(ready.split(" ")[1]);
      assertThat(reader.runs().find(run).orElseThrow().status()).isEqualTo(RunStatus.RUNNING);

      child.killAndDrain();

      assertThat(reader.runs().find(run).orElseThrow().status()).isEqualTo(RunStatus.INTERRUPTED);
      assertThat(reader.runs().list())
          .extracting(RunInfo::status)
          .containsExactly(RunStatus.INTERRUPTED);
    }

    assertThat(runsListing(file)).containsPattern("\\b" + run + "\\s+wf\\s+interrupted\\b");
  }

  @Test
  void aRunOfAWriterInThisProcessStaysRunningAndTheWriterKeepsItsLock() throws Exception {
    Path file = dir.resolve("p.bwproj");
    try (Project writer = Project.create(file)) {
      long run = writer.runs().create(new NewRun("wf", "alive here", "{}")).id();
      writer.runs().setStatus(run, RunStatus.RUNNING);

      try (Project reader = Project.openReadOnly(file)) {
        assertThat(reader.runs().find(run).orElseThrow().status()).isEqualTo(RunStatus.RUNNING);
      }
      assertThat(runsListing(file)).contains("running");

      // Reading must not have dropped the lock: another process still cannot write.
      try (ChildProcess other = ChildProcess.start("hold", file)) {
        assertThat(other.awaitLine("ready", 60_000)).as("a second writer got in").isNull();
      }
    }
  }

  private static String runsListing(Path file) {
    PrintStream old = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      assertThat(BenchwrightCli.run("runs", "--project", file.toString())).isZero();
    } finally {
      System.setOut(old);
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
