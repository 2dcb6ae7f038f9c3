package org.benchwright.desktop.editor;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Regex-based highlighting: one pass of one alternation per language, yielding non-overlapping
 * tokens whose style classes the editor's stylesheet colours. Pure and thread-safe, so it runs on a
 * worker thread and only the finished spans reach the FX thread.
 */
final class Highlighter {

  /** A highlighted range [start, end) of the text and its style class. */
  record Token(int start, int end, String styleClass) {}

  private static final List<String> PYTHON_STYLES =
      List.of("comment", "string", "keyword", "builtin", "number", "decorator");
  private static final List<String> OPENSCAD_STYLES =
      List.of("comment", "string", "keyword", "builtin", "special", "number");

  private static final Pattern PYTHON =
      Pattern.compile(
          "(?<comment>#[^\\n]*)"
              + "|(?<string>[rRbBuUfF]{0,2}(?:\"\"\"[\\s\\S]*?\"\"\"|'''[\\s\\S]*?'''"
              + "|\"(?:[^\"\\\\\\n]|\\\\.)*\"|'(?:[^'\\\\\\n]|\\\\.)*'))"
              + "|(?<keyword>\\b(?:False|None|True|and|as|assert|async|await|break|class|continue"
              + "|def|del|elif|else|except|finally|for|from|global|if|import|in|is|lambda"
              + "|nonlocal|not|or|pass|raise|return|try|while|with|yield)\\b)"
              + "|(?<builtin>\\b(?:print|len|range|open|int|float|str|list|dict|set|tuple|min|max"
              + "|abs|sum|enumerate|zip|isinstance|super|self)\\b)"
              + "|(?<number>\\b\\d+(?:\\.\\d*)?(?:[eE][+-]?\\d+)?j?\\b)"
              + "|(?<decorator>@[A-Za-z_][\\w.]*)");

  private static final Pattern OPENSCAD =
      Pattern.compile(
          "(?<comment>//[^\\n]*|/\\*[\\s\\S]*?\\*/)"
              + "|(?<string>\"(?:[^\"\\\\]|\\\\.)*\")"
              + "|(?<keyword>\\b(?:module|function|if|else|for|intersection_for|let|each|include"
              + "|use|true|false|undef|assert|echo)\\b)"
              + "|(?<builtin>\\b(?:cube|sphere|cylinder|polyhedron|square|circle|polygon|text"
              + "|translate|rotate|scale|mirror|multmatrix|color|offset|hull|minkowski|union"
              + "|difference|intersection|linear_extrude|rotate_extrude|projection|import|surface"
              + "|render|children|resize|sin|cos|tan|asin|acos|atan|atan2|sqrt|pow|abs|min|max"
              + "|len|concat|str|floor|ceil|round|norm|cross|lookup|search)\\b)"
              + "|(?<special>\\$\\w+)"
              + "|(?<number>\\b\\d+(?:\\.\\d*)?(?:[eE][+-]?\\d+)?\\b)");

  private static final Pattern XML =
      Pattern.compile(
          "(?<comment><!--[\\s\\S]*?-->)"
              + "|(?<cdata><!\\[CDATA\\[[\\s\\S]*?]]>)"
              + "|(?<prolog><\\?[\\s\\S]*?\\?>)"
              + "|(?<open></?)(?<name>[\\w:.-]+)(?<attrs>[^<>]*?)(?<close>/?>)");

  private static final Pattern XML_ATTRIBUTE =
      Pattern.compile("(?<attr>[\\w:.-]+)\\s*=\\s*(?<value>\"[^\"]*\"|'[^']*')");

  private Highlighter() {}

  /** The tokens of {@code text} in order; unhighlighted text lies between them. */
  static List<Token> tokens(String text, Language language) {
    return switch (language) {
      case PYTHON -> simple(PYTHON, PYTHON_STYLES, text);
      case OPENSCAD -> simple(OPENSCAD, OPENSCAD_STYLES, text);
      case XML -> xml(text);
      case PLAIN -> List.of();
    };
  }

  private static List<Token> simple(Pattern pattern, List<String> styles, String text) {
    List<Token> tokens = new ArrayList<>();
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      for (String style : styles) {
        if (m.start(style) >= 0) {
          tokens.add(new Token(m.start(style), m.end(style), style));
          break;
        }
      }
    }
    return tokens;
  }

  private static List<Token> xml(String text) {
    List<Token> tokens = new ArrayList<>();
    Matcher m = XML.matcher(text);
    while (m.find()) {
      if (m.start("comment") >= 0) {
        tokens.add(new Token(m.start(), m.end(), "comment"));
      } else if (m.start("cdata") >= 0) {
        tokens.add(new Token(m.start(), m.end(), "string"));
      } else if (m.start("prolog") >= 0) {
        tokens.add(new Token(m.start(), m.end(), "keyword"));
      } else {
        tokens.add(new Token(m.start("open"), m.end("name"), "tag"));
        Matcher a = XML_ATTRIBUTE.matcher(text).region(m.start("attrs"), m.end("attrs"));
        while (a.find()) {
          tokens.add(new Token(a.start("attr"), a.end("attr"), "attribute"));
          tokens.add(new Token(a.start("value"), a.end("value"), "value"));
        }
        tokens.add(new Token(m.start("close"), m.end("close"), "tag"));
      }
    }
    return tokens;
  }
}
