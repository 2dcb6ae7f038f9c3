package org.benchwright.engine.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.benchwright.engine.agent.AgentHarness.args;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.benchwright.engine.model.OpenAiStub;
import org.benchwright.engine.project.EventType;
import org.benchwright.engine.project.RecordedEvent;
import org.benchwright.engine.project.RunStatus;
import org.benchwright.testsupport.DockerRequired;
import org.benchwright.testsupport.Poll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Everything a model or provider can get wrong is recorded with a clear reason, and the run either
 * carries on or ends cleanly with nothing recorded lost.
 */
@ExtendWith(DockerRequired.class)
class AgentFailuresIT {

  @TempDir Path dir;

  private static final String TODO =
      args("plan", "p", "items", List.of(Map.of("text", "one", "status", "todo")));

  @Test
  void badToolCallsGoBackToTheModelAndTheRunCarriesOn() throws Exception {
    try (AgentHarness h = new AgentHarness(dir)) {
      ConversationScript s = new ConversationScript();
      s.role(
          "planner",
          s.call("update_todo", "{\"plan\": \"x\", "),
          s.call("make_coffee", "{}"),
          s.call("update_todo", "{\"plan\": 5, \"items\": []}"),
          OpenAiStub.reply().text("I think the plan is fine.").usage(10, 5),
          s.call("update_todo", TODO),
          s.call("submit", args("outcome", "planned", "summary", "ok")));
      s.role(
          "coder",
          s.call(
              "submit", args("outcome", "impossible", "summary", "Gravity points the wrong way.")));
      h.stub.respondWith(s::answer);

      RunHandle run = h.runtime.start("benchmark-generator", "anything", h.model());
      RunOutcome outcome = run.outcome().get(2, TimeUnit.MINUTES);
      assertThat(outcome.status()).isEqualTo(RunStatus.FAILED);
      assertThat(outcome.reason())
          .contains("coder ended with 'impossible'")
          .contains("Gravity points the wrong way");

      List<String> errors =
          h.events(run.runId()).stream()
              .filter(
                  e ->
                      e.type() == EventType.TOOL_RESULT
                          && e.payloadJson().contains("\"error\":true"))
              .map(RecordedEvent::payloadJson)
              .toList();
      assertThat(errors).hasSize(3);
      assertThat(errors.get(0)).contains("not valid JSON");
      assertThat(errors.get(1)).contains("Unknown tool 'make_coffee'").contains("update_todo");
      assertThat(errors.get(2)).contains("'plan' must be a string");
      assertThat(h.events(run.runId()))
          .anySatisfy(e -> assertThat(e.payloadJson()).contains(NodeLoop.NUDGE));
      assertThat(h.project.plans().latest(run.runId())).isPresent();
      assertThat(h.events(run.runId()).getLast().type()).isEqualTo(EventType.OUTCOME);
    }
  }

  @Test
  void tooManyBadCallsEndTheRunWithTheReason() throws Exception {
    try (AgentHarness h = new AgentHarness(dir)) {
      ConversationScript s = new ConversationScript();
      OpenAiStub.Reply[] bad = new OpenAiStub.Reply[10];
      for (int i = 0; i < bad.length; i++) {
        bad[i] = s.call("nope", "{}");
      }
      s.role("planner", bad);
      h.stub.respondWith(s::answer);
      RunOutcome outcome =
          h.runtime.start("benchmark-generator", "x", h.model()).outcome().get(2, TimeUnit.MINUTES);
      assertThat(outcome.status()).isEqualTo(RunStatus.FAILED);
      assertThat(outcome.reason())
          .contains("too many invalid tool calls")
          .contains("Unknown tool 'nope'");
    }
  }

  @Test
  void aRateLimitedProviderIsRetriedAndTheRetryIsRecorded() throws Exception {
    try (AgentHarness h = new AgentHarness(dir)) {
      ConversationScript s = new ConversationScript();
      s.planner();
      s.role("coder", s.call("submit", args("outcome", "impossible", "summary", "stop here")));
      h.stub.enqueueStatus(429);
      h.stub.respondWith(s::answer);
      RunHandle run = h.runtime.start("benchmark-generator", "x", h.model());
      run.outcome().get(2, TimeUnit.MINUTES);
      RecordedEvent first =
          h.events(run.runId()).stream()
              .filter(e -> e.type() == EventType.MODEL_RESPONSE)
              .findFirst()
              .orElseThrow();
      assertThat(first.payloadJson()).contains("\"attempts\":2").contains("429");
    }
  }

  @Test
  void aProviderThatTimesOutFailsTheRunCleanly() throws Exception {
    try (AgentHarness h = new AgentHarness(dir)) {
      h.stub.enqueueDelay(Duration.ofSeconds(5)).enqueueDelay(Duration.ofSeconds(5));
      RunHandle run =
          h.runtime.start("benchmark-generator", "x", h.model(Duration.ofSeconds(1), 1));
      RunOutcome outcome = run.outcome().get(2, TimeUnit.MINUTES);
      assertThat(outcome.status()).isEqualTo(RunStatus.FAILED);
      assertThat(outcome.reason()).containsIgnoringCase("time");
      List<RecordedEvent> events = h.events(run.runId());
      assertThat(events).anySatisfy(e -> assertThat(e.type()).isEqualTo(EventType.ERROR));
      assertThat(events.getLast().type()).isEqualTo(EventType.OUTCOME);
      assertThat(h.project.runs().find(run.runId()).orElseThrow().status())
          .isEqualTo(RunStatus.FAILED);
    }
  }

  @Test
  void aSandboxKilledMidCommandIsReportedAndTheNextCommandWorks() throws Exception {
    try (AgentHarness h = new AgentHarness(dir)) {
      ConversationScript s = new ConversationScript();
      s.planner();
      s.role(
          "coder",
          s.call("write_file", args("path", "keep.txt", "content", "still here")),
          s.call("run_command", args("command", "sleep 30", "timeout_seconds", 120)),
          s.call("run_command", args("command", "cat keep.txt")),
          s.call("submit", args("outcome", "impossible", "summary", "done testing")));
      h.stub.respondWith(s::answer);
      RunHandle run = h.runtime.start("benchmark-generator", "x", h.model());
      Poll.until(
          Duration.ofMinutes(2),
          () ->
              h.events(run.runId()).stream()
                  .anyMatch(
                      e ->
                          e.type() == EventType.TOOL_CALL && e.payloadJson().contains("sleep 30")));
      Thread.sleep(1_500); // let the command start
      Process rm =
          new ProcessBuilder(
                  "sh",
                  "-c",
                  "docker rm -f $(docker ps -q --filter label=org.benchwright.run=run-"
                      + run.runId()
                      + ")")
              .redirectErrorStream(true)
              .start();
      rm.waitFor(60, TimeUnit.SECONDS);
      RunOutcome outcome = run.outcome().get(3, TimeUnit.MINUTES);
      assertThat(outcome.reason()).contains("done testing");
      List<String> results =
          h.events(run.runId()).stream()
              .filter(
                  e -> e.type() == EventType.TOOL_RESULT && e.payloadJson().contains("run_command"))
              .map(RecordedEvent::payloadJson)
              .toList();
      assertThat(results).hasSize(2);
      assertThat(results.get(0)).doesNotContain("exit code: 0 (exit");
      assertThat(results.get(1)).contains("still here");
    }
  }
}
