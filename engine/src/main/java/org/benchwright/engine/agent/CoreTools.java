package org.benchwright.engine.agent;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.benchwright.engine.project.FileVersion;
import org.benchwright.engine.project.TodoItem;
import org.benchwright.engine.sandbox.ExecResult;

/**
 * The tools every workflow has: the run's files, a command in its sandbox, the TODO list. Workflow
 * tools come from plug-ins ({@link WorkflowPlugin#tools()}).
 */
final class CoreTools {

  static final int MAX_READ_CHARS = 60_000;

  private CoreTools() {}

  static List<Tool> all() {
    return List.of(
        Tools.tool(
            "list_files",
            "List the run's files with their sizes.",
            Tools.schema().build(),
            CoreTools::listFiles),
        Tools.tool(
            "read_file",
            "Read a text file of the run.",
            Tools.schema().addStringProperty("path", "run-relative path").required("path").build(),
            CoreTools::readFile),
        Tools.tool(
            "write_file",
            "Create or replace a file of the run.",
            Tools.schema()
                .addStringProperty("path", "run-relative path")
                .addStringProperty("content", "the whole new content")
                .required("path", "content")
                .build(),
            CoreTools::writeFile),
        Tools.tool(
            "edit_file",
            "Replace one exact, unique occurrence of a text in a file.",
            Tools.schema()
                .addStringProperty("path", "run-relative path")
                .addStringProperty("old_text", "text to find; must occur exactly once")
                .addStringProperty("new_text", "replacement")
                .required("path", "old_text", "new_text")
                .build(),
            CoreTools::editFile),
        Tools.tool(
            "run_command",
            "Run a shell command in the run's sandbox (no network; /workspace holds the run's"
                + " files). Returns exit code and output.",
            Tools.schema()
                .addStringProperty("command", "shell command line")
                .addIntegerProperty("timeout_seconds", "deadline, default 120, at most 900")
                .required("command")
                .build(),
            CoreTools::runCommand),
        Tools.tool(
            "update_todo",
            "Record the plan and its TODO list (a new revision each time).",
            Tools.schema()
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
            CoreTools::updateTodo));
  }

  private static ToolResult listFiles(ToolContext ctx, JsonNode a) {
    Map<String, FileVersion> files = ctx.project().files().filesAt(ctx.runId(), ctx.lastSeq());
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
      content = ctx.project().files().fileAt(ctx.runId(), path, ctx.lastSeq());
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
            ctx.project().files().fileAt(ctx.runId(), path, ctx.lastSeq()).orElseThrow(),
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
    return ToolResult.ok(Tools.describe(r));
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
