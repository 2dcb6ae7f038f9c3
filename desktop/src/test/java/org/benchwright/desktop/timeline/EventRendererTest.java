package org.benchwright.desktop.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.benchwright.desktop.timeline.EventEntry.Kind;
import org.benchwright.desktop.timeline.EventEntry.Verdict;
import org.benchwright.engine.project.EventType;
import org.benchwright.engine.project.RecordedEvent;
import org.junit.jupiter.api.Test;

class EventRendererTest {

  private static EventEntry render(EventType type, String payload) {
    return EventRenderer.render(
        new RecordedEvent(1, 7, type, "engineer", Instant.EPOCH, payload, null));
  }

  @Test
  void aModelResponseShowsItsTextAndToolCallsWithReasoningBehindTheExpander() {
    String response =
        "{\"ai_message\":{\"text\":\"Writing the part.\",\"toolExecutionRequests\":[{\"id\":\"c1\","
            + "\"name\":\"write_file\",\"arguments\":\"{\\\"path\\\":\\\"a.scad\\\"}\"}],"
            + "\"type\":\"AI\"}}";
    EventEntry e =
        render(
            EventType.MODEL_RESPONSE,
            "{\"call\":3,\"input_tokens\":100,\"output_tokens\":20,\"cost_usd\":0.5,"
                + "\"reasoning\":\"think first\",\"response\":"
                + com.fasterxml.jackson.databind.node.TextNode.valueOf(response)
                + "}");

    assertThat(e.kind()).isEqualTo(Kind.RESPONSE);
    assertThat(e.title()).startsWith("Model response #3 · 100 in / 20 out · $0.5000");
    assertThat(e.body()).contains("Writing the part.").contains("→ write_file");
    assertThat(e.body()).doesNotContain("think first");
    assertThat(e.detailLabel()).isEqualTo("Reasoning");
    assertThat(e.detail()).isEqualTo("think first");
  }

  @Test
  void aRefusalAndAReplyCutByTheTokenLimitSaySoInTheirTitle() {
    EventEntry refused =
        render(
            EventType.MODEL_RESPONSE,
            "{\"call\":2,\"input_tokens\":10,\"output_tokens\":9,\"finish_reason\":\"REFUSAL\","
                + "\"refusal\":\"I'm sorry, but I can't assist with that request.\"}");
    EventEntry cut =
        render(
            EventType.MODEL_RESPONSE,
            "{\"call\":3,\"input_tokens\":10,\"output_tokens\":4096,\"finish_reason\":\"LENGTH\"}");

    assertThat(refused.title()).endsWith("· REFUSED");
    assertThat(refused.body())
        .isEqualTo("Refused: I'm sorry, but I can't assist with that request.");
    assertThat(refused.verdict()).isEqualTo(Verdict.FAILED);
    assertThat(cut.title()).endsWith("· TRUNCATED at the output token limit");
    assertThat(cut.verdict()).isEqualTo(Verdict.FAILED);
  }

  @Test
  void aFailedToolResultIsMarkedAsAnError() {
    EventEntry e =
        render(
            EventType.TOOL_RESULT,
            "{\"id\":\"c\",\"name\":\"run\",\"error\":true,\"text\":\"no\"}");

    assertThat(e.kind()).isEqualTo(Kind.TOOL_RESULT);
    assertThat(e.verdict()).isEqualTo(Verdict.FAILED);
    assertThat(e.title()).isEqualTo("Tool error: run");
    assertThat(e.cssKind()).isEqualTo("kind-tool-result");
  }

  @Test
  void aToolCallShowsItsArgumentsPrettyPrinted() {
    EventEntry e =
        render(
            EventType.TOOL_CALL,
            "{\"id\":\"c\",\"name\":\"write_file\",\"arguments\":\"{\\\"path\\\":\\\"a.scad\\\"}\"}");

    assertThat(e.title()).isEqualTo("Tool call: write_file");
    assertThat(e.body()).contains("\"path\" : \"a.scad\"");
  }

  @Test
  void aSandboxExecShowsCommandExitCodeDurationTerminationAndOutput() {
    EventEntry e =
        render(
            EventType.SANDBOX_EXEC,
            "{\"command\":[\"sh\",\"-c\",\"make\"],\"exit_code\":2,\"duration_ms\":1500,"
                + "\"termination\":\"EXIT\",\"output_truncated\":true,\"stdout_sha256\":\"aa\","
                + "\"stderr_sha256\":\"bb\",\"stdout_preview\":\"built\",\"stderr_preview\":\"oops\"}");

    assertThat(e.kind()).isEqualTo(Kind.EXEC);
    assertThat(e.title()).isEqualTo("$ sh -c make");
    assertThat(e.body())
        .contains("exit 2 · 1.5 s · exit · output truncated")
        .contains("built")
        .contains("[stderr]\noops");
    assertThat(e.verdict()).isEqualTo(Verdict.FAILED);
    assertThat(e.outputBlobs()).containsExactly("aa", "bb");
    assertThat(e.detailLabel()).isEqualTo("Full output");
  }

