package org.benchwright.engine.cad;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TextLinesTest {

  private static float parse(String text) {
    TextLines lines = new TextLines("t.stl", text.getBytes(StandardCharsets.US_ASCII));
    lines.next();
    return lines.number(0);
  }

  @Test
  void fastNumbersAreBitForBitWhatFloatParseFloatGives() {
    SplittableRandom random = new SplittableRandom(42);
    for (int i = 0; i < 200_000; i++) {
      double magnitude = Math.pow(10, random.nextInt(-6, 7));
      double value = (random.nextDouble() - 0.5) * magnitude;
      String text =
          switch (i % 5) {
            case 0 -> Float.toString((float) value);
            case 1 -> Double.toString(value);
            case 2 -> String.format(Locale.ROOT, "%.6f", value);
            case 3 -> String.format(Locale.ROOT, "%e", value);
            default -> String.format(Locale.ROOT, "%.9g", value);
          };
      assertThat(Float.floatToRawIntBits(parse(text)))
          .as(text)
          .isEqualTo(Float.floatToRawIntBits(Float.parseFloat(text)));
    }
  }

  @Test
  void unusualFormsStillParse() {
    for (String text :
        new String[] {
          "+1.5",
          "-0",
          "-0.0",
          ".5",
          "5.",
          "1E3",
          "1e+03",
          "0x1p3",
          "1f",
          "7e-45",
          "3.4028235e38",
          "123456789012345678901234567890",
          "0.000000000000000000000000001"
        }) {
      assertThat(Float.floatToRawIntBits(parse(text)))
          .as(text)
          .isEqualTo(Float.floatToRawIntBits(Float.parseFloat(text)));
    }
  }
}
