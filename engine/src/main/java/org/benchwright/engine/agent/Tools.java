package org.benchwright.engine.agent;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import java.util.List;
import java.util.function.BiFunction;
import org.benchwright.engine.sandbox.ExecResult;

/** Helpers for writing tools: a tool from a spec and a function, and how command output reads. */
public final class Tools {

  static final int MAX_OUTPUT_CHARS = 8_000;

  private Tools() {}

  public static JsonObjectSchema.Builder schema() {
    return JsonObjectSchema.builder();
  }

  /** A tool's specification: what the model sees of it. */
  public static ToolSpecification spec(String name, String description, JsonObjectSchema params) {
    return ToolSpecification.builder()
        .name(name)
        .description(description)
        .parameters(params)
        .build();
  }

  /** A tool whose body is a function of its context and its (validated) arguments. */
  public static Tool tool(
      String name,
      String description,
      JsonObjectSchema params,
      BiFunction<ToolContext, JsonNode, ToolResult> body) {
    ToolSpecification spec = spec(name, description, params);
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

  /** A sandbox command's result as the model reads it: exit, termination, the tails of output. */
  public static String describe(ExecResult r) {
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
        (ctx, a) -> ToolResult.end(a.get("outcome").asText(), a.get("summary").asText()));
  }
}
