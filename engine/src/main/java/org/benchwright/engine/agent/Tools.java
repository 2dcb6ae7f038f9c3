package org.benchwright.engine.agent;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import org.benchwright.engine.project.FileVersion;
import org.benchwright.engine.project.Skills;
import org.benchwright.engine.project.TodoItem;
import org.benchwright.engine.sandbox.ExecResult;
import org.benchwright.engine.skills.SkillDraft;
import org.benchwright.engine.skills.SkillHit;
import org.benchwright.engine.skills.SkillLibrary;

/** The tools of CAD/MJCF work, by name. */
final class Tools {

  static final int MAX_READ_CHARS = 60_000;
  static final int MAX_OUTPUT_CHARS = 8_000;

  private final Map<String, Tool> byName = new LinkedHashMap<>();

  Tools() {
    add(
        tool(
            "list_files",
            "List the run's files with their sizes.",
            schema().build(),
            Tools::listFiles));
    add(
        tool(
            "read_file",
            "Read a text file of the run.",
            schema().addStringProperty("path", "run-relative path").required("path").build(),
            Tools::readFile));
    add(
        tool(
            "write_file",
            "Create or replace a file of the run.",
            schema()
                .addStringProperty("path", "run-relative path")
                .addStringProperty("content", "the whole new content")
                .required("path", "content")
                .build(),
            Tools::writeFile));
    add(
        tool(
            "edit_file",
            "Replace one exact, unique occurrence of a text in a file.",
            schema()
                .addStringProperty("path", "run-relative path")
                .addStringProperty("old_text", "text to find; must occur exactly once")
                .addStringProperty("new_text", "replacement")
                .required("path", "old_text", "new_text")
                .build(),
            Tools::editFile));
    add(
        tool(
            "run_command",
            "Run a shell command in the run's sandbox (no network; /workspace holds the run's"
                + " files). Returns exit code and output.",
            schema()
                .addStringProperty("command", "shell command line")
                .addIntegerProperty("timeout_seconds", "deadline, default 120, at most 900")
                .required("command")
                .build(),
            Tools::runCommand));
    add(
        tool(
            "update_todo",
            "Record the plan and its TODO list (a new revision each time).",
            schema()
                .addStringProperty("plan", "the plan as short prose")
                .addProperty(
                    "items",
                    JsonArraySchema.builder()
                        .items(
                            JsonObjectSchema.builder()
                                .addStringProperty("text")
                                .addProperty(
                                    "status",
                                    JsonEnumSchema.builder()
                                        .enumValues("todo", "doing", "done", "refused")
                                        .build())
                                .addStringProperty("proof", "required when refused")
                                .required("text", "status")
                                .build())
                        .build())
                .required("plan", "items")
                .build(),
            Tools::updateTodo));
    add(
        tool(
            "search_skills",
            "Find learned skills: describe the problem in your own words (meaning and keywords"
                + " both count). Returns names, titles and scores, best first.",
            schema().addStringProperty("query").required("query").build(),
            Tools::searchSkills));
    add(
        tool(
            "read_skill",
            "Read a learned skill by name (its newest version unless you give one).",
            schema()
                .addStringProperty("name")
                .addIntegerProperty("version", "a version number; default the newest")
                .required("name")
                .build(),
            Tools::readSkill));
    add(
        tool(
            "write_skill",
            "Save a skill: a new one (omit name) or a new version of an existing one (give its"
                + " name). The markdown needs sections '## When to use' and '## Steps', ideally"
                + " '## Snippets'.",
            schema()
                .addStringProperty("name", "existing skill to update; omit to create one")
                .addStringProperty("title", "one line saying what the skill does")
                .addStringProperty("markdown", "the skill's body")
                .addProperty(
                    "assets",
                    JsonArraySchema.builder()
                        .items(
                            JsonObjectSchema.builder()
                                .addStringProperty("name", "file name")
                                .addStringProperty("content", "text content")
                                .required("name", "content")
                                .build())
                        .build())
                .required("title", "markdown")
                .build(),
            Tools::writeSkill));
    add(new ValidateMjcfTool());
    add(
        tool(
            "simulate",
            "Simulate your solution in the run's benchmark: the solution's MJCF fragment is"
                + " placed in benchmark/scene.xml, its parts must lie in the build zone, then each"
                + " variant (the moved object's start jittered) runs until the object enters the"
                + " goal zone or fails (timeout, forbid-zone contact, leaving bounds, instability,"
                + " a saturated motor). Reports per variant: outcome, time to goal, closest"
                + " distance, failure reason; the verdict is recorded as an evidence event.",
            schema()
                .addStringProperty(
                    "path", "the solution's MJCF fragment, default " + Simulation.DEFAULT_SOLUTION)
                .addIntegerProperty(
                    "variants",
                    "how many jittered starts, default "
                        + Simulation.DEFAULT_VARIANTS
                        + ", at most "
                        + Simulation.MAX_VARIANTS)
                .addNumberProperty(
                    "seconds",
                    "simulated time limit per variant, default "
                        + Simulation.fmt(Simulation.DEFAULT_SECONDS)
                        + ", at most "
                        + Simulation.fmt(Simulation.MAX_SECONDS))
                .build(),
            Tools::simulate));
    add(
        tool(
            "list_evidence",
            "List the validation verdicts recorded in this run (simulations, price checks,"
                + " acceptance), newest last, with their event numbers.",
            schema().build(),
            Tools::listEvidence));
    add(new RefusePlanTool());
    add(CadTools.preview());
    add(CadTools.validateAndPrice());
  }

