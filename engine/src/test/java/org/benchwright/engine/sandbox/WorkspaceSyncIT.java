package org.benchwright.engine.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.benchwright.engine.project.EventPayload;
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

/**
 * The workspace sync against a real container: only what changed is copied out, caps are applied to
 * the listing before any byte is read, links stay links, and what is not recorded is named.
 */
@ExtendWith(DockerRequired.class)
class WorkspaceSyncIT {

  private static final Duration MINUTE = Duration.ofSeconds(60);

  @TempDir Path dir;
  private Project project;
  private Sandboxes sandboxes;
  private long run;

  @BeforeEach
  void open() {
    project = Project.create(dir.resolve("p.bwproj"));
    run = project.runs().create(new NewRun("engineer", "sync", "{}")).id();
    sandboxes = Sandboxes.start(Sandboxes.Settings.forOwner(project.uid()).withWarmPool(0));
  }

  @AfterEach
  void close() {
    String owner = project.uid();
    sandboxes.close();
    project.close();
    assertThat(DockerLeftovers.of(owner)).isEmpty();
  }

  private List<RecordedEvent> events(EventType type) {
    return project.events().stream(run, java.util.Set.of(type)).toList();
  }

  @Test
  void anUnchangedWorkspaceRecordsNothingAndOneChangedFileIsOneEvent() {
    try (RunSandbox box = new RunSandbox(project, run, sandboxes.open("run-" + run))) {
      assertThat(
              box.run("n", "mkdir -p d && for i in $(seq 50); do echo $i > d/f$i; done", MINUTE)
                  .succeeded())
          .isTrue();
      assertThat(events(EventType.FILE_CHANGE)).hasSize(50);

      box.run("n", "cat d/f1 > /dev/null", MINUTE);
      assertThat(events(EventType.FILE_CHANGE)).hasSize(50);

      // Same size, and the mtime put back: ctime still shows the change.
      box.run("n", "echo 99 > d/f9 && touch -d '2001-01-01' d/f9", MINUTE);
      List<RecordedEvent> changes = events(EventType.FILE_CHANGE);
      assertThat(changes).hasSize(51);
      assertThat(changes.get(50).payload(EventPayload.FileChange.class).path()).isEqualTo("d/f9");

      box.run("n", "rm d/f2", MINUTE);
      assertThat(events(EventType.FILE_CHANGE).getLast().payload(EventPayload.FileChange.class))
          .satisfies(c -> assertThat(c.deleted()).isTrue())
          .satisfies(c -> assertThat(c.path()).isEqualTo("d/f2"));
    }
  }

  @Test
  void aTwentyGigabyteSparseFileIsReportedFromTheListingAndNothingIsCopied() {
    try (RunSandbox box = new RunSandbox(project, run, sandboxes.open("run-" + run))) {
      long start = System.nanoTime();
      ExecResult r = box.run("n", "truncate -s 20G big.bin && echo small > ok.txt", MINUTE);
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      assertThat(r.succeeded()).as("%s", r).isTrue();
      assertThat(r.detail())
          .contains("big.bin: a sparse file of 20 GiB")
          .contains("per-file cap (sandbox.sync.max_file_mb)")
          .doesNotContain("Docker engine");
      assertThat(org.benchwright.engine.agent.Tools.describe(r)).contains("big.bin");
      assertThat(project.files().filesAt(run, project.events().lastSeq(run)))
          .containsOnlyKeys("ok.txt");
      EventPayload.WorkspaceSkipped skipped =
          events(EventType.WORKSPACE_SKIPPED)
              .getFirst()
              .payload(EventPayload.WorkspaceSkipped.class);
      assertThat(skipped.files())
          .singleElement()
          .satisfies(f -> assertThat(f.size()).isEqualTo(20L << 30));
      // Generous: the point is that 20 GB are not streamed (that took a minute).
      assertThat(took).isLessThan(Duration.ofSeconds(20));

      // Reported once: the next command does not repeat it.
      assertThat(box.run("n", "true", MINUTE).detail()).isNull();
    }
  }

