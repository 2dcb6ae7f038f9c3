package org.benchwright.engine.capabilities;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.benchwright.engine.project.Capabilities;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.skills.TextEmbedder;

/**
 * The hand-written retrieval set (retrieval-set.json: capabilities, and requests that should find
 * one of them or nothing) and how a search scores on it.
 */
final class RetrievalSet {

  record Request(String text, String expect, String kind) {}

  /** recall@1: requests with a capability whose top hit is it and matches the threshold. */
  record Figures(
      int withCapability, int found, int withoutCapability, int falseMatches, int wrongTop) {
    double recall() {
      return (double) found / withCapability;
    }

    @Override
    public String toString() {
      return String.format(
          "recall@1 %d/%d (%.2f), false matches %d (of %d requests without a capability, plus %d"
              + " wrong capabilities above the threshold)",
          found, withCapability, recall(), falseMatches, withoutCapability, wrongTop);
    }
  }

  final JsonNode doc;
  final List<Request> requests = new ArrayList<>();

  RetrievalSet() {
    try (InputStream in = RetrievalSet.class.getResourceAsStream("retrieval-set.json")) {
      doc = new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (JsonNode r : doc.get("requests")) {
      requests.add(
          new Request(
              r.get("request").asText(),
              r.get("expect").isNull() ? null : r.get("expect").asText(),
              r.get("kind").asText()));
    }
  }

  /** Registers every capability of the set (spec and embedding only; no code runs). */
  void register(Project project, TextEmbedder embedder) {
    for (JsonNode c : doc.get("capabilities")) {
      String name = c.get("name").asText();
      String description = c.get("description").asText();
      project
          .capabilities()
          .register(
              new Capabilities.NewVersion(
                  name,
                  false,
                  description,
                  "{\"type\":\"object\"}",
                  "{}",
                  "[]",
                  "def " + name + "(**kw):\n    pass\n",
                  "def test_x():\n    pass\n",
                  embedder.embed(CapabilityIndex.embeddedText(name, description)),
                  embedder.modelName(),
                  null,
                  null,
                  "retrieval set",
                  Capabilities.ACTIVE),
              List.of());
    }
  }

  /**
   * @param semanticOnly rank and match by MiniLM's cosine alone (the reference the hybrid score is
   *     compared with)
   */
  Figures score(
      CapabilityRegistry registry, double threshold, boolean semanticOnly, StringBuilder misses) {
    int with = 0;
    int found = 0;
    int without = 0;
    int falseMatches = 0;
    int wrongTop = 0;
    for (Request r : requests) {
      List<CapabilityHit> hits = registry.search(r.text(), 100, threshold);
      CapabilityHit top =
          hits.stream()
              .max(
                  java.util.Comparator.comparingDouble(
                      h -> semanticOnly ? h.semantic() : h.score()))
              .orElse(null);
      boolean matched = top != null && (semanticOnly ? top.semantic() >= threshold : top.matches());
      if (r.expect() != null) {
        with++;
        if (matched && top.name().equals(r.expect())) {
          found++;
        } else {
          if (matched) {
            wrongTop++;
          }
          misses.append(String.format("  missed  %-60s top %s%n", r.text(), describe(top)));
        }
      } else {
        without++;
        if (matched) {
          falseMatches++;
          misses.append(String.format("  false   %-60s top %s%n", r.text(), describe(top)));
        }
      }
    }
    return new Figures(with, found, without, falseMatches, wrongTop);
  }

  private static String describe(CapabilityHit h) {
    return h == null
        ? "none"
        : String.format(
            "%s %.2f (cos %.2f, kw %.2f)", h.name(), h.score(), h.semantic(), h.keyword());
  }
}
