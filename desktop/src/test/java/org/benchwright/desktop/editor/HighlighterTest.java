package org.benchwright.desktop.editor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HighlighterTest {

  /** "text=class" for each token, to assert on what was highlighted as what. */
  private static List<String> shown(String text, Language language) {
    return Highlighter.tokens(text, language).stream()
        .map(t -> text.substring(t.start(), t.end()) + "=" + t.styleClass())
        .toList();
  }

  @Test
  void languageFollowsTheExtension() {
    assertThat(Language.of("src/Main.PY")).isEqualTo(Language.PYTHON);
    assertThat(Language.of("part.scad")).isEqualTo(Language.OPENSCAD);
    assertThat(Language.of("scene/robot.xml")).isEqualTo(Language.XML);
    assertThat(Language.of("notes.txt")).isEqualTo(Language.PLAIN);
  }

  @Test
  void pythonKeywordsStringsCommentsNumbersAndDecorators() {
    String code =
        "@cache\ndef area(r):  # not def here\n    s = \"if x\"\n    return 3.14 * r ** 2\n";
    assertThat(shown(code, Language.PYTHON))
        .containsExactly(
            "@cache=decorator",
            "def=keyword",
            "# not def here=comment",
            "\"if x\"=string",
            "return=keyword",
            "3.14=number",
            "2=number");
  }

  @Test
  void pythonTripleQuotedStringsSpanLines() {
    String code = "x = \"\"\"one\nwhile two\"\"\"\n";
    assertThat(shown(code, Language.PYTHON)).containsExactly("\"\"\"one\nwhile two\"\"\"=string");
  }

  @Test
  void openScadModulesBuiltinsSpecialVariablesAndBlockComments() {
    String code = "/* cube here */\nmodule peg(h=10) { cylinder(h=h, r=2, $fn=32); } // end\n";
    assertThat(shown(code, Language.OPENSCAD))
        .containsExactly(
            "/* cube here */=comment",
            "module=keyword",
            "10=number",
            "cylinder=builtin",
            "2=number",
            "$fn=special",
            "32=number",
            "// end=comment");
  }

  @Test
  void xmlTagsAttributesValuesAndComments() {
    String code =
        "<?xml version=\"1.0\"?>\n<!-- <body> -->\n<mujoco model='arm'>\n"
            + "  <geom type=\"box\" size=\"1 1 1\"/>\n</mujoco>\n";
    assertThat(shown(code, Language.XML))
        .containsExactly(
            "<?xml version=\"1.0\"?>=keyword",
            "<!-- <body> -->=comment",
            "<mujoco=tag",
            "model=attribute",
            "'arm'=value",
            ">=tag",
            "<geom=tag",
            "type=attribute",
            "\"box\"=value",
            "size=attribute",
            "\"1 1 1\"=value",
            "/>=tag",
            "</mujoco=tag",
            ">=tag");
  }

  @Test
  void plainTextHasNoTokensAndTokensNeverOverlap() {
    assertThat(Highlighter.tokens("def x", Language.PLAIN)).isEmpty();
    String big = "def f():\n    return 'x'  # c\n".repeat(20_000);
    List<Highlighter.Token> tokens = Highlighter.tokens(big, Language.PYTHON);
    assertThat(tokens).hasSize(80_000);
    for (int i = 1; i < tokens.size(); i++) {
      assertThat(tokens.get(i).start()).isGreaterThanOrEqualTo(tokens.get(i - 1).end());
    }
  }
}
