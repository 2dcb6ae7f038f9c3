package org.benchwright.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.sandbox.SyncLimits;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** `run --workflow experiment-loop` with --import/--experiment/--resume refused before a run. */
class RunImportCommandTest {

  @TempDir Path dir;
  @RegisterExtension final StandardStreams std = new StandardStreams();
  private final ByteArrayOutputStream out = std.out;
  private final ByteArrayOutputStream err = std.err;
  private Path file;

  @BeforeEach
  void capture() {
    file = dir.resolve("p.bwproj");
  }

  private void createProject() {
    Project.create(file).close();
  }

  /** `run` of the experiment loop with a scripted model (no key, no Docker) and these options. */
  private int run(String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "run",
                "--project",
                file.toString(),
                "--workflow",
                "experiment-loop",
                "--task",
                "tune",
                "--model",
                "scripted:demo"));
    args.addAll(List.of(more));
    return BenchwrightCli.run(args.toArray(String[]::new));
  }

  private void assertNoRun() {
    assertThat(out.toString()).doesNotContain("started");
    try (Project p = Project.openReadOnly(file)) {
      assertThat(p.runs().list()).isEmpty();
    }
  }

  @Test
  void aMissingImportFolderExits2WithTheErrorAndRecordsNoRun() {
    createProject();
    Path missing = dir.resolve("no-such-folder");
    assertThat(run("--import", missing.toString())).isEqualTo(2);
    assertThat(err.toString())
        .startsWith("error: Cannot import ")
        .contains(missing.toString())
        .contains("it is not a folder");
    assertNoRun();
  }

  @Test
  void aMissingProjectIsNotCreatedByRun() throws Exception {
    Path missing = dir.resolve("no-such-folder");
    assertThat(run("--import", missing.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("No project at");
    assertThat(file).doesNotExist();
    try (var left = Files.list(dir)) {
      assertThat(left.toList()).isEmpty();
    }
  }

  @Test
  void aFolderOverTheProjectsFileCapExits2AndRecordsNoRun() throws Exception {
    createProject();
    try (Project p = Project.open(file)) {
      p.settings().put(SyncLimits.MAX_FILES, "1");
    }
    Path code = Files.createDirectories(dir.resolve("code"));
    Files.writeString(code.resolve("train.py"), "print('val_loss: 1.0')\n");
    Files.writeString(code.resolve("prepare.py"), "pass\n");
    assertThat(run("--import", code.toString())).isEqualTo(2);
    assertThat(err.toString())
        .contains("more than 1 files")
        .contains("setting " + SyncLimits.MAX_FILES);
    assertNoRun();
  }

  @Test
  void aMissingExperimentSpecExits2AndRecordsNoRun() throws Exception {
    createProject();
    Path code = Files.createDirectories(dir.resolve("code"));
    Files.writeString(code.resolve("train.py"), "x\n");
    Path spec = dir.resolve("nope.json");
    assertThat(run("--import", code.toString(), "--experiment", spec.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("No experiment spec file " + spec);
    assertNoRun();
  }

  @Test
  void resumeWithImportOrExperimentIsAUsageError() throws Exception {
    createProject();
    Path code = Files.createDirectories(dir.resolve("code"));
    assertThat(run("--resume", "1", "--import", code.toString())).isEqualTo(2);
    assertThat(err.toString())
        .contains("--import, --experiment and --dataset start a run; --resume continues one.");
    err.reset();
    Path spec = Files.writeString(dir.resolve("experiment.json"), "{}");
    assertThat(run("--resume", "1", "--experiment", spec.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("--resume continues one");
    assertNoRun();
  }
}
