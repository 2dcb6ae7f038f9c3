package org.benchwright.desktop.skills;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.benchwright.engine.project.Skills.SkillVersion;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/** A skill version as a small HTML page for the WebView. */
final class MarkdownHtml {

  private static final Parser PARSER = Parser.builder().build();
  // Skills are written by models: raw HTML in them is shown as text, never interpreted.
  private static final HtmlRenderer RENDERER =
      HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).build();
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());
  private static final String STYLE =
      "body{font-family:sans-serif;font-size:13px;margin:12px;color:#222}"
          + "h1{font-size:18px;margin:0 0 4px}.meta{color:#666;margin-bottom:12px}"
          + "h2{font-size:15px;border-bottom:1px solid #ddd}"
          + "pre{background:#f4f4f4;padding:8px;overflow:auto}code{font-family:monospace}";

  private MarkdownHtml() {}

  static String page(SkillVersion v) {
    String meta =
        "version "
            + v.version()
            + " · "
            + WHEN.format(v.createdAt())
            + (v.originRunId() == null
                ? " · written or edited by hand"
                : " · taught by run " + v.originRunId())
            + (v.assets().isEmpty() ? "" : " · " + v.assets().size() + " asset(s)");
    return "<html><head><style>"
        + STYLE
        + "</style></head><body><h1>"
        + escape(v.title())
        + "</h1><div class=\"meta\">"
        + escape(meta)
        + "</div>"
        + RENDERER.render(PARSER.parse(v.markdown()))
        + "</body></html>";
  }

  static String escape(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
