package org.benchwright.engine.workflow.skillwriter;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.benchwright.engine.agent.Tool;
import org.benchwright.engine.agent.ToolContext;
import org.benchwright.engine.agent.ToolResult;
import org.benchwright.engine.agent.Tools;
import org.benchwright.engine.project.Skills;
import org.benchwright.engine.skills.SkillDraft;
import org.benchwright.engine.skills.SkillHit;
import org.benchwright.engine.skills.SkillLibrary;

/** The skill library as tools: search and read for every workflow, write for the skill-writer. */
final class SkillTools {

  private SkillTools() {}

  static List<Tool> all() {
    return List.of(
        Tools.tool(
            "search_skills",
            "Find learned skills: describe the problem in your own words (meaning and keywords"
                + " both count). Returns names, titles and scores, best first.",
            Tools.schema().addStringProperty("query").required("query").build(),
            SkillTools::searchSkills),
        Tools.tool(
            "read_skill",
            "Read a learned skill by name (its newest version unless you give one).",
            Tools.schema()
                .addStringProperty("name")
                .addIntegerProperty("version", "a version number; default the newest")
                .required("name")
                .build(),
            SkillTools::readSkill),
        Tools.tool(
            "write_skill",
            "Save a skill: a new one (omit name) or a new version of an existing one (give its"
                + " name). The markdown needs sections '## When to use' and '## Steps', ideally"
                + " '## Snippets'.",
            Tools.schema()
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
            SkillTools::writeSkill));
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
}
