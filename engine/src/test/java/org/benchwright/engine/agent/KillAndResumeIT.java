package org.benchwright.engine.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.benchwright.engine.project.EventType;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.project.RunInfo;
import org.benchwright.engine.project.RunStatus;
import org.benchwright.testsupport.DockerRequired;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * `benchwright run` is killed with SIGKILL in the middle of the coder's work. Reopened, the run is
 * interrupted; resumed, it finishes, and nothing recorded before the kill is lost.
 */
@ExtendWith(DockerRequired.class)
class KillAndResumeIT {

  @TempDir Path dir;

  @Test
  void aRunKilledMidWayIsInterruptedAndResumesToTheEnd() throws Exception {
    Path file = dir.resolve("agent.bwproj");
    Project.create(file).close();
    try (var stub = org.benchwright.engine.model.OpenAiStub.start()) {
      stub.respondWith(BenchmarkGeneratorIT.script()::answer);
      // The second validation: the coder has fixed the scene and is checking it.
      int[] validations = {0};
      CliRunChild.runAndKill(
          file,
          BenchmarkGeneratorIT.TASK,
          stub,
          "the coder's second validation",
          line ->
              line.contains("TOOL_CALL")
                  && line.contains("validate_mjcf")
                  && ++validations[0] == 2);
      long recordedBeforeKill;

      long runId;
      try (Project p = Project.open(file)) {
        RunInfo run = p.runs().list().getFirst();
        runId = run.id();
        assertThat(run.status()).isEqualTo(RunStatus.INTERRUPTED);
        recordedBeforeKill = p.events().lastSeq(runId);
        assertThat(p.integrityCheck()).isEqualTo("ok");

        try (AgentHarness h = new AgentHarness(p, dir)) {
          RunOutcome outcome = h.runtime.resume(runId).outcome().get(5, TimeUnit.MINUTES);
          assertThat(outcome.status()).as("%s", outcome).isEqualTo(RunStatus.SUCCEEDED);
          var events = h.events(runId);
          assertThat(events.stream().filter(e -> e.seq() <= recordedBeforeKill))
              .hasSize((int) recordedBeforeKill);
          assertThat(events.stream().filter(e -> e.type() == EventType.RUN_STARTED)).hasSize(1);
          assertThat(h.project.benchmarks().list()).hasSize(1);
        }
      }
    }
  }
}