  private static ToolResult simulate(ToolContext ctx, JsonNode a) {
    Simulation.Request defaults =
        Simulation.Request.defaults(
            ctx.project(),
            a.hasNonNull("path") ? a.get("path").asText() : Simulation.DEFAULT_SOLUTION);
    Simulation.Request request;
    try {
      request =
          new Simulation.Request(
              defaults.solutionPath(),
              a.hasNonNull("variants") ? a.get("variants").asInt() : defaults.variants(),
              a.hasNonNull("seconds") ? a.get("seconds").asDouble() : defaults.seconds());
      Simulation.Outcome o =
          Simulation.run(ctx.project(), ctx.runId(), ctx.node(), ctx.sandbox(), request);
      return ToolResult.ok(o.report());
    } catch (IllegalArgumentException e) {
      return ToolResult.error(e.getMessage());
    }
  }

  private static ToolResult listEvidence(ToolContext ctx, JsonNode a) {
    StringBuilder sb = new StringBuilder();
    long last = seq(ctx);
    for (long from = 1; from <= last; from += 1_000) {
      for (var e : ctx.project().events().events(ctx.runId(), from, 1_000)) {
        if (e.type() != org.benchwright.engine.project.EventType.VALIDATION_VERDICT) {
          continue;
        }
        try {
          JsonNode p = new com.fasterxml.jackson.databind.ObjectMapper().readTree(e.payloadJson());
          String report = p.path("report").asText();
          sb.append('#')
              .append(e.seq())
              .append(' ')
              .append(p.path("check").asText())
              .append(p.path("passed").asBoolean() ? " passed" : " FAILED")
              .append(e.node() == null ? "" : " (by " + e.node() + ")")
              .append(": ")
              .append(report.length() > 1_500 ? report.substring(0, 1_500) + " [...]" : report)
              .append('\n');
        } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
          sb.append('#').append(e.seq()).append(" (unreadable)\n");
        }
      }
    }
    return ToolResult.ok(sb.isEmpty() ? "No verdict recorded in this run yet." : sb.toString());
  }

  /** submit depends on the node: its outcomes are the node's edges. */
  static Tool submit(List<String> outcomes) {
    return tool(
        "submit",
        "End your part: choose an outcome and summarise what you did.",
        schema()
            .addProperty("outcome", JsonEnumSchema.builder().enumValues(outcomes).build())
            .addStringProperty("summary")
            .addStringProperty(
                "expected_solution", "planner only: the mechanism you expect to work")
            .required("outcome", "summary")
            .build(),
        (ctx, a) -> ToolResult.submit(a.get("outcome").asText(), a.get("summary").asText()));
  }

  private void add(Tool t) {
    byName.put(t.name(), t);
  }

  Optional<Tool> get(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  private static JsonObjectSchema.Builder schema() {
    return JsonObjectSchema.builder();
  }

  static Tool tool(
      String name,
      String description,
      JsonObjectSchema params,
      BiFunction<ToolContext, JsonNode, ToolResult> body) {
    ToolSpecification spec =
        ToolSpecification.builder().name(name).description(description).parameters(params).build();
    return new Tool() {
      @Override
      public ToolSpecification spec() {
        return spec;
      }

      @Override
      public ToolResult run(ToolContext ctx, JsonNode args) {
        return body.apply(ctx, args);
      }
    };
  }

  private static ToolResult searchSkills(ToolContext ctx, JsonNode a) {
    String query = a.get("query").asText();
    if (query.isBlank()) {
      return ToolResult.error("The query is empty; describe the problem you want a skill for.");
    }
    List<SkillHit> hits = SkillLibrary.of(ctx.project()).search(query, 5);
    if (hits.isEmpty()) {
      return ToolResult.ok("No skill matches.");
    }
    StringBuilder sb = new StringBuilder();
    for (SkillHit h : hits) {
      sb.append(
          String.format(
              java.util.Locale.ROOT,
              "- %s (version %d): %s [score %.2f; meaning %.2f, words %.2f]%n",
              h.skill().name(),
              h.skill().version(),
              h.skill().title(),
              h.score(),
              h.semantic(),
              h.keyword()));
    }
    return ToolResult.ok(sb + "Read one with read_skill.");
  }

  private static ToolResult readSkill(ToolContext ctx, JsonNode a) {
    String name = a.get("name").asText();
    SkillLibrary library = SkillLibrary.of(ctx.project());
    Optional<Skills.SkillVersion> found =
        a.hasNonNull("version") ? library.read(name, a.get("version").asInt()) : library.read(name);
    if (found.isEmpty()) {
      return ToolResult.error(
          library.read(name).isPresent()
              ? "Skill '" + name + "' has no version " + a.get("version").asInt() + "."
              : "No skill named '" + name + "'. Use search_skills to find one.");
    }
    Skills.SkillVersion v = found.get();
    StringBuilder sb =
        new StringBuilder("# ")
            .append(v.title())
            .append("\n(skill ")
            .append(v.name())
            .append(", version ")
            .append(v.version())
            .append(")\n\n")
            .append(v.markdown())
            .append('\n');
    for (Skills.Asset asset : v.assets()) {
      sb.append("\n--- asset ").append(asset.name()).append(" ---\n");
      library
          .asset(v, asset.name())
          .ifPresent(b -> sb.append(new String(b, StandardCharsets.UTF_8)));
    }
    return ToolResult.ok(sb.toString());
  }

  private static ToolResult writeSkill(ToolContext ctx, JsonNode a) {
    Map<String, byte[]> assets = new LinkedHashMap<>();
    for (JsonNode asset : a.path("assets")) {
      String assetName = asset.get("name").asText();
      if (assets.put(assetName, asset.get("content").asText().getBytes(StandardCharsets.UTF_8))
          != null) {
        return ToolResult.error("Two assets are named '" + assetName + "'.");
      }
    }
    String name = a.hasNonNull("name") ? a.get("name").asText() : null;
    SkillLibrary library = SkillLibrary.of(ctx.project());
    if (name != null && !name.isBlank() && library.read(name).isEmpty()) {
      return ToolResult.error(
          "No skill named '" + name + "' to update; omit name to create a new skill.");
    }
    Skills.SkillVersion saved;
    try {
      saved =
          library.save(
              new SkillDraft(
                  name, a.get("title").asText(), a.get("markdown").asText(), assets, ctx.runId()));
    } catch (IllegalArgumentException e) {
      return ToolResult.error(e.getMessage() + " Nothing was saved.");
    }
    return ToolResult.ok(
        "Saved skill '"
            + saved.name()
            + "' version "
            + saved.version()
            + " (taught by run "
            + ctx.runId()
            + ").");
  }

  private static long seq(ToolContext ctx) {
    return ctx.project().events().lastSeq(ctx.runId());
  }

  private static ToolResult listFiles(ToolContext ctx, JsonNode a) {
    Map<String, FileVersion> files = ctx.project().files().filesAt(ctx.runId(), seq(ctx));
    if (files.isEmpty()) {
      return ToolResult.ok("No files yet.");
    }
    StringBuilder sb = new StringBuilder();
    for (FileVersion f : files.values()) {
      int size = ctx.project().blobs().get(f.blobSha()).map(b -> b.length).orElse(0);
      sb.append(f.path()).append("  ").append(size).append(" bytes\n");
    }
    return ToolResult.ok(sb.toString());
  }

  private static ToolResult readFile(ToolContext ctx, JsonNode a) {
    String path = a.get("path").asText();
    Optional<byte[]> content;
    try {
      content = ctx.project().files().fileAt(ctx.runId(), path, seq(ctx));
    } catch (IllegalArgumentException e) {
      return ToolResult.error(e.getMessage());
    }
    if (content.isEmpty()) {
      return ToolResult.error("No file '" + path + "'. Use list_files to see the run's files.");
    }
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .decode(java.nio.ByteBuffer.wrap(content.get()))
              .toString();
    } catch (CharacterCodingException e) {
      return ToolResult.error(
          "'"
              + path
              + "' is binary ("
              + content.get().length
              + " bytes); it cannot be shown as text.");
    }
    if (text.length() > MAX_READ_CHARS) {
      return ToolResult.ok(
          text.substring(0, MAX_READ_CHARS)
              + "\n[... truncated at "
              + MAX_READ_CHARS
              + " characters]");
    }
    return ToolResult.ok(text);
  }

  private static ToolResult writeFile(ToolContext ctx, JsonNode a) {
    try {
      ctx.project()
          .files()
          .write(
              ctx.runId(),
              ctx.node(),
              a.get("path").asText(),
              a.get("content").asText().getBytes(StandardCharsets.UTF_8));
      return ToolResult.ok("Wrote " + a.get("path").asText() + ".");
    } catch (IllegalArgumentException e) {
      return ToolResult.error(e.getMessage());
    }
  }

  private static ToolResult editFile(ToolContext ctx, JsonNode a) {
    String path = a.get("path").asText();
    ToolResult current = readFile(ctx, a);
    if (current.error()) {
      return current;
    }
    String text =
        new String(
            ctx.project().files().fileAt(ctx.runId(), path, seq(ctx)).orElseThrow(),
            StandardCharsets.UTF_8);
    String old = a.get("old_text").asText();
    int first = text.indexOf(old);
    if (old.isEmpty() || first < 0) {
      return ToolResult.error("old_text does not occur in " + path + ".");
    }
    if (text.indexOf(old, first + 1) >= 0) {
      return ToolResult.error(
          "old_text occurs more than once in " + path + "; include more context.");
    }
    String updated =
        text.substring(0, first)
            + a.get("new_text").asText()
            + text.substring(first + old.length());
    ctx.project()
        .files()
        .write(ctx.runId(), ctx.node(), path, updated.getBytes(StandardCharsets.UTF_8));
    return ToolResult.ok("Edited " + path + ".");
  }

  private static ToolResult runCommand(ToolContext ctx, JsonNode a) {
    long seconds =
        a.has("timeout_seconds") && !a.get("timeout_seconds").isNull()
            ? a.get("timeout_seconds").asLong()
            : 120;
    if (seconds < 1 || seconds > 900) {
      return ToolResult.error("timeout_seconds must be between 1 and 900.");
    }
    ExecResult r =
        ctx.sandbox().get().run(ctx.node(), a.get("command").asText(), Duration.ofSeconds(seconds));
    return ToolResult.ok(describe(r));
  }

  static String describe(ExecResult r) {
    StringBuilder sb = new StringBuilder();
    sb.append("exit code: ").append(r.exitCode() == null ? "none" : r.exitCode());
    // No duration here: what the model reads must not vary between identical runs, or a replay
    // of the run would diverge. Durations are recorded with the SANDBOX_EXEC event.
    sb.append(" (").append(r.termination().name().toLowerCase(java.util.Locale.ROOT)).append(")\n");
    if (r.detail() != null) {
      sb.append(r.detail()).append('\n');
    }
    sb.append("stdout:\n")
        .append(tail(r.stdoutText()))
        .append("\nstderr:\n")
        .append(tail(r.stderrText()));
    return sb.toString();
  }

  private static String tail(String s) {
    return s.length() <= MAX_OUTPUT_CHARS
        ? s
        : "[... "
            + (s.length() - MAX_OUTPUT_CHARS)
            + " characters cut]\n"
            + s.substring(s.length() - MAX_OUTPUT_CHARS);
  }

  private static ToolResult updateTodo(ToolContext ctx, JsonNode a) {
    List<TodoItem> items = new ArrayList<>();
    try {
      for (JsonNode i : a.get("items")) {
        items.add(
            new TodoItem(
                i.get("text").asText(),
                i.get("status").asText(),
                i.hasNonNull("proof") ? i.get("proof").asText() : null));
      }
    } catch (IllegalArgumentException e) {
      return ToolResult.error(e.getMessage());
    }
    var rev = ctx.project().plans().revise(ctx.runId(), ctx.node(), a.get("plan").asText(), items);
    return ToolResult.ok(
        "Recorded plan revision " + rev.revision() + " with " + items.size() + " items.");
  }
}
