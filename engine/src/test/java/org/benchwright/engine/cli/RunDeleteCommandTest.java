package org.benchwright.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.benchwright.engine.project.Event;
import org.benchwright.engine.project.EventPayload;
import org.benchwright.engine.project.EventType;
import org.benchwright.engine.project.NewRun;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.project.RecordedEvent;
import org.benchwright.engine.project.RunStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** `runs delete`: deletes a run, keeps its fork's history, and refuses with exit 2 and a reason. */
class RunDeleteCommandTest {

  @TempDir Path dir;
  @RegisterExtension final StandardStreams std = new StandardStreams();
  private final ByteArrayOutputStream out = std.out;
  private final ByteArrayOutputStream err = std.err;
  private Path file;
  private long parent;
  private long fork;

  @BeforeEach
  void project() {
    file = dir.resolve("p.bwproj");
    try (Project p = Project.create(file)) {
      parent = p.runs().create(new NewRun("wf", "parent task", "{}")).id();
      for (int i = 0; i < 4; i++) {
        p.events().append(parent, Event.of(EventType.NOTE, null, "{\"i\":" + i + "}"));
      }
      String uid = p.runs().find(parent).orElseThrow().uid();
      fork =
          p.runs()
              .fork(
                  parent,
                  2,
                  new NewRun("wf", "fork task", "{}"),
                  Event.of(
                      null, new EventPayload.Fork(uid, 2, null, null, "cli", null, false, null)))
              .id();
      p.runs().finish(parent, RunStatus.FAILED, "failed", "r", 1);
    }
  }

  private static String events(Project p, long run) {
    return p.events().stream(run).map(RecordedEvent::toString).toList().toString();
  }

  @Test
  void deletesTheRunAndItsForkKeepsWhatItShared() throws Exception {
    String before;
    try (Project p = Project.openReadOnly(file)) {
      before = events(p, fork).replace("runId=" + parent, "runId=" + fork);
    }

    int code =
        BenchwrightCli.run(
            "runs", "delete", "--project", file.toString(), "--run", String.valueOf(parent));

    assertThat(code).as("stderr: %s", err).isZero();
    assertThat(out.toString())
        .contains("Deleted run " + parent + " (wf, ")
        .contains("4 events")
        .contains("Forks [" + fork + "] now hold the 2 events they shared with it.");
    assertThat(err.toString()).isEmpty();
    try (Project p = Project.openReadOnly(file)) {
      assertThat(p.runs().find(parent)).isEmpty();
      assertThat(events(p, fork)).isEqualTo(before);
    }
    // The list is still `runs` on its own.
    out.reset();
    assertThat(BenchwrightCli.run("runs", "--project", file.toString())).isZero();
    assertThat(out.toString()).contains("fork task").doesNotContain("parent task");
  }

  @Test
  void anUnknownRunExits2WithTheReasonOnStderrAndChangesNothing() throws Exception {
    byte[] before = Files.readAllBytes(file);
    int code = BenchwrightCli.run("runs", "delete", "--project", file.toString(), "--run", "99");
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).isEqualTo("error: No run 99 in p.bwproj." + System.lineSeparator());
    assertThat(out.toString()).isEmpty();
    assertThat(Files.readAllBytes(file)).isEqualTo(before);
  }

  @Test
  void aMissingProjectIsRefusedAndNotCreated() {
    Path missing = dir.resolve("none.bwproj");
    int code = BenchwrightCli.run("runs", "delete", "--project", missing.toString(), "--run", "1");
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).startsWith("error: ").contains("No project at");
    assertThat(missing).doesNotExist();
  }

  @Test
  void aRunWaitingAtAGateIsRefused() {
    try (Project p = Project.open(file)) {
      p.runs().setStatus(fork, RunStatus.WAITING_FOR_APPROVAL);
    }
    int code =
        BenchwrightCli.run(
            "runs", "delete", "--project", file.toString(), "--run", String.valueOf(fork));
    assertThat(code).isEqualTo(2);
    assertThat(err.toString())
        .isEqualTo(
            "error: Run "
                + fork
                + " is waiting for approval; cancel it before deleting it."
                + System.lineSeparator());
    try (Project p = Project.openReadOnly(file)) {
      assertThat(p.runs().find(fork)).isPresent();
    }
  }

  @Test
  void helpExitsZeroAndAMissingRunOptionIsAUsageError() {
    assertThat(BenchwrightCli.run("runs", "delete", "--help")).isZero();
    assertThat(out.toString()).contains("Usage: benchwright runs delete").contains("--run=ID");
    out.reset();
    assertThat(BenchwrightCli.run("runs", "delete", "--project", file.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("Missing required option: '--run=ID'");
    // `runs` itself still needs its project, now checked by the command rather than by picocli.
    err.reset();
    assertThat(BenchwrightCli.run("runs")).isEqualTo(2);
    assertThat(err.toString())
        .contains("Missing required option: '--project=<project>'")
        .contains("Usage: benchwright runs");
  }
}
