package org.benchwright.engine.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.benchwright.engine.cli.BenchwrightCli;
import org.benchwright.engine.project.EventType;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.project.RunInfo;
import org.benchwright.engine.project.RunStatus;
import org.benchwright.engine.sandbox.DockerRequired;
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
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      ProcessBuilder pb =
          new ProcessBuilder(
              java,
              "--enable-native-access=ALL-UNNAMED",
              "-cp",
              System.getProperty("java.class.path"),
              BenchwrightCli.class.getName(),
              "run",
              "--project",
              file.toString(),
              "--workflow",
              "benchmark-generator",
              "--task",
              BenchmarkGeneratorIT.TASK,
              "--model",
              "openai-compatible:stub-model",
              "--base-url",
              stub.baseUrl());
      pb.environment().put("OPENAI_COMPATIBLE_API_KEY", AgentHarness.PLANTED_KEY);
      pb.redirectError(ProcessBuilder.Redirect.DISCARD);
      Process child = pb.start();
      long recordedBeforeKill;
      try (BufferedReader out =
          new BufferedReader(
              new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        boolean seen = false;
        while ((line = out.readLine()) != null) {
          // The second validation: the coder has fixed the scene and is checking it.
          if (line.contains("TOOL_CALL") && line.contains("validate_mjcf") && seen) {
            break;
          }
          seen |= line.contains("TOOL_CALL") && line.contains("validate_mjcf");
        }
        assertThat(line).as("the child reached the coder's second validation").isNotNull();
        child.destroyForcibly();
        child.waitFor(30, TimeUnit.SECONDS);
      }

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
