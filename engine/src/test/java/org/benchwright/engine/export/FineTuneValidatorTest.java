package org.benchwright.engine.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import org.junit.jupiter.api.Test;

class FineTuneValidatorTest {

  private static final String TOOLS =
      ",\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\",\"parameters\":{\"type\":\"object\"}}}]";
  private static final String GOOD =
      "{\"messages\":[{\"role\":\"system\",\"content\":\"s\"},{\"role\":\"user\",\"content\":\"u\"},"
          + "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"c1\",\"type\":\"function\","
          + "\"function\":{\"name\":\"f\",\"arguments\":\"{\\\"a\\\":1}\"}}]},"
          + "{\"role\":\"tool\",\"tool_call_id\":\"c1\",\"content\":\"r\"},"
          + "{\"role\":\"assistant\",\"content\":\"done\"}]"
          + TOOLS
          + "}";

  @Test
  void acceptsAGoodLineAndReportsEachBadOneWithItsNumberAndReason() throws Exception {
    String[] bad = {
      "{not json",
      "{\"messages\":[]}",
      "{\"messages\":[{\"role\":\"assistant\",\"content\":\"x\"}]}",
      "{\"messages\":[{\"role\":\"user\",\"content\":\"u\"},{\"role\":\"robot\",\"content\":\"x\"}]}",
      GOOD.replace("{\\\"a\\\":1}", "{oops"),
      GOOD.replace("\"tool_call_id\":\"c1\"", "\"tool_call_id\":\"c2\""),
      // the call is answered only after the next assistant message
      "{\"messages\":[{\"role\":\"user\",\"content\":\"u\"},{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"c1\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"{}\"}}]},{\"role\":\"assistant\",\"content\":\"x\"},{\"role\":\"tool\",\"tool_call_id\":\"c1\",\"content\":\"r\"}]}",
      // never answered
      "{\"messages\":[{\"role\":\"user\",\"content\":\"u\"},{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"c1\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"{}\"}}]}]}",
      GOOD.replace(
          "\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\"",
          "\"type\":\"fn\",\"function\":{\"name\":\"f\",\"arguments\""),
      GOOD.replace("\"parameters\":{\"type\":\"object\"}", "\"parameters\":\"object\""),
      GOOD.replace(TOOLS, ",\"tools\":[{\"type\":\"function\",\"function\":{\"parameters\":{}}}]"),
      "{\"messages\":[{\"role\":\"system\",\"content\":\"s\"},{\"role\":\"user\",\"content\":\"u\"}]}",
      "{\"messages\":[{\"role\":\"user\",\"content\":\"u\"},{\"role\":\"tool\",\"tool_call_id\":\"x\",\"content\":\"r\"},{\"role\":\"assistant\",\"content\":\"a\"}]}",
      GOOD.replace("\"arguments\":\"{\\\"a\\\":1}\"", "\"arguments\":{\"a\":1}"),
    };
    StringBuilder file = new StringBuilder(GOOD).append('\n');
    for (String b : bad) {
      file.append(b).append('\n');
    }
    FineTuneValidator.Report report =
        new FineTuneValidator().validateChat(new StringReader(file.toString()));

    assertThat(report.lines()).isEqualTo(bad.length + 1);
    assertThat(report.problems()).hasSize(bad.length);
    for (int i = 0; i < bad.length; i++) {
      assertThat(report.problems().get(i).line()).isEqualTo(i + 2);
      assertThat(report.problems().get(i).reason()).isNotBlank();
    }
    assertThat(report.problems().get(0).reason()).contains("not valid JSON");
    assertThat(report.problems().get(2).reason()).contains("first message");
    assertThat(report.problems().get(5).reason()).contains("answers no preceding");
  }

  @Test
  void checksPreferenceLines() throws Exception {
    String good =
        "{\"input\":{\"messages\":[{\"role\":\"user\",\"content\":\"u\"}]},"
            + "\"preferred_output\":[{\"role\":\"assistant\",\"content\":\"a\"}],"
            + "\"non_preferred_output\":[{\"role\":\"assistant\",\"content\":\"b\"}]}";
    String bad =
        good.replace(",\"non_preferred_output\":[{\"role\":\"assistant\",\"content\":\"b\"}]", "");
    FineTuneValidator.Report report =
        new FineTuneValidator().validatePreferences(new StringReader(good + "\n" + bad + "\n"));
    assertThat(report.problems()).extracting(FineTuneValidator.Problem::line).containsExactly(2L);
  }
}
