package org.benchwright.engine.workflow.automl;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import org.benchwright.engine.agent.Tool;
import org.benchwright.engine.agent.ToolContext;
import org.benchwright.engine.agent.ToolResult;
import org.benchwright.engine.agent.Tools;
import org.benchwright.engine.automl.AutoMlPlan;
import org.benchwright.engine.automl.AutoMlSettings;
import org.benchwright.engine.automl.Harness;
import org.benchwright.engine.automl.Leaderboard;
import org.benchwright.engine.automl.Profile;
import org.benchwright.engine.automl.RunDataset;
import org.benchwright.engine.automl.Training;
import org.benchwright.engine.project.Event;
import org.benchwright.engine.project.EventPayload.AutoMl;
import org.benchwright.engine.project.PlanRevision;
import org.benchwright.engine.project.TodoItem;
import org.benchwright.engine.sandbox.ExecResult;
import org.benchwright.engine.sandbox.Termination;

/**
 * The automl tools. The model chooses (the plan, custom features); the harness and {@link Training}
 * do the parts that must be reliable (folds, budgets, scoring, ensembling).
 */
final class AutoMlTools {

  private static final Duration DEFAULT_PLAN_LIMIT = Duration.ofSeconds(120);
  private static final String DEFAULT_PLAN_FILE = "default-plan.json";

  private AutoMlTools() {}

  static List<Tool> all() {
    return List.of(
        datasetProfile(),
        defaultPlan(),
        proposePlan(),
        trainCandidates(),
        buildEnsemble(),
        leaderboard());
  }

  /** What a plan tool does once the run's dataset and approved plan are there. */
  @FunctionalInterface
  private interface PlanBody {
    ToolResult run(ToolContext ctx, JsonNode args, AutoMlPlan plan);
  }

  /** A tool of an automl run: refused, saying so, in a run that has no dataset. */
  private static Tool onDataset(
      String name,
      String description,
      JsonObjectSchema params,
      BiFunction<ToolContext, JsonNode, ToolResult> body) {
    return Tools.tool(
        name,
        description,
        params,
        (ctx, a) ->
            RunDataset.of(ctx.project(), ctx.runId()).isPresent()
                ? body.apply(ctx, a)
                : ToolResult.error("This run has no dataset; these tools belong to automl."));
  }

  /** A tool that works on the approved plan: a plan that does not parse is the model's error. */
  private static Tool onPlan(
      String name, String description, JsonObjectSchema params, PlanBody body) {
    return onDataset(
        name,
        description,
        params,
        (ctx, a) -> {
          AutoMlPlan plan;
          try {
            plan = approved(ctx);
          } catch (IllegalArgumentException e) {
            return ToolResult.error(e.getMessage());
          }
          return body.run(ctx, a, plan);
        });
  }

  static Tool datasetProfile() {
    return onDataset(
        "dataset_profile",
        "The dataset's profile: rows, typed columns with missing values and cardinality, the"
            + " detected target and task with the reason, class balance, meta-features.",
        Tools.schema().build(),
        (ctx, a) -> {
          RunDataset.Recorded in = RunDataset.of(ctx.project(), ctx.runId()).orElseThrow();
          Profile p = RunDataset.profile(ctx.project(), ctx.runId()).orElseThrow();
          return ToolResult.ok(
              "Dataset " + in.dataset() + " (" + in.dataPath() + ")\n" + p.describe());
        });
  }

  static Tool defaultPlan() {
    return onDataset(
        "default_plan",
        "The harness's default plan for this dataset (target, task, metric, 5-fold CV, candidates"
            + " with search spaces, ensemble, the project's budget): a starting point to adapt.",
        Tools.schema().build(),
        (ctx, a) -> {
          String cmd =
              "python3 "
                  + Harness.FILE
                  + " default-plan --profile "
                  + RunDataset.PROFILE_FILE
                  + " --out "
                  + DEFAULT_PLAN_FILE
                  + " --budget "
                  + AutoMlSettings.budgetSeconds(ctx.project());
          ExecResult r = ctx.sandbox().get().run(ctx.node(), cmd, DEFAULT_PLAN_LIMIT);
          if (r.termination() != Termination.EXIT || r.exitCode() == null || r.exitCode() != 0) {
            return ToolResult.error(
                "The harness could not write a default plan: " + Harness.problem(r));
          }
          return ctx.project()
              .files()
              .fileAt(ctx.runId(), DEFAULT_PLAN_FILE, ctx.lastSeq())
              .map(b -> ToolResult.ok(new String(b, StandardCharsets.UTF_8)))
              .orElseGet(() -> ToolResult.error("The harness left no " + DEFAULT_PLAN_FILE + "."));
        });
  }

