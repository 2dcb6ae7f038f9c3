package org.benchwright.engine.workflow.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.benchwright.engine.agent.WorkflowPlugin.NamedWriteGuard;
import org.benchwright.engine.agent.WriteGuard;
import org.benchwright.engine.project.Event;
import org.benchwright.engine.project.NewRun;
import org.benchwright.engine.project.Project;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentWriteGuardTest {

  private static final byte[] SPEC =
      ("{\"editable\": [\"train.py\", \"src/*.py\"], \"command\": \"python3 train.py\","
              + " \"metric\": {\"regex\": \"loss ([0-9.]+)\"}, \"direction\": \"min\"}")
          .getBytes(StandardCharsets.UTF_8);

  @TempDir Path dir;
  private Project project;
  private long run;
  private WriteGuard guard;

  @BeforeEach
  void open() {
    project = Project.create(dir.resolve("p.bwproj"));
    run = project.runs().create(new NewRun("experiment-loop", "tune", "{}")).id();
    guard =
        new ExperimentLoopWorkflow()
            .writeGuards().stream()
                .filter(g -> g.name().equals("experiment-editable"))
                .map(NamedWriteGuard::guard)
                .findFirst()
                .orElseThrow();
  }

  @AfterEach
  void close() {
    project.close();
  }

  /** What the setup check records once it has read the spec. */
  private void recordSpec(byte[] source) {
    project.events().append(run, Event.of(null, ExperimentSpec.parse(source).asNote(source)));
  }

  @Test
  void aReadOnlyFileIsRefusedNamingItAndTheEditableFiles() {
    recordSpec(SPEC);
    assertThat(guard.refusal(project, run, "prepare.py"))
        .contains(
            "'prepare.py' is read-only in this experiment loop; you may change only train.py,"
                + " src/*.py.");
    assertThat(guard.refusal(project, run, "src/nn/deep.py"))
        .get()
        .asString()
        .contains("'src/nn/deep.py'");
    assertThat(guard.refusal(project, run, ExperimentSpec.FILE)).isPresent();
    assertThat(guard.refusal(project, run, "../train.py")).isPresent();
  }

  @Test
  void anEditableFileMayBeWritten() {
    recordSpec(SPEC);
    assertThat(guard.refusal(project, run, "train.py")).isEmpty();
    assertThat(guard.refusal(project, run, "src/model.py")).isEmpty();
  }

  @Test
  void theSpecAsRecordedHoldsWhateverTheFileSaysLater() {
    recordSpec(SPEC);
    project
        .files()
        .write(
            run,
            "experimenter",
            ExperimentSpec.FILE,
            "{\"editable\": [\"**\"], \"command\": \"x\", \"metric\": {\"regex\": \"(1)\"},"
                .concat(" \"direction\": \"min\"}")
                .getBytes(StandardCharsets.UTF_8));
    assertThat(guard.refusal(project, run, "prepare.py")).isPresent();
  }

  @Test
  void beforeTheSpecIsRecordedNothingIsGuarded() {
    assertThat(guard.refusal(project, run, "prepare.py")).isEmpty();
  }
}
