package org.benchwright.engine.agent;

/**
 * The most characters of one tool result the model reads. Tools that can return a lot page their
 * results below this themselves (list_files, read_file); this is the net under every tool, a
 * workflow's included, so no result can outgrow a model's context (a 4.5 MB file listing did).
 */
public final class ResultCap {

  /** The setting, per tool: {@code tool.max_result_chars.list_files}. */
  public static final String KEY = "tool.max_result_chars.{tool}";

  /** About 5,000 tokens. */
  public static final int DEFAULT_CHARS = 20_000;

  private ResultCap() {}

  static int limit(ToolContext ctx, String tool) {
    return ctx.project()
        .settings()
        .get(KEY.replace("{tool}", tool))
        .map(
            v -> {
              try {
                return Integer.parseInt(v.strip());
              } catch (NumberFormatException e) {
                return DEFAULT_CHARS;
              }
            })
        .orElse(DEFAULT_CHARS);
  }

  static ToolResult apply(ToolContext ctx, String tool, ToolResult r) {
    int limit = limit(ctx, tool);
    if (r.text() == null || r.text().length() <= limit) {
      return r;
    }
    String cut =
        r.text().substring(0, limit)
            + "\n[... "
            + (r.text().length() - limit)
            + " more characters left out: results of "
            + tool
            + " are capped at "
            + limit
            + " characters (setting "
            + KEY.replace("{tool}", tool)
            + "). Ask for less at a time.]";
    return new ToolResult(cut, r.error(), r.outcome());
  }
}
