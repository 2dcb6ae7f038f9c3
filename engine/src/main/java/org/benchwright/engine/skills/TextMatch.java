package org.benchwright.engine.skills;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The text measures both searches by meaning share (skills and capabilities): the cosine of two
 * embeddings, and the stemmed content words a keyword score compares.
 */
public final class TextMatch {

  private static final Set<String> STOP =
      Set.of(
          "a", "an", "the", "of", "to", "in", "on", "for", "and", "or", "is", "are", "be", "it",
          "its", "with", "by", "as", "at", "from", "that", "this", "how", "do", "i", "my", "what",
          "when", "into", "so", "not", "no", "can", "use");

  private TextMatch() {}

  /** Lowercase word stems without stop words: "Flipping strings" gives {flipp, string}. */
  public static Set<String> words(String text) {
    Set<String> out = new HashSet<>();
    for (String raw : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}_]+")) {
      if (raw.length() < 2 || STOP.contains(raw)) {
        continue;
      }
      out.add(stem(raw));
    }
    return out;
  }

  /** A crude suffix strip, enough for plural and tense to meet ("balls", "ball"). */
  public static String stem(String w) {
    for (String suffix : List.of("ing", "ed", "es", "s")) {
      if (w.length() > suffix.length() + 2 && w.endsWith(suffix)) {
        return w.substring(0, w.length() - suffix.length());
      }
    }
    return w;
  }

  public static double cosine(float[] a, float[] b) {
    if (a == null || b == null || a.length != b.length) {
      return 0;
    }
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += a[i] * b[i];
      na += a[i] * a[i];
      nb += b[i] * b[i];
    }
    return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
  }
}
