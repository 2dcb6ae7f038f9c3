package org.benchwright.desktop.summary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.benchwright.engine.project.EventType;
import org.benchwright.engine.project.RecordedEvent;
import org.junit.jupiter.api.Test;

class RunSummaryTest {

  private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

  private static RecordedEvent event(
      long seq, long atMillis, EventType type, String node, String json) {
    return new RecordedEvent(1, seq, type, node, T0.plusMillis(atMillis), json, null);
  }

  private static String usage(long in, long out, double cost) {
    return "{\"input_tokens\":" + in + ",\"output_tokens\":" + out + ",\"cost_usd\":" + cost + "}";
  }

  @Test
  void tokensCostAndCallsAreSummedPerNodeInTheOrderNodesFirstRan() {
    RunSummary s =
        new RunSummary.Builder()
            .add(event(1, 0, EventType.RUN_STARTED, null, "{}"))
            .add(event(2, 10, EventType.NODE_TRANSITION, "planner", "{}"))
            .add(event(3, 1_010, EventType.MODEL_RESPONSE, "planner", usage(100, 20, 0.001)))
            .add(event(4, 1_020, EventType.NODE_TRANSITION, "coder", "{}"))
            .add(event(5, 3_020, EventType.MODEL_RESPONSE, "coder", usage(300, 50, 0.004)))
            .add(event(6, 4_020, EventType.MODEL_RESPONSE, "coder", usage(400, 60, 0.005)))
            .add(event(7, 4_520, EventType.MODEL_RESPONSE, "planner", usage(10, 2, 0.0001)))
            .build();

    assertThat(s.nodes())
        .extracting(RunSummary.NodeTotals::node)
        .containsExactly("(run)", "planner", "coder");
    RunSummary.NodeTotals planner = s.nodes().get(1);
    RunSummary.NodeTotals coder = s.nodes().get(2);
    assertThat(planner.inputTokens()).isEqualTo(110);
    assertThat(planner.outputTokens()).isEqualTo(22);
    assertThat(planner.modelCalls()).isEqualTo(2);
    assertThat(planner.costUsd()).isCloseTo(0.0011, within(1e-9));
    assertThat(coder.tokens()).isEqualTo(810);
    assertThat(coder.costUsd()).isCloseTo(0.009, within(1e-9));
    assertThat(s.inputTokens()).isEqualTo(810);
    assertThat(s.costUsd()).isCloseTo(0.0101, within(1e-9));
    // Time is charged to the node of the event that waited: planner 10+1000+500, coder
    // 10+2000+1000.
    assertThat(planner.millis()).isEqualTo(1_510);
    assertThat(coder.millis()).isEqualTo(3_010);
  }

  @Test
  void eachStepIsTheTimeSinceThePreviousEvent() {
    RunSummary s =
        new RunSummary.Builder()
            .add(event(1, 0, EventType.RUN_STARTED, null, "{}"))
            .add(event(2, 250, EventType.TOOL_CALL, "coder", "{}"))
            .add(
                event(
                    3,
                    2_250,
                    EventType.SANDBOX_EXEC,
                    "coder",
                    "{\"duration_ms\":1900,\"exit_code\":0}"))
            .build();

    assertThat(s.steps())
        .extracting(RunSummary.StepTime::seq, RunSummary.StepTime::millis)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1L, 0L),
            org.assertj.core.groups.Tuple.tuple(2L, 250L),
            org.assertj.core.groups.Tuple.tuple(3L, 2_000L));
    assertThat(s.execs()).isEqualTo(1);
    assertThat(s.execMillis()).isEqualTo(1_900);
  }

  @Test
  void verdictsAreCountedAndTheOutcomeGivesStatusAndReason() {
    RunSummary s =
        new RunSummary.Builder()
            .add(event(1, 0, EventType.VALIDATION_VERDICT, null, "{\"passed\":false}"))
            .add(event(2, 1, EventType.VALIDATION_VERDICT, null, "{\"passed\":true}"))
            .add(
                event(
                    3,
                    2,
                    EventType.OUTCOME,
                    null,
                    "{\"status\":\"FAILED\",\"outcome\":\"failed\",\"reason\":\"coder gave up\"}"))
            .build();

    assertThat(s.verdictsPassed()).isEqualTo(1);
    assertThat(s.verdictsFailed()).isEqualTo(1);
    assertThat(s.outcome()).isEqualTo(new RunSummary.Outcome("FAILED", "failed", "coder gave up"));
    assertThat(s.outcome().passed()).isFalse();
  }

  @Test
  void anEventFoldedTwiceCountsOnce() {
    RunSummary.Builder b = new RunSummary.Builder();
    RecordedEvent e = event(1, 0, EventType.MODEL_RESPONSE, "coder", usage(5, 5, 0));

    RunSummary s = b.add(e).add(e).build();

    assertThat(s.events()).isEqualTo(1);
    assertThat(s.inputTokens()).isEqualTo(5);
  }

  @Test
  void repliesCutByTheTokenLimitAndRefusalsAreCounted() {
    RunSummary s =
        new RunSummary.Builder()
            .add(event(1, 0, EventType.MODEL_RESPONSE, "coder", usage(10, 4096, 0)))
            .add(
                event(
                    2,
                    10,
                    EventType.MODEL_RESPONSE,
                    "coder",
                    "{\"input_tokens\":10,\"output_tokens\":4096,\"finish_reason\":\"LENGTH\"}"))
            .add(
                event(
                    3,
                    20,
                    EventType.MODEL_RESPONSE,
                    "coder",
                    "{\"input_tokens\":10,\"output_tokens\":9,\"finish_reason\":\"REFUSAL\","
                        + "\"refusal\":\"I can't help with that.\"}"))
            .build();

    assertThat(s.truncatedReplies()).isEqualTo(1);
    assertThat(s.refusals()).isEqualTo(1);
    assertThat(s.nodes().getFirst().modelCalls()).isEqualTo(3);
  }

  @Test
  void anUnreadablePayloadAddsNothingButTheStepStillCounts() {
    RunSummary s =
        new RunSummary.Builder()
            .add(event(1, 0, EventType.MODEL_RESPONSE, "coder", "{not json"))
            .build();

    assertThat(s.events()).isEqualTo(1);
    assertThat(s.inputTokens()).isZero();
    assertThat(s.nodes().getFirst().modelCalls()).isEqualTo(1);
  }

  @Test
  void aLongRunIsDownsampledKeepingTheSlowestStepOfEachBucket() {
    List<RunSummary.StepTime> all = new ArrayList<>();
    for (int i = 1; i <= 100_000; i++) {
      all.add(new RunSummary.StepTime(i, EventType.NOTE, "n", i == 54_321 ? 99_000 : 1));
    }

    List<RunSummary.StepTime> kept = RunSummary.Builder.downsample(all);

    assertThat(kept).hasSize(RunSummary.MAX_STEP_POINTS);
    assertThat(kept).extracting(RunSummary.StepTime::seq).contains(54_321L).isSorted();
  }
}
