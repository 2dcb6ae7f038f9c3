package org.benchwright.engine.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.benchwright.engine.agent.AgentHarness.args;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.benchwright.engine.fork.ForkChange;
import org.benchwright.engine.fork.Forks;
import org.benchwright.engine.model.OpenAiStub;
import org.benchwright.engine.project.EventPayload;
import org.benchwright.engine.project.EventType;
import org.benchwright.engine.project.RecordedEvent;
import org.benchwright.engine.project.RunStatus;
import org.benchwright.testsupport.DockerRequired;
import org.benchwright.testsupport.Poll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Forks continued by the runtime against the model stub over HTTP: each goes on from exactly its
 * parent's state at the fork point, with what the person changed there, and the parent is left as
 * it was.
 */
class ForkIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WAIT = Duration.ofSeconds(90);

  @TempDir Path dir;

  /** Planner plans; the coder writes a.py, then gives up; a third coder turn waits for a fork. */
  private static ConversationScript script() {
    ConversationScript s = new ConversationScript();
    s.planner();
    s.role(
        "coder",
        s.call("write_file", args("path", "a.py", "content", "print('from the parent')\n")),
        s.call("submit", args("outcome", "impossible", "summary", "stopping here")),
        s.call("submit", args("outcome", "impossible", "summary", "the fork stopped")));
    return s;
  }

  /** Runs the script to its end and returns the run: the parent the tests fork. */
  private static long finishedParent(AgentHarness h) throws Exception {
    return h.runtime
        .start("benchmark-generator", "ramp task", h.model())
        .outcome()
        .get(2, TimeUnit.MINUTES)
        .runId();
  }

  private static List<RecordedEvent> coder(AgentHarness h, long run, EventType type) {
    return h.events(run).stream()
        .filter(e -> e.type() == type && "coder".equals(e.node()))
        .toList();
  }

  private static List<RecordedEvent> all(AgentHarness h, long run) {
    return h.project.events().stream(run).toList();
  }

  @Test
  @ExtendWith(DockerRequired.class)
  void aForkWithAWrittenReplyGoesOnFromItsParentsFilesInAFreshSandbox() throws Exception {
    try (AgentHarness h = new AgentHarness(dir)) {
      h.stub.respondWith(script()::answer);
      long parent = finishedParent(h);
      List<RecordedEvent> parentEvents = all(h, parent);
      long secondReply = coder(h, parent, EventType.MODEL_RESPONSE).get(1).seq();
      int calls = h.stub.callCount();

      Forks.Made made =
          new Forks(h.project)
              .fork(
                  parent,
                  secondReply,
                  ForkChange.none("ada", "does the file survive?")
                      .withReply(
                          JSON.readTree(
                              "{\"text\":\"Let me look.\",\"tool_calls\":[{\"id\":\"h1\","
                                  + "\"name\":\"run_command\",\"arguments\":{\"command\":\"cat a.py\"}}]}")));
      long fork = made.fork().id();
      assertThat(made.point().note()).contains("the reply replaces this recorded one");
      assertThat(h.project.runs().find(fork).orElseThrow().status()).isEqualTo(RunStatus.PAUSED);

      RunOutcome outcome = h.runtime.resume(fork).outcome().get(3, TimeUnit.MINUTES);

      assertThat(outcome.status()).isEqualTo(RunStatus.FAILED);
      assertThat(outcome.reason()).contains("the fork stopped");
      List<RecordedEvent> forked = all(h, fork);
      // The shared part is the parent's own events, not copies.
      assertThat(forked.subList(0, (int) made.point().seq()))
          .isEqualTo(parentEvents.subList(0, (int) made.point().seq()));
      RecordedEvent result =
          forked.stream()
              .filter(e -> e.runId() == fork && e.type() == EventType.TOOL_RESULT)
              .findFirst()
              .orElseThrow();
      assertThat(result.payload(EventPayload.ToolResult.class).text()).contains("from the parent");
      EventPayload.ModelResponse written =
          forked.stream()
              .filter(e -> e.runId() == fork && e.type() == EventType.MODEL_RESPONSE)
              .findFirst()
              .orElseThrow()
              .payload(EventPayload.ModelResponse.class);
      assertThat(written.attempts()).isZero();
      assertThat(written.response()).contains("cat a.py");
      // One call answered by the person, one by the stub.
      assertThat(h.stub.callCount() - calls).isEqualTo(1);
      assertThat(all(h, parent)).isEqualTo(parentEvents);
      assertThat(h.project.runs().find(parent).orElseThrow().status()).isEqualTo(RunStatus.FAILED);
    }
  }

  @Test
  void aForkOpensTheGateItsParentDecidedAgainUnlessItReusesTheDecision() throws Exception {
    try (AgentHarness h = new AgentHarness(dir)) {
      h.project.settings().put("workflow.benchmark-generator.planner.plan_approval", "\"ask\"");
      h.stub.respondWith(script()::answer);
      RunHandle run = h.runtime.start("benchmark-generator", "ramp task", h.model());
      Poll.until(WAIT, () -> h.project.approvals().pending(run.runId()).isPresent());
      h.runtime.decide(run.runId(), new Decision.Approve("alice"));
      run.outcome().get(2, TimeUnit.MINUTES);
      long gate =
          h.events(run.runId()).stream()
              .filter(e -> e.type() == EventType.GATE_OPENED)
              .findFirst()
              .orElseThrow()
              .seq();
      Forks forks = new Forks(h.project);

      long reopened = forks.fork(run.runId(), gate, ForkChange.none("ada", null)).fork().id();
      RunHandle again = h.runtime.resume(reopened);
      Poll.until(WAIT, () -> h.project.approvals().pending(reopened).isPresent());
      assertThat(h.project.runs().find(reopened).orElseThrow().status())
          .isEqualTo(RunStatus.WAITING_FOR_APPROVAL);
      h.runtime.decide(reopened, new Decision.Approve("bob"));
      again.outcome().get(2, TimeUnit.MINUTES);
      assertThat(decidedBy(h, reopened)).containsExactly("bob");

      long reused =
          forks
              .fork(run.runId(), gate, ForkChange.none("ada", null).reusingDecisions(true))
              .fork()
              .id();
      RunOutcome outcome = h.runtime.resume(reused).outcome().get(2, TimeUnit.MINUTES);
      assertThat(outcome.reason()).contains("ended with 'impossible'");
      assertThat(decidedBy(h, reused))
          .singleElement()
          .asString()
          .contains("reused from run " + h.project.runs().find(run.runId()).orElseThrow().uid())
          .contains("decided by alice");
    }
  }

  private static List<String> decidedBy(AgentHarness h, long run) {
    return h.events(run).stream()
        .filter(e -> e.runId() == run && e.type() == EventType.GATE_DECIDED)
        .map(e -> e.payload(EventPayload.GateDecided.class).decidedBy())
        .toList();
  }

  @Test
  void aWrittenToolResultIsNotRunAndAnotherModelAnswersTheNodeItWasGiven() throws Exception {
    try (AgentHarness h = new AgentHarness(dir);
        OpenAiStub other = OpenAiStub.start()) {
      h.stub.respondWith(script()::answer);
      long parent = finishedParent(h);
      long toolResult = coder(h, parent, EventType.TOOL_RESULT).getFirst().seq();
      other.respondWith(
          r ->
              OpenAiStub.reply()
                  .toolCall(
                      "o1",
                      "submit",
                      args("outcome", "impossible", "summary", "the other model stopped")));
      int calls = h.stub.callCount();

      long fork =
          new Forks(h.project)
              .fork(
                  parent,
                  toolResult,
                  ForkChange.none("ada", null)
                      .withToolResult("The disk is full.")
                      .withNodeModels(
                          Map.of(
                              "coder",
                              new org.benchwright.engine.model.ModelConfig(
                                  "openai-compatible",
                                  "other-model",
                                  other.baseUrl(),
                                  0.0,
                                  null,
                                  Duration.ofSeconds(20),
                                  1))))
              .fork()
              .id();
      RunOutcome outcome = h.runtime.resume(fork).outcome().get(2, TimeUnit.MINUTES);

      assertThat(outcome.reason()).contains("the other model stopped");
      RecordedEvent result =
          all(h, fork).stream()
              .filter(e -> e.runId() == fork && e.type() == EventType.TOOL_RESULT)
              .findFirst()
              .orElseThrow();
      assertThat(result.payload(EventPayload.ToolResult.class).text())
          .isEqualTo("The disk is full.");
      assertThat(h.project.files().filesAt(fork, Long.MAX_VALUE)).isEmpty();
      assertThat(h.project.files().filesAt(parent, Long.MAX_VALUE)).containsOnlyKeys("a.py");
      assertThat(other.callCount()).isEqualTo(1);
      assertThat(h.stub.callCount()).isEqualTo(calls);
    }
  }

  @Test
  void aLiveReplayOfAForkReproducesItsParentAndFlagsTheFirstDivergence() throws Exception {
    try (AgentHarness h = new AgentHarness(dir)) {
      h.stub.respondWith(script()::answer);
      long parent = finishedParent(h);
      long opening = coder(h, parent, EventType.USER_MESSAGE).getFirst().seq();
      int calls = h.stub.callCount();
      Forks forks = new Forks(h.project);

      long same = forks.fork(parent, opening, ForkChange.none(null, "reproduce")).fork().id();
      RunOutcome replayed = h.runtime.replayFork(same).outcome().get(2, TimeUnit.MINUTES);
      assertThat(replayed.reason()).contains("stopping here");
      assertThat(h.stub.callCount()).isEqualTo(calls);

      long changed =
          forks
              .fork(
                  parent,
                  opening,
                  ForkChange.none(null, "diverge")
                      .withReply(JSON.readTree("{\"text\":\"I will think first.\"}")))
              .fork()
              .id();
      RunOutcome diverged = h.runtime.replayFork(changed).outcome().get(2, TimeUnit.MINUTES);
      assertThat(diverged.status()).isEqualTo(RunStatus.FAILED);
      assertThat(
              all(h, changed).stream()
                  .filter(e -> e.runId() == changed && e.type() == EventType.ERROR)
                  .map(e -> e.payload(EventPayload.Failure.class).message()))
          .anySatisfy(m -> assertThat(m).contains("Replay diverged at model call 4"));
      assertThat(h.stub.callCount()).isEqualTo(calls);

      // Once the run it was made from is deleted, a fork has no recording to replay.
      long orphan = forks.fork(parent, opening, ForkChange.none(null, "orphan")).fork().id();
      h.project.runs().delete(parent);
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> h.runtime.replayFork(orphan))
          .hasMessageContaining("has been deleted")
          .hasMessageContaining("continue the fork live");
      assertThat(h.project.events().stream(orphan).toList()).isNotEmpty();
    }
  }

  @Test
  void aForkOfAForkOfAForkGoesOnLiveFromTheSharedHistoryOfAll() throws Exception {
    try (AgentHarness h = new AgentHarness(dir)) {
      h.stub.respondWith(script()::answer);
      long parent = finishedParent(h);
      long opening = coder(h, parent, EventType.USER_MESSAGE).getFirst().seq();
      Forks forks = new Forks(h.project);
      long first = forks.fork(parent, opening, ForkChange.none(null, "one")).fork().id();
      long second =
          forks
              .fork(first, h.project.events().lastSeq(first), ForkChange.none(null, "two"))
              .fork()
              .id();
      long third =
          forks
              .fork(
                  second,
                  h.project.events().lastSeq(second),
                  ForkChange.none(null, "three").withTask("a steeper ramp"))
              .fork()
              .id();

      RunOutcome outcome = h.runtime.resume(third).outcome().get(2, TimeUnit.MINUTES);

      assertThat(outcome.reason()).contains("stopping here");
      List<RecordedEvent> events = all(h, third);
      assertThat(events.stream().filter(e -> e.type() == EventType.FORK).map(RecordedEvent::runId))
          .containsExactly(first, second, third);
      assertThat(events.stream().filter(e -> e.type() == EventType.RUN_STARTED)).hasSize(1);
      assertThat(h.project.files().filesAt(third, Long.MAX_VALUE)).containsOnlyKeys("a.py");
      assertThat(h.project.runs().find(third).orElseThrow().task()).isEqualTo("a steeper ramp");
      assertThat(h.project.runs().find(first).orElseThrow().status()).isEqualTo(RunStatus.PAUSED);
    }
  }
}
