package org.benchwright.engine.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.benchwright.engine.automl.DatasetImport;
import org.benchwright.engine.automl.Examples;
import org.benchwright.engine.automl.MlSandbox;
import org.benchwright.engine.backup.Bundles;
import org.benchwright.engine.project.EventPayload;
import org.benchwright.engine.project.EventType;
import org.benchwright.engine.project.RunInfo;
import org.benchwright.testsupport.DockerRequired;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runs the desktop ships as its demo were recorded before workflows became plug-ins and events
 * became typed records. Replayed now (recorded model answers checked against every request's
 * fingerprint, tools run for real in the sandbox), each must ask the same questions and end the
 * same way: proof that prompts, tool specs and the loop's behaviour did not drift.
 */
@ExtendWith(DockerRequired.class)
class ShippedDemoReplayIT {

  // The bundle is a resource of the desktop module; engine tests run in engine/.
  static final Path SHIPPED =
      Path.of("../desktop/src/main/resources/org/benchwright/desktop/project/demo-runs.zip");

  @TempDir Path dir;

  @Test
  void everyShippedRunReplaysToTheSameToolCallsAndOutcome() throws Exception {
    assertThat(SHIPPED).exists();
    try (AgentHarness h = new AgentHarness(dir)) {
      Bundles.ImportResult imported = Bundles.importBundle(h.project, SHIPPED);
      assertThat(imported.localIds()).isNotEmpty();
      assertThat(imported.capabilities()).containsExactly("reverse_string");
      boolean replayedCapabilities = false;
      for (long original : imported.localIds()) {
        RunInfo source = h.project.runs().find(original).orElseThrow();
        if (source.workflow().equals("engineer")) {
          // The recorder stored the benchmark its engineer run solves (a bundle holds runs, not
          // benchmarks); after the generator runs' replays it gets the same number again.
          DropBenchmark.store(h.project);
        }
        if (source.workflow().equals("capability-synthesis") && !replayedCapabilities) {
          // The bundle brought the capabilities these runs made (unverified); the first run
          // found none and synthesized its own, so its replay starts from an empty registry too.
          h.project.capabilities().list().forEach(c -> h.project.capabilities().delete(c.name()));
          replayedCapabilities = true;
        }
        if (source.workflow().equals("automl")
            && h.project.datasets().find("breast_cancer").isEmpty()) {
          // A bundle holds runs, not the project's datasets: the recorder added scikit-learn's
          // breast cancer data, so the replay adds the same rows again.
          MlSandbox ml = MlSandbox.of(h.sandboxes());
          new DatasetImport(h.project, ml)
              .add(Examples.write(ml, "breast_cancer", dir), null, null);
        }
        RunOutcome replayed = replayApprovingAsRecorded(h, original);

        List<String> was = whatTheModelRead(h, original);
        List<String> now = whatTheModelRead(h, replayed.runId());
        for (int i = 0; i < Math.min(was.size(), now.size()); i++) {
          assertThat(now.get(i))
              .as("run %d: message %d the model read", original, i)
              .isEqualTo(was.get(i));
        }
        assertThat(replayed.status())
            .as("run %d (%s) replayed: %s", original, source.workflow(), replayed.reason())
            .isEqualTo(source.status());
        assertThat(toolCalls(h, replayed.runId()))
            .as("tool calls of run %d", original)
            .isEqualTo(toolCalls(h, original));
      }
    }
  }

  /**
   * A replay opens its gates again (a recorded approval is never reused silently); the demo's
   * recorded gates were all approved, so the test approves each one as it opens.
   */
  private static RunOutcome replayApprovingAsRecorded(AgentHarness h, long original)
      throws Exception {
    assertThat(
            h.project.events().stream(original, java.util.Set.of(EventType.GATE_DECIDED))
                .map(e -> e.payload(EventPayload.GateDecided.class).decision()))
        .allMatch("approved"::equals);
    // A recording made with the plan gate off must replay with it off: the gate's two events
    // would shift the event numbers the model reads ("evidence event #36").
    RunInfo source = h.project.runs().find(original).orElseThrow();
    boolean gated =
        h.project.events().stream(original, java.util.Set.of(EventType.GATE_OPENED))
            .findAny()
            .isPresent();
    if (!gated) {
      for (String node : h.runtime.catalog().workflow(source.workflow()).nodes().keySet()) {
        h.project
            .settings()
            .put("workflow." + source.workflow() + "." + node + ".plan_approval", "\"none\"");
      }
    }
    RunHandle run = h.runtime.replay(original);
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
    while (!run.outcome().isDone()) {
      if (h.project.approvals().pending(run.runId()).isPresent()) {
        h.runtime.decide(run.runId(), new Decision.Approve("replay-test"));
      }
      assertThat(System.nanoTime()).as("replay of run %d finishes", original).isLessThan(deadline);
      Thread.sleep(200);
    }
    return run.outcome().get();
  }

  /** The texts the engine gave the model: opening and feedback messages, tool results. */
  private static List<String> whatTheModelRead(AgentHarness h, long runId) {
    return h.project.events().stream(
            runId, java.util.Set.of(EventType.USER_MESSAGE, EventType.TOOL_RESULT))
        .map(
            e ->
                e.node()
                    + ": "
                    + switch (e.payload()) {
                      case EventPayload.UserMessage m -> m.text();
                      case EventPayload.ToolResult r -> r.name() + " -> " + r.text();
                      default -> "";
                    })
        .toList();
  }

  private static List<String> toolCalls(AgentHarness h, long runId) {
    return h.project.events().stream(runId, java.util.Set.of(EventType.TOOL_CALL))
        .map(e -> e.node() + ":" + e.payload(EventPayload.ToolCall.class).name())
        .toList();
  }
}