  @Test
  void aTimedOutExecFailsEvenWithoutAnExitCode() {
    EventEntry e =
        render(
            EventType.SANDBOX_EXEC,
            "{\"command\":[\"sleep\",\"99\"],\"exit_code\":null,\"duration_ms\":60000,"
                + "\"termination\":\"TIMEOUT\"}");

    assertThat(e.body()).startsWith("no exit code · 60.0 s · timeout");
    assertThat(e.verdict()).isEqualTo(Verdict.FAILED);
    assertThat(e.expandable()).isFalse();
  }

  @Test
  void validationVerdictsSayPassedOrFailed() {
    assertThat(
            render(
                EventType.VALIDATION_VERDICT,
                "{\"check\":\"seeds\",\"passed\":true,\"report\":\"ok\"}"))
        .satisfies(
            e -> {
              assertThat(e.title()).isEqualTo("Validation passed: seeds");
              assertThat(e.verdict()).isEqualTo(Verdict.PASSED);
            });
    assertThat(
            render(
                EventType.VALIDATION_VERDICT,
                "{\"check\":\"seeds\",\"passed\":false,\"report\":\"seed 3 broke\"}"))
        .satisfies(
            e -> {
              assertThat(e.title()).isEqualTo("Validation failed: seeds");
              assertThat(e.body()).isEqualTo("seed 3 broke");
              assertThat(e.verdict()).isEqualTo(Verdict.FAILED);
            });
  }

  @Test
  void gatesShowWhatWaitsAndWhatWasDecided() {
    EventEntry opened = render(EventType.GATE_OPENED, "{\"kind\":\"plan\",\"subject\":{\"r\":1}}");
    EventEntry rejected =
        render(
            EventType.GATE_DECIDED,
            "{\"gate_seq\":6,\"kind\":\"plan\",\"decision\":\"rejected\",\"decided_by\":\"ana\","
                + "\"comment\":\"too heavy\"}");

    assertThat(opened.kind()).isEqualTo(Kind.GATE);
    assertThat(opened.title()).isEqualTo("Gate opened: plan — waiting for a decision");
    assertThat(rejected.title()).isEqualTo("Gate decided: rejected (plan)");
    assertThat(rejected.body()).isEqualTo("by ana: too heavy");
    assertThat(rejected.verdict()).isEqualTo(Verdict.FAILED);
  }

  @Test
  void transitionsMessagesErrorsAndOutcomesEachHaveTheirOwnKind() {
    EventEntry t =
        render(
            EventType.NODE_TRANSITION,
            "{\"to\":\"coder\",\"from\":\"planner\",\"outcome\":\"planned\",\"system\":\"You code\"}");
    assertThat(t.kind()).isEqualTo(Kind.TRANSITION);
    assertThat(t.title()).isEqualTo("planner → coder");
    assertThat(t.detail()).isEqualTo("You code");

    assertThat(render(EventType.USER_MESSAGE, "{\"text\":\"Task: ramp\"}").kind())
        .isEqualTo(Kind.MESSAGE);
    EventEntry err = render(EventType.ERROR, "{\"kind\":\"model_timeout\",\"message\":\"slow\"}");
    assertThat(err.kind()).isEqualTo(Kind.ERROR);
    assertThat(err.title()).isEqualTo("Error (model_timeout)");
    EventEntry out =
        render(
            EventType.OUTCOME,
            "{\"status\":\"FAILED\",\"outcome\":\"failed\",\"reason\":\"budget spent\"}");
    assertThat(out.kind()).isEqualTo(Kind.OUTCOME);
    assertThat(out.verdict()).isEqualTo(Verdict.FAILED);
    assertThat(out.body()).isEqualTo("budget spent");
  }

  @Test
  void aLongBodyShowsAnExcerptAndTheWholeTextBehindShowAll() {
    String text = "line\n".repeat(100);
    EventEntry e =
        render(
            EventType.USER_MESSAGE,
            "{\"text\":" + com.fasterxml.jackson.databind.node.TextNode.valueOf(text) + "}");

    assertThat(e.body().lines()).hasSizeLessThanOrEqualTo(EventRenderer.BODY_LINES + 1);
    assertThat(e.body()).contains("more characters");
    assertThat(e.detailLabel()).isEqualTo("Show all");
    assertThat(e.detail()).isEqualTo(text);
  }

