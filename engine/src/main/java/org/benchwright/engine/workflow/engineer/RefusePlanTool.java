package org.benchwright.engine.workflow.engineer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.benchwright.engine.agent.Tool;
import org.benchwright.engine.agent.ToolContext;
import org.benchwright.engine.agent.ToolResult;
import org.benchwright.engine.agent.Tools;
import org.benchwright.engine.project.EventPayload;
import org.benchwright.engine.project.EventType;
import org.benchwright.engine.project.PlanRevision;
import org.benchwright.engine.project.RecordedEvent;
import org.benchwright.engine.project.TodoItem;

/**
 * The engineer's refusal of a plan, with proof: a document citing the failed validations of this
 * run (VALIDATION_VERDICT events that did not pass) that show the plan cannot work. A refusal
 * without such evidence is returned to the model as an error, so "impossible" is never a cheap way
 * out. The evidence must be about the current plan: recorded after the planner last handed over. An
 * accepted refusal ends the node with outcome {@value #OUTCOME}; the open TODO items are marked
 * refused, with the evidence as their proof.
 */
final class RefusePlanTool implements Tool {

  static final String NAME = "refuse_plan";
  static final String OUTCOME = "refused";
  static final int MIN_DOCUMENT_CHARS = 80;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ToolSpecification SPEC =
      Tools.spec(
          NAME,
          "Refuse the plan because it cannot work, with proof. The document explains what"
              + " you tried and why the plan is impossible; evidence lists the event numbers"
              + " (#N) of failed simulate or validate_and_price results of this run that show"
              + " it. A critic then confirms the refusal (back to the planner) or rejects it.",
          JsonObjectSchema.builder()
              .addStringProperty(
                  "document", "the refusal: attempts, what failed, why the plan cannot work")
              .addProperty(
                  "evidence",
                  JsonArraySchema.builder()
                      .description("event numbers of failed verdicts, e.g. [41, 57]")
                      .items(JsonIntegerSchema.builder().build())
                      .build())
              .required("document", "evidence")
              .build());

  @Override
  public ToolSpecification spec() {
    return SPEC;
  }

  @Override
  public List<String> endsNodeWith() {
    return List.of(OUTCOME);
  }

  @Override
  public ToolResult run(ToolContext ctx, JsonNode args) {
    String document = args.get("document").asText().strip();
    Set<Long> cited = new LinkedHashSet<>();
    args.get("evidence").forEach(n -> cited.add(n.asLong()));
    long planSince = currentPlanSince(ctx);
    List<RecordedEvent> failures =
        failedVerdicts(ctx).stream().filter(e -> e.seq() > planSince).toList();
    if (cited.isEmpty()) {
      return ToolResult.error(
          "A refusal needs evidence: list the event numbers of failed simulate or"
              + " validate_and_price results of this run. "
              + available(failures));
    }
    if (document.length() < MIN_DOCUMENT_CHARS) {
      return ToolResult.error(
          "The refusal document is too short ("
              + document.length()
              + " characters; at least "
              + MIN_DOCUMENT_CHARS
              + "): say what you tried, what failed and why the plan cannot work.");
    }
    StringBuilder proof = new StringBuilder();
    for (long seq : cited) {
      RecordedEvent e =
          ctx.project().events().events(ctx.runId(), seq, 1).stream()
              .filter(x -> x.seq() == seq)
              .findFirst()
              .orElse(null);
      String problem = problem(e, seq);
      if (problem == null && seq <= planSince) {
        problem =
            "Event #"
                + seq
                + " was recorded before the planner handed over the current plan (at #"
                + planSince
                + "): cite evidence about this plan.";
      }
      if (problem != null) {
        return ToolResult.error(problem + " " + available(failures));
      }
      EventPayload.ValidationVerdict v = Evidence.verdict(e).orElseThrow();
      proof
          .append("#")
          .append(seq)
          .append(" ")
          .append(v.check())
          .append(" of ")
          .append(Evidence.detail(v, "solution", "the run"))
          .append(": ")
          .append(firstLines(v.report() == null ? "" : v.report(), 6))
          .append('\n');
    }
    String evidence = cited.stream().map(s -> "#" + s).reduce((a, b) -> a + ", " + b).orElse("");
    markRefused(ctx, evidence);
    return ToolResult.end(
        OUTCOME,
        "REFUSAL of the plan, with evidence "
            + evidence
            + ".\n\n"
            + document
            + "\n\nEvidence (failed verdicts recorded in this run):\n"
            + proof);
  }

  /** Null when the event is a failed verdict of this run, else what is wrong with citing it. */
  private static String problem(RecordedEvent e, long seq) {
    if (e == null) {
      return "Event #" + seq + " does not exist in this run.";
    }
    if (e.type() != EventType.VALIDATION_VERDICT) {
      return "Event #"
          + seq
          + " is a "
          + e.type()
          + ", not a validation verdict: cite the number a simulate or validate_and_price"
          + " result gave as 'evidence event #N'.";
    }
    if (Evidence.verdict(e).map(EventPayload.ValidationVerdict::passed).orElse(true)) {
      return "Event #"
          + seq
          + " is a verdict that passed: it shows the plan can work, not that it cannot.";
    }
    return null;
  }

  private static String available(List<RecordedEvent> failures) {
    if (failures.isEmpty()) {
      return "This run has no failed verdict yet: try the plan with simulate (or"
          + " validate_and_price) first.";
    }
    return "Failed verdicts of this run: "
        + failures.stream().map(e -> "#" + e.seq()).reduce((a, b) -> a + ", " + b).orElseThrow()
        + ".";
  }

  /** The sequence number of the planner's last hand-over: older evidence is about another plan. */
  private static long currentPlanSince(ToolContext ctx) {
    return ctx.project().events().stream(ctx.runId(), Set.of(EventType.NODE_TRANSITION))
        .filter(e -> "planner".equals(e.payload(EventPayload.NodeTransition.class).from()))
        .mapToLong(RecordedEvent::seq)
        .max()
        .orElse(0);
  }

  private static List<RecordedEvent> failedVerdicts(ToolContext ctx) {
    return Evidence.events(ctx.project(), ctx.runId())
        .filter(e -> Evidence.verdict(e).map(v -> !v.passed()).orElse(false))
        .toList();
  }

  private static void markRefused(ToolContext ctx, String evidence) {
    PlanRevision plan = ctx.project().plans().latest(ctx.runId()).orElse(null);
    if (plan == null) {
      return;
    }
    List<TodoItem> items =
        plan.items().stream()
            .map(
                i ->
                    i.status().equals("done")
                        ? i
                        : new TodoItem(
                            i.text(), "refused", "see the refusal; evidence " + evidence))
            .toList();
    ctx.project().plans().revise(ctx.runId(), ctx.node(), plan.planText(), items);
  }

  private static String firstLines(String text, int n) {
    String[] lines = text.split("\n");
    return String.join("\n  ", java.util.Arrays.copyOf(lines, Math.min(n, lines.length)));
  }
}
