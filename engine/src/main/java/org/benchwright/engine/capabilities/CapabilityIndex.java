package org.benchwright.engine.capabilities;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.benchwright.engine.project.Capabilities.Searchable;
import org.benchwright.engine.skills.TextEmbedder;
import org.benchwright.engine.skills.TextMatch;

/**
 * The offered capabilities in memory, ready to rank: unit vectors in one array and each
 * capability's words, built once per registry generation, so a search over 10,000 is a dot product
 * per capability and a few set lookups (docs/performance.md).
 *
 * <p>The score: {@code cosine + KEYWORD_WEIGHT × keyword}, capped at 1. MiniLM alone puts true
 * paraphrases between 0.45 and 0.8 and near misses up to 0.7, so the cosine cannot carry a
 * threshold of 0.75 alone; the words a request shares with a capability's name and description lift
 * true matches over it (ADR 0038 has the figures of the retrieval set).
 */
final class CapabilityIndex {

  /** Weight of the keyword share added to the cosine. */
  static final double KEYWORD_WEIGHT = 0.35;

  private final String generation;
  private final List<Searchable> entries;
  private final float[] vectors; // n × dim, each row of unit length
  private final int dim;
  private final List<Set<String>> words;

  private CapabilityIndex(
      String generation, List<Searchable> entries, float[] vectors, int dim, List<Set<String>> w) {
    this.generation = generation;
    this.entries = entries;
    this.vectors = vectors;
    this.dim = dim;
    this.words = w;
  }

  String generation() {
    return generation;
  }

  int size() {
    return entries.size();
  }

  static CapabilityIndex build(String generation, List<Searchable> all, TextEmbedder embedder) {
    int dim = -1;
    List<float[]> rows = new ArrayList<>();
    List<Set<String>> words = new ArrayList<>();
    for (Searchable s : all) {
      float[] v =
          s.embedding() != null && embedder.modelName().equals(s.embeddingModel())
              ? s.embedding()
              : embedder.embed(embeddedText(s.name(), s.description()));
      dim = v.length;
      rows.add(unit(v));
      words.add(TextMatch.words(s.name().replace('_', ' ') + " " + s.description()));
    }
    float[] flat = new float[Math.max(0, dim) * rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      System.arraycopy(rows.get(i), 0, flat, i * dim, dim);
    }
    return new CapabilityIndex(generation, List.copyOf(all), flat, dim, words);
  }

  /** What is embedded of a capability: its name as words and its description. */
  static String embeddedText(String name, String description) {
    return name.replace('_', ' ') + ": " + description;
  }

  List<CapabilityHit> search(String query, float[] queryVector, int limit, double threshold) {
    float[] q = unit(queryVector);
    Set<String> queryWords = TextMatch.words(query);
    List<CapabilityHit> hits = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      double dot = 0;
      if (q.length == dim) {
        int base = i * dim;
        for (int k = 0; k < dim; k++) {
          dot += q[k] * vectors[base + k];
        }
      }
      double semantic = Math.max(0, dot);
      double keyword = keyword(queryWords, words.get(i));
      double score = Math.min(1, semantic + KEYWORD_WEIGHT * keyword);
      if (score < 0.2) {
        continue;
      }
      Searchable s = entries.get(i);
      hits.add(
          new CapabilityHit(
              s.name(),
              s.version(),
              s.description(),
              score,
              semantic,
              keyword,
              score >= threshold));
    }
    hits.sort(
        Comparator.comparingDouble(CapabilityHit::score)
            .reversed()
            .thenComparing(CapabilityHit::name));
    return List.copyOf(hits.subList(0, Math.min(limit, hits.size())));
  }

  static double keyword(Set<String> query, Set<String> capability) {
    if (query.isEmpty()) {
      return 0;
    }
    int found = 0;
    for (String w : query) {
      if (capability.contains(w)) {
        found++;
      }
    }
    return (double) found / query.size();
  }

  private static float[] unit(float[] v) {
    double n = 0;
    for (float f : v) {
      n += f * f;
    }
    n = Math.sqrt(n);
    float[] out = new float[v.length];
    for (int i = 0; i < v.length && n > 0; i++) {
      out[i] = (float) (v[i] / n);
    }
    return out;
  }

  /** A small cache of query vectors: agents and users repeat their searches. */
  static final class QueryCache {
    private static final int SIZE = 256;
    private final Map<String, float[]> map =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, float[]> e) {
            return size() > SIZE;
          }
        };

    synchronized float[] get(String modelAndQuery) {
      return map.get(modelAndQuery);
    }

    synchronized void put(String modelAndQuery, float[] v) {
      map.put(modelAndQuery, v);
    }
  }
}
