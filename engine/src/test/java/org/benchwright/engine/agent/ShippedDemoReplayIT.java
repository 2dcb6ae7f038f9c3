package org.benchwright.engine.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
      for (long original : imported.localIds()) {
        RunInfo source = h.project.runs().find(original).orElseThrow();
        RunOutcome replayed = h.runtime.replay(original).outcome().get(10, TimeUnit.MINUTES);

        assertThat(replayed.status())
            .as("run %d (%s) replayed: %s", original, source.workflow(), replayed.reason())
            .isEqualTo(source.status());
        assertThat(toolCalls(h, replayed.runId()))
            .as("tool calls of run %d", original)
            .isEqualTo(toolCalls(h, original));
      }
    }
  }

  private static List<String> toolCalls(AgentHarness h, long runId) {
    return h.project.events().stream(runId, java.util.Set.of(EventType.TOOL_CALL))
        .map(e -> e.node() + ":" + e.payload(EventPayload.ToolCall.class).name())
        .toList();
  }
}
