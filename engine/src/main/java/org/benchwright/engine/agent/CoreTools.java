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

  /** A page of read_file: about 4,000 tokens. */
  static final int MAX_READ_CHARS = 16_000;

  /** A page of list_files: about 2,000 tokens. */
  static final int LIST_PAGE_CHARS = 8_000;

  private CoreTools() {}

  static List<Tool> all() {
    return List.of(
        Tools.tool(
            "list_files",
            "List the run's files with their sizes, a page at a time.",
            Tools.schema()
                .addStringProperty("folder", "only files under this run-relative folder")
                .addIntegerProperty("offset", "skip this many files (for the next page)")
                .build(),
            CoreTools::listFiles),
        Tools.tool(
            "read_file",
            "Read a text file of the run, a page of characters at a time.",
            Tools.schema()
                .addStringProperty("path", "run-relative path")
                .addIntegerProperty("offset", "start at this character (for the next page)")
                .required("path")
                .build(),
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
    String folder = a.hasNonNull("folder") ? a.get("folder").asText().replaceAll("/+$", "") : "";
    long offset = a.hasNonNull("offset") ? Math.max(0, a.get("offset").asLong()) : 0;
    Map<String, FileVersion> all = ctx.project().files().filesAt(ctx.runId(), ctx.lastSeq());
    List<FileVersion> files =
        all.values().stream()
            .filter(f -> folder.isEmpty() || f.path().startsWith(folder + "/"))
            .toList();
    if (files.isEmpty()) {
      return ToolResult.ok(folder.isEmpty() ? "No files yet." : "No files under " + folder + "/.");
    }
    StringBuilder sb = new StringBuilder();
    long shown = 0;
    for (int i = (int) Math.min(offset, files.size()); i < files.size(); i++) {
      FileVersion f = files.get(i);
      String line =
          f.path() + (f.symlink() ? "  (symbolic link)" : "  " + f.size() + " bytes") + "\n";
      if (sb.length() + line.length() > LIST_PAGE_CHARS) {
        break;
      }
      sb.append(line);
      shown++;
    }
    long left = files.size() - offset - shown;
    if (left > 0 || offset > 0) {
      long total = files.stream().mapToLong(f -> Math.max(0, f.size())).sum();
      sb.append(
          String.format(
              java.util.Locale.ROOT,
              "[files %d–%d of %d (%d bytes in all); %d left out",
              Math.min(offset + 1, files.size()),
              offset + shown,
              files.size(),
              total,
              Math.max(0, left)));
      if (left > 0) {
        sb.append("; call list_files with offset=").append(offset + shown).append(" for more");
        String folders = topFolders(files, folder);
        if (!folders.isEmpty()) {
          sb.append(", or with folder= one of: ").append(folders);
        }
      }
      sb.append("]\n");
    }
    return ToolResult.ok(sb.toString());
  }

  /** The folders right below {@code folder} with their file counts, largest first, at most 20. */
  private static String topFolders(List<FileVersion> files, String folder) {
    Map<String, Long> counts = new java.util.TreeMap<>();
    int skip = folder.isEmpty() ? 0 : folder.length() + 1;
    for (FileVersion f : files) {
      int slash = f.path().indexOf('/', skip);
      if (slash > 0) {
        counts.merge(f.path().substring(0, slash), 1L, Long::sum);
      }
    }
    return counts.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .limit(20)
        .map(e -> e.getKey() + " (" + e.getValue() + ")")
        .collect(java.util.stream.Collectors.joining(", "));
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
    int offset =
        a.hasNonNull("offset")
            ? (int) Math.min(Math.max(0, a.get("offset").asLong()), text.length())
            : 0;
    if (offset == 0 && text.length() <= MAX_READ_CHARS) {
      return ToolResult.ok(text);
    }
    int end = Math.min(text.length(), offset + MAX_READ_CHARS);
    StringBuilder sb = new StringBuilder(text.substring(offset, end));
    sb.append(
        String.format(
            java.util.Locale.ROOT, "%n[characters %d–%d of %d shown", offset, end, text.length()));
    if (end < text.length()) {
      sb.append("; call read_file with offset=").append(end).append(" for more");
    }
    return ToolResult.ok(sb.append(']').toString());
  }

  private static ToolResult writeFile(ToolContext ctx, JsonNode a) {
    Optional<String> refused = ctx.writeRefusal(a.get("path").asText());
    if (refused.isPresent()) {
      return ToolResult.error(refused.get());
    }
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
    Optional<String> refused = ctx.writeRefusal(path);
    if (refused.isPresent()) {
      return ToolResult.error(refused.get());
    }
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
