package org.benchwright.engine.agent;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.benchwright.engine.mjcf.MjcfIssue;
import org.benchwright.engine.mjcf.MjcfSchema;
import org.benchwright.engine.sandbox.ExecResult;

/**
 * Validates an MJCF file of the run: first the schema of the benchmark subset (fast, exact line
 * numbers), then MuJoCo itself in the sandbox (compile, initial intersections, stability).
 */
final class ValidateMjcfTool implements Tool {

  private static final ToolSpecification SPEC =
      ToolSpecification.builder()
          .name("validate_mjcf")
          .description(
              "Validate an MJCF scene of the run: schema check, then MuJoCo compile, initial"
                  + " intersections deeper than 1 mm, and 1.5 s of stability. Returns the verdict.")
          .parameters(
              JsonObjectSchema.builder()
                  .addStringProperty("path", "run-relative path of the .xml scene")
                  .required("path")
                  .build())
          .build();

  @Override
  public ToolSpecification spec() {
    return SPEC;
  }

  @Override
  public ToolResult run(ToolContext ctx, JsonNode args) {
    String path = args.get("path").asText();
    Optional<byte[]> xml;
    try {
      xml =
          ctx.project()
              .files()
              .fileAt(ctx.runId(), path, ctx.project().events().lastSeq(ctx.runId()));
    } catch (IllegalArgumentException e) {
      return ToolResult.error(e.getMessage());
    }
    if (xml.isEmpty()) {
      return ToolResult.error(
          "No file '" + path + "'. Generate the scene first (run_command), then validate it.");
    }
    List<MjcfIssue> issues = MjcfSchema.validate(xml.get());
    if (!issues.isEmpty()) {
      StringBuilder sb = new StringBuilder("verdict: schema_error\n");
      issues.stream()
          .limit(20)
          .forEach(
              i ->
                  sb.append("line ")
                      .append(i.line())
                      .append(": ")
                      .append(i.message())
                      .append('\n'));
      return ToolResult.ok(sb.toString());
    }
    ExecResult r =
        ctx.sandbox()
            .get()
            .run(
                ctx.node(),
                "mjcf-check '" + path.replace("'", "'\\''") + "'",
                Duration.ofSeconds(120));
    return ToolResult.ok(verdictLine(r.stdoutText()) + Tools.describe(r));
  }

  private static String verdictLine(String json) {
    int i = json.indexOf("\"verdict\":\"");
    if (i < 0) {
      return "";
    }
    int end = json.indexOf('"', i + 11);
    return "verdict: " + json.substring(i + 11, end) + "\n";
  }
}