  static Tool proposePlan() {
    return onDataset(
        "propose_plan",
        "Propose the training plan (JSON, as default_plan gives it) with a rationale. It is"
            + " checked, stored as plan.json and as the run's plan for the human to approve;"
            + " then submit outcome planned.",
        Tools.schema()
            .addStringProperty("plan", "the plan as JSON text")
            .addStringProperty("rationale", "why this plan, in a paragraph")
            .required("plan", "rationale")
            .build(),
        (ctx, a) -> {
          AutoMlPlan plan;
          try {
            plan = AutoMlPlan.parse(a.get("plan").asText());
          } catch (IllegalArgumentException e) {
            return ToolResult.error(e.getMessage());
          }
          Optional<String> wrong = mismatch(ctx, plan);
          if (wrong.isPresent()) {
            return ToolResult.error(wrong.get());
          }
          ctx.project()
              .files()
              .write(
                  ctx.runId(),
                  ctx.node(),
                  AutoMlPlan.FILE,
                  plan.text().getBytes(StandardCharsets.UTF_8));
          ctx.project()
              .plans()
              .revise(
                  ctx.runId(),
                  ctx.node(),
                  plan.text() + "\nRationale: " + a.get("rationale").asText().strip() + "\n",
                  items(plan));
          ctx.project()
              .events()
              .append(
                  ctx.runId(),
                  Event.of(
                      ctx.node(),
                      new AutoMl(
                          Leaderboard.PLAN,
                          null,
                          Leaderboard.OK,
                          plan.candidates().size()
                              + " candidates, "
                              + plan.metric()
                              + ", budget "
                              + plan.budgetSeconds()
                              + " s",
                          plan.json())));
          return ToolResult.ok(
              "Plan recorded ("
                  + plan.candidates().size()
                  + " candidates). Submit outcome planned to ask for approval.");
        });
  }

  /** A plan's TODO list: one item per candidate, the ensemble, the report. */
  private static List<TodoItem> items(AutoMlPlan plan) {
    List<TodoItem> items = new ArrayList<>();
    for (AutoMlPlan.Candidate c : plan.candidates()) {
      items.add(new TodoItem("train " + c.name() + " (" + c.model() + ")", "todo", null));
    }
    if (plan.ensembleTop() >= 2) {
      items.add(new TodoItem("ensemble the best " + plan.ensembleTop(), "todo", null));
    }
    items.add(new TodoItem("report the leaderboard", "todo", null));
    return items;
  }

  /** What the plan gets wrong about this dataset (a target or dropped column it does not have). */
  private static Optional<String> mismatch(ToolContext ctx, AutoMlPlan plan) {
    Profile p = RunDataset.profile(ctx.project(), ctx.runId()).orElseThrow();
    List<String> names = p.columns().stream().map(Profile.Column::name).toList();
    if (!names.contains(plan.target())) {
      return Optional.of(
          "The plan's target '" + plan.target() + "' is not a column; the columns: " + names);
    }
    for (var d : plan.json().path("drop")) {
      if (!names.contains(d.asText())) {
        return Optional.of("The plan drops '" + d.asText() + "', which is not a column.");
      }
    }
    if (plan.featuresCode().isPresent()
        && ctx.project()
            .files()
            .fileAt(ctx.runId(), plan.featuresCode().get(), ctx.lastSeq())
            .isEmpty()) {
      return Optional.of(
          "The plan names features_code "
              + plan.featuresCode().get()
              + ", which is not among the run's files: write it first.");
    }
    return Optional.empty();
  }

  /**
   * The plan the run trains: the newest revision's (the human's edit when they edited it). Its text
   * is the plan's JSON followed by the rationale, which the JSON reader stops before.
   */
  static AutoMlPlan approved(ToolContext ctx) {
    PlanRevision rev =
        ctx.project()
            .plans()
            .latest(ctx.runId())
            .orElseThrow(() -> new IllegalArgumentException("The run has no plan."));
    return AutoMlPlan.parse(rev.planText());
  }

  static Tool trainCandidates() {
    return onPlan(
        "train_candidates",
        "Train the approved plan's candidates not trained yet (or again, those named), each"
            + " cross-validated and tuned within its share of the budget left; returns the"
            + " leaderboard.",
        Tools.schema()
            .addProperty(
                "names",
                JsonArraySchema.builder()
                    .items(new JsonStringSchema())
                    .description("candidates to (re)train; empty or absent: all")
                    .build())
            .build(),
        (ctx, a, plan) -> {
          List<String> names = new ArrayList<>();
          a.path("names").forEach(n -> names.add(n.asText()));
          List<String> known = plan.candidates().stream().map(AutoMlPlan.Candidate::name).toList();
          for (String n : names) {
            if (!known.contains(n)) {
              return ToolResult.error("No candidate '" + n + "' in the plan; it has " + known);
            }
          }
          Training t = training(ctx);
          List<Leaderboard.Row> rows = t.train(plan, names);
          StringBuilder sb = new StringBuilder();
          for (Leaderboard.Row r : rows) {
            sb.append(r.name()).append(": ").append(r.status()).append(" — ").append(r.detail());
            sb.append('\n');
          }
          return ToolResult.ok(sb + Leaderboard.of(ctx.project(), ctx.runId()).summary());
        });
  }

  static Tool buildEnsemble() {
    return onPlan(
        "build_ensemble",
        "Ensemble the best scored candidates (weights chosen on out-of-fold predictions, scored"
            + " by nested cross-validation); returns the leaderboard.",
        Tools.schema().build(),
        (ctx, a, plan) -> {
          Leaderboard.Row r = training(ctx).ensemble(plan);
          return ToolResult.ok(
              "ensemble: "
                  + r.status()
                  + " — "
                  + r.detail()
                  + "\n"
                  + Leaderboard.of(ctx.project(), ctx.runId()).summary());
        });
  }

  static Tool leaderboard() {
    return Tools.tool(
        "leaderboard",
        "Every candidate ranked by its cross-validated score, with its trials and status.",
        Tools.schema().build(),
        (ctx, a) -> ToolResult.ok(Leaderboard.of(ctx.project(), ctx.runId()).summary()));
  }

  private static Training training(ToolContext ctx) {
    RunDataset.Recorded in = RunDataset.of(ctx.project(), ctx.runId()).orElseThrow();
    return new Training(ctx.project(), ctx.runId(), ctx.node(), ctx.sandbox(), in.dataPath());
  }
}
