package org.benchwright.engine.workflow.wordcount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.benchwright.engine.agent.AgentHarness.args;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.benchwright.engine.agent.AgentHarness;
import org.benchwright.engine.agent.RunHandle;
import org.benchwright.engine.agent.RunOutcome;
import org.benchwright.engine.agent.WorkflowDefinition;
import org.benchwright.engine.model.OpenAiStub;
import org.benchwright.engine.project.EventType;
import org.benchwright.engine.project.RecordedEvent;
import org.benchwright.engine.project.RunStatus;
import org.benchwright.engine.workflow.Workflows;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A workflow package that the engine's code never names runs end to end: found on the class path,
 * its own tool called through the real OpenAI client against the local stub, its edges followed.
 */
class WordCountWorkflowIT {

  @TempDir Path dir;

  @Test
  void aPluggedInWorkflowIsFoundAndRunsThroughItsOwnToolAndEdges() throws Exception {
    assertThat(Workflows.catalog().workflows())
        .extracting(WorkflowDefinition::name)
        .contains("word-count", "engineer", "benchmark-generator");
    try (AgentHarness h = new AgentHarness(dir)) {
      h.stub
          // writer: counts a draft that is one word short, fixes it, hands it over
          .enqueueToolCall("c1", "count_words", args("text", "three little words"))
          .enqueueToolCall(
              "c2", "submit", args("outcome", "written", "summary", "three little words"))
          // checker: counts, rejects; the writer tries again and the checker approves
          .enqueueToolCall("c3", "count_words", args("text", "three little words"))
          .enqueueToolCall(
              "c4", "submit", args("outcome", "rejected", "summary", "3 words, the task asks 4"))
          .enqueueToolCall(
              "c5", "submit", args("outcome", "written", "summary", "four little words here"))
          .enqueueToolCall("c6", "count_words", args("text", "four little words here"))
          .enqueueToolCall("c7", "submit", args("outcome", "approved", "summary", "4 words"));
      RunHandle run = h.runtime.start("word-count", "A sentence of 4 words", h.model());
      RunOutcome outcome = run.outcome().get(1, TimeUnit.MINUTES);

      assertThat(outcome.status()).isEqualTo(RunStatus.SUCCEEDED);
      assertThat(outcome.reason()).isEqualTo("4 words");
      List<RecordedEvent> events = h.events(run.runId());
      assertThat(events.stream().filter(e -> e.type() == EventType.NODE_TRANSITION))
          .extracting(RecordedEvent::node)
          .containsExactly("writer", "checker", "writer", "checker");
      assertThat(events.stream().filter(e -> e.type() == EventType.TOOL_RESULT))
          .extracting(RecordedEvent::payloadJson)
          .anySatisfy(p -> assertThat(p).contains("3 words (counted in writer)"))
          .anySatisfy(p -> assertThat(p).contains("4 words (counted in checker)"));
      // the node's tools as the model saw them: the plug-in's own tool beside submit
      List<String> firstRequestTools =
          h.stub.requests().getFirst().json().path("tools").findValuesAsText("name");
      assertThat(firstRequestTools).containsExactly("count_words", "submit");
    }
  }

  @Test
  void aBadArgumentToThePluginsToolGoesBackToTheModelAndTheRunGoesOn() throws Exception {
    try (AgentHarness h = new AgentHarness(dir)) {
      h.stub
          .enqueueToolCall("c1", "count_words", args("text", "  "))
          .enqueueToolCall("c2", "count_words", "{\"words\": 3}")
          .enqueueToolCall("c3", "submit", args("outcome", "written", "summary", "a b c d"))
          .enqueueToolCall("c4", "submit", args("outcome", "approved", "summary", "ok"));
      RunOutcome outcome =
          h.runtime.start("word-count", "4 words", h.model()).outcome().get(1, TimeUnit.MINUTES);

      assertThat(outcome.status()).isEqualTo(RunStatus.SUCCEEDED);
      List<OpenAiStub.Received> requests = h.stub.requests();
      assertThat(requests.get(1).body()).contains("The text is empty");
      assertThat(requests.get(2).body()).contains("Missing required argument 'text'");
    }
  }
}
