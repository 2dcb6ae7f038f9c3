package org.benchwright.engine.automl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.sandbox.ExecResult;
import org.benchwright.engine.sandbox.Termination;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checks made before and after profiling: a file that fails one stores nothing (no row, no
 * blob). The profiling itself runs in the ml sandbox (DatasetImportIT); here the sandbox answers as
 * the harness does when it refuses a file, so the engine's side of that is shown too.
 */
class DatasetImportTest {

  @TempDir Path dir;

  private final AtomicInteger sandboxCalls = new AtomicInteger();

  /** Answers every command as the harness answers a file it refuses: exit 2 and its one line. */
  private MlSandbox refusing(String message) {
    return (inputs, command, timeout, fetch, into) -> {
      sandboxCalls.incrementAndGet();
      return new ExecResult(
          List.of("sh", "-c", command),
          2,
          new byte[0],
          ("bw_automl: " + message + "\n").getBytes(StandardCharsets.UTF_8),
          false,
          false,
          Duration.ofMillis(300),
          Termination.EXIT,
          false,
          null);
    };
  }

  @Test
  void anEmptyFileIsRefusedBeforeAnySandboxStarts() throws Exception {
    try (Project p = Project.create(dir.resolve("p.bwproj"))) {
      Path empty = Files.createFile(dir.resolve("empty.csv"));
      assertThatThrownBy(() -> new DatasetImport(p, refusing("x")).add(empty, null, null))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("empty.csv: the file is empty.");
      assertThat(sandboxCalls).hasValue(0);
      assertThat(p.datasets().list()).isEmpty();
    }
  }

  @Test
  void anUnknownFormatAndAMissingFileAreNamed() throws Exception {
    try (Project p = Project.create(dir.resolve("p.bwproj"))) {
      Path xls = Files.writeString(dir.resolve("sales.xlsx"), "a,b\n1,2\n");
      assertThatThrownBy(() -> new DatasetImport(p, refusing("x")).add(xls, null, null))
          .hasMessageStartingWith("sales.xlsx: not a dataset file this tool reads (CSV:");
      assertThatThrownBy(
              () -> new DatasetImport(p, refusing("x")).add(dir.resolve("nope.csv"), null, null))
          .hasMessageStartingWith("No file ");
      assertThat(sandboxCalls).hasValue(0);
    }
  }

  @Test
  void aFileOverTheCapsIsRefusedNamingTheSetting() throws Exception {
    try (Project p = Project.create(dir.resolve("p.bwproj"))) {
      p.settings().put("sandbox.sync.max_total_mb", "65");
      Path big = dir.resolve("big.csv");
      try (var out = Files.newOutputStream(big)) {
        byte[] row = "1.0,2.0,3.0,4.0\n".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < 80_000; i++) {
          out.write(row);
        }
      }
      assertThatThrownBy(() -> new DatasetImport(p, refusing("x")).add(big, null, null))
          .hasMessage(
              "big.csv is 1.2 MB; a run's files may hold at most 65.0 MB together, with 64.0 MB"
                  + " kept for results (setting sandbox.sync.max_total_mb).");
      p.settings().remove("sandbox.sync.max_total_mb");
      p.settings().put("sandbox.limits.automl", "{\"workspaceMb\": 65}");
      assertThatThrownBy(() -> new DatasetImport(p, refusing("x")).add(big, null, null))
          .hasMessage(
              "big.csv is 1.2 MB; the sandbox's workspace holds at most 65.0 MB, with 64.0 MB"
                  + " kept for results (setting sandbox.limits.automl, workspaceMb).");
      assertThat(sandboxCalls).hasValue(0);
      assertThat(p.datasets().list()).isEmpty();
    }
  }

  @Test
  void aFileTheHarnessRefusesStoresNothingAndShowsItsMessage() throws Exception {
    try (Project p = Project.create(dir.resolve("p.bwproj"))) {
      Path one = Files.writeString(dir.resolve("one.csv"), "y\n1\n2\n");
      assertThatThrownBy(
              () ->
                  new DatasetImport(
                          p, refusing("only one column: a dataset needs features and a target"))
                      .add(one, null, null))
          .hasMessage("one.csv: only one column: a dataset needs features and a target");
      assertThat(sandboxCalls).hasValue(1);
      assertThat(p.datasets().list()).isEmpty();
      assertThat(
              p.blobs()
                  .size(
                      org.benchwright.engine.project.BlobStore.addressOf(Files.readAllBytes(one))))
          .isEmpty();
    }
  }

  @Test
  void aNameInUseIsRefusedBeforeProfiling() throws Exception {
    try (Project p = Project.create(dir.resolve("p.bwproj"))) {
      p.datasets()
          .add(
              new org.benchwright.engine.project.Datasets.NewDataset(
                  "iris",
                  "iris.csv",
                  "csv",
                  storedBlob(p),
                  3,
                  1,
                  2,
                  "{}",
                  "y",
                  "binary",
                  "r",
                  false));
      Path f = Files.writeString(dir.resolve("iris.csv"), "a,y\n1,0\n2,1\n");
      assertThatThrownBy(() -> new DatasetImport(p, refusing("x")).add(f, null, null))
          .hasMessage("A dataset named 'iris' exists already; choose another with --name.");
      assertThat(sandboxCalls).hasValue(0);
    }
  }

  private static String storedBlob(Project p) {
    return p.blobs().put("a,y\n".getBytes(StandardCharsets.UTF_8));
  }
}