  @Test
  void aPayloadThatIsNotJsonIsShownAsAnUnreadableEventWithTheRecordedText() {
    EventEntry e = render(EventType.TOOL_RESULT, "{\"name\": \"run\", trunc");

    assertThat(e.kind()).isEqualTo(Kind.UNREADABLE);
    assertThat(e.title()).isEqualTo("Unreadable event");
    assertThat(e.body())
        .isEqualTo(
            "This TOOL_RESULT event cannot be shown: its payload is not valid JSON."
                + " The recorded event is kept as it is.");
    assertThat(e.detail()).isEqualTo("{\"name\": \"run\", trunc");
    assertThat(e.seq()).isEqualTo(7);
  }

  @Test
  void aPayloadMissingTheFieldsOfItsTypeIsUnreadableToo() {
    EventEntry e = render(EventType.SANDBOX_EXEC, "{\"exit_code\":0}");

    assertThat(e.kind()).isEqualTo(Kind.UNREADABLE);
    assertThat(e.body()).contains("does not have the fields a SANDBOX_EXEC event has");
  }

  @Test
  void aModelResponseWithADamagedResponseIsUnreadable() {
    EventEntry e = render(EventType.MODEL_RESPONSE, "{\"call\":1,\"response\":\"{]\"}");

    assertThat(e.kind()).isEqualTo(Kind.UNREADABLE);
  }

  @Test
  void aJsonArrayPayloadIsUnreadable() {
    assertThat(render(EventType.NOTE, "[1,2]").body()).contains("not a JSON object");
  }

  @Test
  void anExperimentSaysWhatWasDecidedOnWhichNumbers() {
    EventEntry kept =
        render(
            EventType.EXPERIMENT,
            "{\"index\":3,\"status\":\"kept\",\"metric\":0.93,\"best\":0.918,"
                + "\"delta\":0.012,\"noise\":0.004,\"direction\":\"max\","
                + "\"hypothesis\":\"a smaller learning rate\",\"reason\":\"beats the best\"}");
    EventEntry discarded =
        render(
            EventType.EXPERIMENT,
            "{\"index\":4,\"status\":\"discarded\",\"metric\":0.921,\"delta\":0.003,"
                + "\"noise\":0.004}");
    EventEntry crashed =
        render(EventType.EXPERIMENT, "{\"index\":5,\"status\":\"crashed\",\"fix_attempt\":2}");

    assertThat(kept.title()).isEqualTo("Experiment #3 kept: metric 0.93 (Δ +0.012 > noise 0.004)");
    assertThat(kept.verdict()).isEqualTo(Verdict.PASSED);
    assertThat(kept.body()).contains("Hypothesis: a smaller learning rate").contains("Reason:");
    assertThat(discarded.title())
        .isEqualTo("Experiment #4 discarded: metric 0.921 (Δ +0.003 ≤ noise 0.004)");
    assertThat(crashed.title()).isEqualTo("Experiment #5 crashed: no metric · fix attempt 2");
    assertThat(crashed.verdict()).isEqualTo(Verdict.FAILED);
  }

  @Test
  void aForkEventSaysWhereByWhomAndWhyAndWhatItChanged() {
    EventEntry e =
        render(
            EventType.FORK,
            "{\"parent\":\"3f2a\",\"at_seq\":57,\"requested_seq\":59,"
                + "\"note\":\"Forked at 57, the last consistent step before 59.\","
                + "\"by\":\"alice\",\"why\":\"try a steeper ramp\",\"reuse_decisions\":true,"
                + "\"change\":{\"task\":\"A steeper ramp\",\"tool_result\":{\"text\":\"ok\"}}}");
    assertThat(e.kind()).isEqualTo(Kind.FORK);
    assertThat(e.title()).isEqualTo("Forked at event 57 by alice: try a steeper ramp");
    assertThat(e.body())
        .contains("From run 3f2a")
        .contains("Forked at 57, the last consistent step before 59.")
        .contains("Gate decisions reused")
        .contains("Changed: task, tool result")
        .contains("\"A steeper ramp\"");
  }

  @Test
  void aForkWithoutChangeOrReasonIsAPlainBranch() {
    EventEntry e =
        render(
            EventType.FORK,
            "{\"parent\":\"3f2a\",\"at_seq\":4,\"by\":\"bob\",\"reuse_decisions\":false,"
                + "\"change\":{}}");
    assertThat(e.title()).isEqualTo("Forked at event 4 by bob");
    assertThat(e.body())
        .contains("Gates open again for a person")
        .contains("No change: a plain branch");
  }
}