  @Test
  void beyondTheFileCapFilesAreCountedByFolderAndTheRestIsRecorded() {
    project.settings().put(SyncLimits.MAX_FILES, "20");
    try (RunSandbox box = new RunSandbox(project, run, sandboxes.open("run-" + run))) {
      ExecResult r =
          box.run(
              "n",
              "mkdir -p data logs && for i in $(seq 300); do echo > data/$i; done"
                  + " && for i in $(seq 5); do echo > logs/$i; done",
              MINUTE);
      assertThat(r.detail())
          .contains("285 file(s)")
          .contains("beyond the 20-file cap (sandbox.sync.max_files)");
      assertThat(project.files().filesAt(run, project.events().lastSeq(run))).hasSize(20);
      EventPayload.WorkspaceSkipped skipped =
          events(EventType.WORKSPACE_SKIPPED)
              .getFirst()
              .payload(EventPayload.WorkspaceSkipped.class);
      assertThat(skipped.more()).isEqualTo(285);
      assertThat(skipped.summary()).contains("under data/");
    }
  }

  @Test
  void linksAreRecordedAsLinksNeverFollowedAndComeBackInAFreshContainer() {
    try (RunSandbox box = new RunSandbox(project, run, sandboxes.open("run-" + run))) {
      box.run("n", "ln -s /etc/passwd pw && mkfifo pipe && echo x > real.txt", MINUTE);
      var files = project.files().filesAt(run, project.events().lastSeq(run));
      assertThat(files).containsOnlyKeys("pw", "real.txt");
      assertThat(files.get("pw").symlink()).isTrue();
      assertThat(
              new String(
                  project.files().fileAt(run, "pw", project.events().lastSeq(run)).orElseThrow(),
                  StandardCharsets.UTF_8))
          .isEqualTo("/etc/passwd");
      assertThat(events(EventType.WORKSPACE_SKIPPED).getFirst().payloadJson())
          .contains("pipe")
          .contains("named pipe");
    }
    // A new session starts from the project's record: the link is a link again.
    try (RunSandbox box = new RunSandbox(project, run, sandboxes.open("run-" + run))) {
      ExecResult r = box.run("n", "readlink pw && test -L pw && cat real.txt", MINUTE);
      assertThat(r.stdoutText()).isEqualTo("/etc/passwd\nx\n");
    }
  }

  @Test
  void aRenamedFolderATamperedStampAndAnEditAreAllSeen() {
    try (RunSandbox box = new RunSandbox(project, run, sandboxes.open("run-" + run))) {
      box.run("n", "mkdir -p d/s && echo a > d/s/a && echo b > d/b", MINUTE);
      box.run("n", "mv d e", MINUTE);
      assertThat(project.files().filesAt(run, project.events().lastSeq(run)))
          .containsOnlyKeys("e/s/a", "e/b");
      // The stamp the incremental listing compares with is pushed into the future: noticed.
      box.run("n", "touch -d 2100-01-01 /tmp/.benchwright-stamp; echo c > c.txt", MINUTE);
      assertThat(project.files().filesAt(run, project.events().lastSeq(run)))
          .containsOnlyKeys("e/s/a", "e/b", "c.txt");
      box.run("n", "echo more >> e/s/a && rm e/b", MINUTE);
      var files = project.files().filesAt(run, project.events().lastSeq(run));
      assertThat(files).containsOnlyKeys("e/s/a", "c.txt");
      assertThat(
              new String(
                  project.files().fileAt(run, "e/s/a", project.events().lastSeq(run)).orElseThrow(),
                  StandardCharsets.UTF_8))
          .isEqualTo("a\nmore\n");
    }
  }

  @Test
  void filesWrittenByToolsGoInAndAreNotCopiedBackAsChanges() {
    try (RunSandbox box = new RunSandbox(project, run, sandboxes.open("run-" + run))) {
      box.run("n", "true", MINUTE);
      project.files().write(run, "n", "model.py", "print('hi')\n".getBytes(StandardCharsets.UTF_8));
      int before = events(EventType.FILE_CHANGE).size();
      ExecResult r = box.run("n", "python3 model.py", MINUTE);
      assertThat(r.stdoutText()).isEqualTo("hi\n");
      assertThat(events(EventType.FILE_CHANGE)).hasSize(before);
    }
  }
}
