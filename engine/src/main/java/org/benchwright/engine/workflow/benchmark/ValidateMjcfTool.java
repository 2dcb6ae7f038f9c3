package org.benchwright.engine.workflow.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.benchwright.engine.agent.Tool;
import org.benchwright.engine.agent.ToolContext;
import org.benchwright.engine.agent.ToolResult;
import org.benchwright.engine.agent.Tools;
import org.benchwright.engine.mjcf.MjcfIssue;
import org.benchwright.engine.mjcf.MjcfSchema;
import org.benchwright.engine.sandbox.ExecResult;

/**
 * Validates an MJCF file of the run: first the schema of the benchmark subset (fast, exact line
 * numbers), then MuJoCo itself in the sandbox (compile, initial intersections, stability).
 */
final class ValidateMjcfTool implements Tool {

  /** Every 25 steps of 2 ms: 20 frames per simulated second, smooth enough to watch. */
  static final int POSES_EVERY = 25;

  private static final ToolSpecification SPEC =
      Tools.spec(
          "validate_mjcf",
          "Validate an MJCF scene of the run: schema check, then MuJoCo compile, initial"
              + " intersections deeper than 1 mm, and 1.5 s of stability. Returns the verdict.",
          JsonObjectSchema.builder()
              .addStringProperty("path", "run-relative path of the .xml scene")
              .required("path")
              .build());

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
      return ToolResult.ok("verdict: schema_error\n" + MjcfIssue.lines(issues, 20));
    }
    ExecResult r = ctx.sandbox().get().run(ctx.node(), command(path), Duration.ofSeconds(120));
    return ToolResult.ok(verdictLine(r.stdoutText()) + Tools.describe(r));
  }

  /** Where the full report, with its pose track, is kept: beside the scene. */
  static String reportPath(String scene) {
    String base = scene.endsWith(".xml") ? scene.substring(0, scene.length() - 4) : scene;
    return base + ".check.json";
  }

  /**
   * mjcf-check with body poses sampled for playback. The report with its poses becomes a run file
   * (the 3D viewer plays the newest one); the model is shown the report without the poses, which
   * would only fill its context. The exit status stays mjcf-check's.
   */
  private static String command(String scene) {
    String quotedScene = "'" + scene.replace("'", "'\\''") + "'";
    String quotedReport = "'" + reportPath(scene).replace("'", "'\\''") + "'";
    return "mjcf-check --poses-every "
        + POSES_EVERY
        + " "
        + quotedScene
        + " > "
        + quotedReport
        + "; s=$?; python3 -c \"import json,sys; d=json.load(open(sys.argv[1])); d.pop('poses',None);"
        + " print(json.dumps(d,separators=(',',':')))\" "
        + quotedReport
        + "; exit $s";
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
