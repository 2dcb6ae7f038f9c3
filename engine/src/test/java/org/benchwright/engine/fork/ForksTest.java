package org.benchwright.engine.fork;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.benchwright.engine.model.ModelConfig;
import org.benchwright.engine.model.ModelJson;
import org.benchwright.engine.model.ScriptedChatModel;
import org.benchwright.engine.project.Event;
import org.benchwright.engine.project.EventPayload;
import org.benchwright.engine.project.EventType;
import org.benchwright.engine.project.NewRun;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.project.RecordedEvent;
import org.benchwright.engine.project.TodoItem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Forks over a real project file, with runs recorded event by event. */
class ForksTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private Project project;
  private Forks forks;

  @BeforeEach
  void open() {
    project = Project.create(dir.resolve("p.bwproj"));
    forks = new Forks(project);
  }

  @AfterEach
  void close() {
    project.close();
  }

  /** Seqs of the steps of a recorded coder conversation, for the tests to fork at. */
  private record Recorded(
      long run,
      long opening,
      long firstRequest,
      long firstReply,
      long toolCall,
      long fileWrite,
      long toolResult,
      long secondRequest,
      long secondReply,
      long outcome) {}

  /**
   * A run as the loop records it: the coder is asked, writes a.py with a tool, is asked again,
   * submits; the run ends.
   */
  private Recorded recordRun() throws Exception {
    long run =
        project
            .runs()
            .create(
                new NewRun("benchmark-generator", "make a ramp", ModelConfig.of("x", "y").toJson()))
            .id();
    project
        .plans()
        .revise(run, "planner", "Make a ramp.", List.of(new TodoItem("ramp", "todo", null)));
    append(run, null, new EventPayload.RunStarted("benchmark-generator", "make a ramp", null));
    append(
        run,
        "coder",
        new EventPayload.NodeTransition("coder", "start", null, "You are the coder.", null, null));
    long opening = append(run, "coder", new EventPayload.UserMessage("Task: make a ramp"));
    long firstRequest = append(run, "coder", new EventPayload.ModelRequest(1, "fp1", 2));
    long firstReply =
        append(
            run,
            "coder",
            reply(
                1,
                "{\"tool_calls\":[{\"id\":\"c1\",\"name\":\"write_file\","
                    + "\"arguments\":{\"path\":\"a.py\",\"content\":\"print(1)\"}}]}"));
    long toolCall =
        append(
            run,
            "coder",
            new EventPayload.ToolCall(
                "c1", "write_file", "{\"path\":\"a.py\",\"content\":\"print(1)\"}"));
    long fileWrite =
        project.files().write(run, "coder", "a.py", "print(1)\n".getBytes(StandardCharsets.UTF_8));
    long toolResult =
        append(
            run,
            "coder",
            new EventPayload.ToolResult("c1", "write_file", false, "wrote a.py", null));
    long secondRequest = append(run, "coder", new EventPayload.ModelRequest(2, "fp2", 4));
    long secondReply = append(run, "coder", reply(2, "{\"text\":\"Done.\"}"));
    long outcome =
        append(run, null, new EventPayload.Outcome("FAILED", "failed", "the coder gave up"));
    return new Recorded(
        run,
        opening,
        firstRequest,
        firstReply,
        toolCall,
        fileWrite,
        toolResult,
        secondRequest,
        secondReply,
        outcome);
  }

  private static EventPayload.ModelResponse reply(int call, String turn) throws Exception {
    String response = ModelJson.responseToJson(ScriptedChatModel.reply(JSON.readTree(turn)));
    return new EventPayload.ModelResponse(
        call, 100, 20, 0.001, 5L, 1, null, null, response, null, null);
  }

  private long append(long run, String node, EventPayload p) {
    return project.events().append(run, Event.of(node, p));
  }

  private List<RecordedEvent> events(long run) {
    return project.events().stream(run).toList();
  }

  @Test
  void aForkReadsItsParentsEventsUpToItsPointThenItsOwn() throws Exception {
    Recorded r = recordRun();
    List<RecordedEvent> parentBefore = events(r.run());

    Forks.Made made = forks.fork(r.run(), r.toolResult(), ForkChange.none("ada", "what if"));

    long fork = made.fork().id();
    assertThat(made.point().moved()).isFalse();
    assertThat(made.fork().parentRunId()).isEqualTo(r.run());
    assertThat(made.fork().forkSeq()).isEqualTo(r.toolResult());
    List<RecordedEvent> forked = events(fork);
    assertThat(forked.subList(0, (int) r.toolResult()))
        .isEqualTo(parentBefore.subList(0, (int) r.toolResult()));
    assertThat(forked.subList(0, (int) r.toolResult())).allMatch(e -> e.runId() == r.run());
    RecordedEvent first = forked.get((int) r.toolResult());
    assertThat(first.runId()).isEqualTo(fork);
    assertThat(first.seq()).isEqualTo(r.toolResult() + 1);
    EventPayload.Fork event = first.payload(EventPayload.Fork.class);
    assertThat(event.by()).isEqualTo("ada");
    assertThat(event.why()).isEqualTo("what if");
    assertThat(event.atSeq()).isEqualTo(r.toolResult());
    // The fork's files and plan at its point are the parent's; the parent is untouched.
    assertThat(project.files().fileAt(fork, "a.py", Long.MAX_VALUE)).isPresent();
    assertThat(project.files().filesAt(fork, r.fileWrite() - 1)).isEmpty();
    assertThat(project.plans().latest(fork).orElseThrow().planText()).isEqualTo("Make a ramp.");
    assertThat(events(r.run())).isEqualTo(parentBefore);
    assertThat(project.events().lastSeq(fork)).isEqualTo(r.toolResult() + 1);
  }

  @Test
  void aForkWritesOnlyItsOwnVersionsAndReadsThroughToItsParentsForTheRest() throws Exception {
    Recorded r = recordRun();
    long fork = forks.fork(r.run(), r.toolResult(), ForkChange.none(null, null)).fork().id();

    project.files().write(fork, "coder", "b.py", "print(2)\n".getBytes(StandardCharsets.UTF_8));
    project.files().delete(fork, "coder", "a.py");

    assertThat(project.files().filesAt(fork, Long.MAX_VALUE)).containsOnlyKeys("b.py");
    assertThat(project.files().filesAt(fork, r.toolResult())).containsOnlyKeys("a.py");
    assertThat(project.files().versionAt(fork, "a.py", Long.MAX_VALUE)).isEmpty();
    assertThat(project.files().filesAt(r.run(), Long.MAX_VALUE)).containsOnlyKeys("a.py");
  }

  @Test
  void aStepInsideAnOpenModelCallOrARunningToolMovesTheForkBackAndSaysWhy() throws Exception {
    Recorded r = recordRun();

    Forks.Point inCall = forks.point(r.run(), r.secondRequest());
    assertThat(inCall.seq()).isEqualTo(r.toolResult());
    assertThat(inCall.note())
        .contains("inside an open model call")
        .contains(String.valueOf(r.secondRequest()));

    Forks.Point inTool = forks.point(r.run(), r.fileWrite());
    assertThat(inTool.seq()).isEqualTo(r.firstReply());
    assertThat(inTool.note()).contains("inside a running tool");

    Forks.Point afterEnd = forks.point(r.run(), r.outcome());
    assertThat(afterEnd.seq()).isEqualTo(r.secondReply());
    assertThat(afterEnd.note()).contains("the run had ended");

    Forks.Point clean = forks.point(r.run(), r.toolResult());
    assertThat(clean.moved()).isFalse();
    assertThat(clean.note()).isNull();
  }

  @Test
  void forkingBeforeTheFirstNodeOrPastTheEndIsRefusedAndRecordsNothing() throws Exception {
    Recorded r = recordRun();
    int runs = project.runs().list().size();

    assertThatThrownBy(() -> forks.fork(r.run(), 1, ForkChange.none(null, null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("before run " + r.run() + " began its first node")
        .hasMessageContaining("fork at " + r.opening());
    assertThatThrownBy(() -> forks.fork(r.run(), r.outcome() + 5, ForkChange.none(null, null)))
        .hasMessageContaining("there is no event " + (r.outcome() + 5));
    assertThatThrownBy(() -> forks.fork(999, 3, ForkChange.none(null, null)))
        .hasMessageContaining("No run 999");
    assertThat(project.runs().list()).hasSize(runs);
  }

  @Test
  void aReplyForARecordedReplyForksBeforeItsCallAndABadReplyIsRefused() throws Exception {
    Recorded r = recordRun();
    assertThat(forks.recordedReply(r.run(), r.toolResult()).orElseThrow().toString())
        .isEqualTo("{\"text\":\"Done.\"}");
    assertThat(forks.recordedReply(r.run(), r.secondReply()).orElseThrow().toString())
        .isEqualTo("{\"text\":\"Done.\"}");
    assertThat(forks.recordedReply(r.run(), r.opening()).orElseThrow().toString())
        .contains("write_file");

    Forks.Made made =
        forks.fork(
            r.run(),
            r.secondReply(),
            ForkChange.none("ada", null).withReply(JSON.readTree("{\"text\":\"Not done yet.\"}")));

    assertThat(made.point().seq()).isEqualTo(r.toolResult());
    assertThat(made.point().note()).contains("the reply replaces this recorded one");
    EventPayload.Fork event = events(made.fork().id()).getLast().payload(EventPayload.Fork.class);
    assertThat(event.change().get("reply").toString()).isEqualTo("{\"text\":\"Not done yet.\"}");
    assertThat(event.requestedSeq()).isEqualTo(r.secondReply());

    int runs = project.runs().list().size();
    assertThatThrownBy(
            () ->
                forks.fork(
                    r.run(),
                    r.toolResult(),
                    ForkChange.none(null, null)
                        .withReply(JSON.readTree("{\"tool_calls\":[{\"name\":\"x\"}]}"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("The reply is not valid")
        .hasMessageContaining("needs an id and a name");
    assertThatThrownBy(
            () ->
                forks.fork(
                    r.run(),
                    r.toolResult(),
                    ForkChange.none(null, null).withReply(JSON.readTree("{}"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("neither text nor tool_calls");
    assertThatThrownBy(
            () ->
                forks.fork(
                    r.run(),
                    r.toolResult(),
                    ForkChange.none(null, null).withReply(JSON.readTree("{\"words\":\"hi\"}"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("The reply is not a valid turn");
    assertThat(project.runs().list()).hasSize(runs);
  }

  @Test
  void aToolResultNeedsAToolCallWaitingAndAResultStepForksBeforeItsCall() throws Exception {
    Recorded r = recordRun();

    Forks.Made made =
        forks.fork(
            r.run(),
            r.toolResult(),
            ForkChange.none(null, null).withToolResult("refused by a human"));

    assertThat(made.point().seq()).isEqualTo(r.firstReply());
    EventPayload.Fork event = events(made.fork().id()).getLast().payload(EventPayload.Fork.class);
    assertThat(event.change().get("tool_result").toString())
        .isEqualTo("{\"text\":\"refused by a human\",\"id\":\"c1\"}");
    // The fork stopped before the tool ran: a.py was never written on this branch.
    assertThat(project.files().filesAt(made.fork().id(), Long.MAX_VALUE)).isEmpty();

    assertThatThrownBy(
            () ->
                forks.fork(
                    r.run(), r.secondReply(), ForkChange.none(null, null).withToolResult("x")))
        .hasMessageContaining("No tool call waits for its result");
  }

  @Test
  void aPlanTaskModelAndSettingsChangeAreRecordedOnTheFork() throws Exception {
    Recorded r = recordRun();
    ModelConfig other = ModelConfig.of("anthropic", "claude-x");

    Forks.Made made =
        forks.fork(
            r.run(),
            r.toolResult(),
            ForkChange.none("ada", "smaller")
                .withPlan("Make a small ramp.\n- [todo] small ramp\n- [done] measure")
                .withTask("make a small ramp")
                .withModel(other)
                .withNodeModels(Map.of("reviewer", ModelConfig.of("openai", "gpt-x")))
                .withSettings(Map.of("tool.approval.write_file", "ask")));

    long fork = made.fork().id();
    assertThat(made.fork().task()).isEqualTo("make a small ramp");
    assertThat(ModelConfig.fromJson(made.fork().modelConfigJson())).isEqualTo(other);
    var plan = project.plans().latest(fork).orElseThrow();
    assertThat(plan.planText()).isEqualTo("Make a small ramp.");
    assertThat(plan.revision()).isEqualTo(2);
    assertThat(plan.items())
        .extracting(TodoItem::text, TodoItem::status)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("small ramp", "todo"),
            org.assertj.core.groups.Tuple.tuple("measure", "done"));
    assertThat(project.plans().latest(r.run()).orElseThrow().revision()).isEqualTo(1);
    EventPayload.Fork event =
        events(fork).stream()
            .filter(e -> e.type() == EventType.FORK)
            .findFirst()
            .orElseThrow()
            .payload(EventPayload.Fork.class);
    assertThat(event.change().path("settings").path("tool.approval.write_file").asText())
        .isEqualTo("ask");
    assertThat(event.change().path("models").path("reviewer").path("model").asText())
        .isEqualTo("gpt-x");
  }

  @Test
  void aForkOfAForkOfAForkReadsEachAncestorsSharedPart() throws Exception {
    Recorded r = recordRun();
    long first = forks.fork(r.run(), r.toolResult(), ForkChange.none(null, "one")).fork().id();
    project.files().write(first, "coder", "b.py", "b1".getBytes(StandardCharsets.UTF_8));
    long firstWrite = project.events().lastSeq(first);
    long second = forks.fork(first, firstWrite, ForkChange.none(null, "two")).fork().id();
    project.files().write(second, "coder", "c.py", "c1".getBytes(StandardCharsets.UTF_8));
    // The third forks the second at a step the first owns and the second shares.
    long third = forks.fork(second, r.toolResult() + 1, ForkChange.none(null, "three")).fork().id();

    assertThat(project.runs().lineage(third))
        .extracting(s -> s.runId())
        .containsExactly(r.run(), first, third);
    List<RecordedEvent> events = events(third);
    assertThat(events).extracting(RecordedEvent::seq).isSorted().doesNotHaveDuplicates();
    assertThat(events.get((int) r.toolResult()).payload(EventPayload.Fork.class).why())
        .isEqualTo("one");
    assertThat(events.getLast().payload(EventPayload.Fork.class).why()).isEqualTo("three");
    assertThat(project.files().filesAt(third, Long.MAX_VALUE)).containsOnlyKeys("a.py");
    assertThat(project.files().filesAt(second, Long.MAX_VALUE))
        .containsOnlyKeys("a.py", "b.py", "c.py");
    assertThat(project.runs().forksOf(first)).extracting(f -> f.id()).containsExactly(second);
  }

  @Test
  void aForkAddsAFewHundredBytesNotACopy() throws Exception {
    Recorded r = recordRun();
    for (int i = 0; i < 2_000; i++) {
      append(r.run(), "coder", new EventPayload.UserMessage("padding " + i + " ".repeat(200)));
    }
    long last = project.events().lastSeq(r.run());
    project.close(); // closing folds the write-ahead log into the file
    long before = Files.size(dir.resolve("p.bwproj"));
    project = Project.open(dir.resolve("p.bwproj"));

    new Forks(project).fork(r.run(), last, ForkChange.none(null, null));
    project.close();

    assertThat(Files.size(dir.resolve("p.bwproj")) - before).isLessThan(before / 100);
    project = Project.open(dir.resolve("p.bwproj"));
  }

  @Test
  void comparingARunWithItsForkAlignsTheStepsAfterThePointAndDiffsTheFiles() throws Exception {
    Recorded r = recordRun();
    long fork = forks.fork(r.run(), r.toolResult(), ForkChange.none(null, null)).fork().id();
    project.files().write(fork, "coder", "a.py", "print(2)\n".getBytes(StandardCharsets.UTF_8));
    project.files().write(fork, "coder", "b.py", "new\n".getBytes(StandardCharsets.UTF_8));

    Comparison c = Comparison.of(project, r.run(), fork);

    assertThat(c.sharedTo()).isEqualTo(r.toolResult());
    assertThat(c.steps()).hasSize(3);
    assertThat(c.steps().get(0).a().type()).isEqualTo(EventType.MODEL_REQUEST);
    assertThat(c.steps().get(0).b().type()).isEqualTo(EventType.FILE_CHANGE);
    assertThat(c.steps().get(2).b()).isNull();
    assertThat(c.a().modelCalls()).isEqualTo(1);
    assertThat(c.a().inputTokens()).isEqualTo(100);
    assertThat(c.b().modelCalls()).isZero();
    assertThat(c.a().outcome()).isNull(); // recorded here without Runs.finish
    List<Comparison.FileDiff> diffs = c.filesAtEnd(project);
    assertThat(diffs)
        .extracting(Comparison.FileDiff::path, Comparison.FileDiff::change)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("a.py", "changed"),
            org.assertj.core.groups.Tuple.tuple("b.py", "added"));
    assertThat(diffs.getFirst().unifiedDiff()).contains("-print(1)").contains("+print(2)");
    assertThat(c.summary()).contains("Shared history: events 1 to " + r.toolResult());
    assertThatThrownBy(() -> Comparison.of(project, fork, fork))
        .hasMessageContaining("two different runs");
  }
}
