package org.benchwright.engine.skills;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.benchwright.engine.project.Skills.SkillVersion;

/**
 * Ranks skills for a query by a weighted sum of embedding similarity and keyword overlap.
 *
 * <p>Why both: all-MiniLM-L6-v2 rates a paraphrase ("flip the characters of a text backwards" for
 * "reverse a string") near 0.7, which no fixed threshold separates reliably from loosely related
 * text, and it knows nothing of identifiers such as {@code nstack} or {@code mjcf-check}, which
 * keywords match exactly. So neither score decides alone; both add up and the list is ranked.
 */
final class HybridRanker {

  /** Weight of the cosine similarity in the combined score. */
  static final double SEMANTIC_WEIGHT = 0.7;

  /** Weight of the keyword overlap in the combined score. */
  static final double KEYWORD_WEIGHT = 0.3;

  /** A query word found only in a skill's body counts this much (in its title: 1). */
  static final double BODY_WORD = 0.6;

  /**
   * Below this cosine, and without a single shared keyword, a skill is not a result at all. A low
   * floor, not a relevance threshold: unrelated pairs measured -0.06 to 0.19, loosely related ones
   * about 0.3, paraphrases 0.38 to 0.73 (docs/decisions/0018-skills.md).
   */
  static final double MIN_SEMANTIC = 0.2;

  private HybridRanker() {}

  static List<SkillHit> rank(
      String query, float[] queryVector, List<SkillVector> skills, int limit) {
    Set<String> words = TextMatch.words(query);
    List<SkillHit> hits = new ArrayList<>();
    for (SkillVector s : skills) {
      double semantic = Math.max(0, TextMatch.cosine(queryVector, s.vector()));
      double keyword = keyword(words, s.skill());
      if (keyword == 0 && semantic < MIN_SEMANTIC) {
        continue;
      }
      hits.add(
          new SkillHit(
              s.skill(), SEMANTIC_WEIGHT * semantic + KEYWORD_WEIGHT * keyword, semantic, keyword));
    }
    hits.sort(
        Comparator.comparingDouble(SkillHit::score)
            .reversed()
            .thenComparing(h -> h.skill().name()));
    return hits.subList(0, Math.min(limit, hits.size()));
  }

  /** A skill with the vector to compare a query with. */
  record SkillVector(SkillVersion skill, float[] vector) {}

  static double keyword(Set<String> queryWords, SkillVersion s) {
    if (queryWords.isEmpty()) {
      return 0;
    }
    Set<String> title = TextMatch.words(s.name().replace('-', ' ') + " " + s.title());
    Set<String> body = TextMatch.words(s.markdown());
    double sum = 0;
    for (String w : queryWords) {
      if (title.contains(w)) {
        sum += 1;
      } else if (body.contains(w)) {
        sum += BODY_WORD;
      }
    }
    return sum / queryWords.size();
  }
}
