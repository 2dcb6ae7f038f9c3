package org.benchwright.engine.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.benchwright.engine.project.EventType;
import org.benchwright.engine.project.NewRun;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.project.RecordedEvent;
import org.benchwright.testsupport.DockerRequired;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A run's files flow between the project file and its sandbox, and every command is recorded. */
@ExtendWith(DockerRequired.class)
class RunSandboxIT {

  @TempDir Path dir;
  private Project project;
  private Sandboxes sandboxes;
  private long run;

  @BeforeEach
  void open() {
    project = Project.create(dir.resolve("p.bwproj"));
    run = project.runs().create(new NewRun("benchmark-generator", "ramp", "{}")).id();
    sandboxes = Sandboxes.start(Sandboxes.Settings.forOwner(project.uid()).withWarmPool(0));
  }

  @AfterEach
  void close() {
    String owner = project.uid();
    sandboxes.close();
    project.close();
    assertThat(DockerLeftovers.of(owner)).isEmpty();
  }

  @Test
  void filesGoInChangesComeOutAndTheCommandIsRecorded() throws Exception {
    project
        .files()
        .write(
            run,
            "coder",
            "gen.py",
            utf8(
                "import sys\nopen('scene.xml','w').write('<mujoco seed=\"%s\"/>' % sys.argv[1])\n"
                    + "open('notes.txt','a').write('ran\\n')\n"));
    project.files().write(run, "coder", "notes.txt", utf8("start\n"));
    try (RunSandbox box = new RunSandbox(project, run, sandboxes.open("run-" + run))) {
      ExecResult r = box.run("coder", "python3 gen.py 7 && echo done", Duration.ofSeconds(60));
      assertThat(r.succeeded()).as("%s", r).isTrue();
    }
    long last = project.events().lastSeq(run);
    assertThat(text(project.files().fileAt(run, "scene.xml", last).orElseThrow()))
        .isEqualTo("<mujoco seed=\"7\"/>");
    assertThat(text(project.files().fileAt(run, "notes.txt", last).orElseThrow()))
        .isEqualTo("start\nran\n");
    assertThat(project.files().filesAt(run, last))
        .containsOnlyKeys("gen.py", "notes.txt", "scene.xml");

    var events = project.events().events(run, 1, 100);
    RecordedEvent exec =
        events.stream().filter(e -> e.type() == EventType.SANDBOX_EXEC).findFirst().orElseThrow();
    assertThat(exec.node()).isEqualTo("coder");
    assertThat(exec.payloadJson())
        .contains("\"exit_code\":0")
        .contains("\"termination\":\"EXIT\"")
        .contains("done")
        .contains("\"memoryBytes\"");
    // The exec is recorded before the file changes it produced.
    assertThat(events.stream().filter(e -> e.seq() > exec.seq()).map(RecordedEvent::type))
        .containsOnly(EventType.FILE_CHANGE)
        .hasSize(2);

    Path mirror = RunSandbox.workspaceFolder(project.file(), run);
    assertThat(Files.readString(mirror.resolve("scene.xml"))).isEqualTo("<mujoco seed=\"7\"/>");
    assertThat(Files.readString(mirror.resolve("gen.py"))).contains("sys.argv");
  }

  @Test
  void afterATimeoutTheNextCommandFindsTheRunsFilesAgain() {
    project.files().write(run, "coder", "data.txt", utf8("kept"));
    try (RunSandbox box = new RunSandbox(project, run, sandboxes.open("run-" + run))) {
      ExecResult slow = box.run("coder", "sleep 60", Duration.ofSeconds(2));
      assertThat(slow.termination()).isEqualTo(Termination.TIMEOUT);
      ExecResult next = box.run("coder", "cat data.txt", Duration.ofSeconds(30));
      assertThat(next.stdoutText()).isEqualTo("kept");
    }
    var timeoutEvent =
        project.events().events(run, 1, 100).stream()
            .filter(e -> e.type() == EventType.SANDBOX_EXEC)
            .findFirst()
            .orElseThrow();
    assertThat(timeoutEvent.payloadJson())
        .contains("\"termination\":\"TIMEOUT\"")
        .contains("\"session_restarted\":true")
        .contains("\"exit_code\":null");
  }

  @Test
  void aContainerRemovedBehindOurBackIsReplacedAndTheFilesRestored() {
    project.files().write(run, "coder", "data.txt", utf8("survives"));
    try (RunSandbox box = new RunSandbox(project, run, sandboxes.open("run-" + run));
        DockerAccess docker = new DockerAccess()) {
      assertThat(box.run("coder", "cat data.txt", Duration.ofSeconds(30)).stdoutText())
          .isEqualTo("survives");
      String id = currentContainer(docker);
      docker.control().removeContainerCmd(id).withForce(true).exec();

      ExecResult after = box.run("coder", "cat data.txt", Duration.ofSeconds(30));
      assertThat(after.stdoutText()).isEqualTo("survives");
      assertThat(currentContainer(docker)).isNotEqualTo(id);
    }
    assertThat(project.events().events(run, 1, 100))
        .anySatisfy(
            e -> {
              assertThat(e.type()).isEqualTo(EventType.NOTE);
              assertThat(e.payloadJson()).contains("restarted");
            });
    assertThat(project.files().filesAt(run, project.events().lastSeq(run)))
        .containsOnlyKeys("data.txt");
  }

  private String currentContainer(DockerAccess docker) {
    return docker
        .control()
        .listContainersCmd()
        .withLabelFilter(java.util.Map.of(Labels.OWNER, project.uid(), Labels.RUN, "run-" + run))
        .exec()
        .getFirst()
        .getId();
  }

  @Test
  void filesDeletedInTheSandboxAreRecordedAsDeleted() {
    project.files().write(run, "coder", "tmp.txt", utf8("x"));
    try (RunSandbox box = new RunSandbox(project, run, sandboxes.open("run-" + run))) {
      assertThat(box.run("coder", "rm tmp.txt", Duration.ofSeconds(30)).succeeded()).isTrue();
    }
    long last = project.events().lastSeq(run);
    assertThat(project.files().filesAt(run, last)).isEmpty();
    assertThat(project.files().fileAt(run, "tmp.txt", 1)).isPresent();
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  static String unique() {
    return UUID.randomUUID().toString();
  }
}
