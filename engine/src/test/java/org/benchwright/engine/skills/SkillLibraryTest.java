package org.benchwright.engine.skills;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.benchwright.engine.project.NewRun;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.project.Skills.SkillVersion;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The library with the real all-MiniLM-L6-v2 model over a real project file. */
class SkillLibraryTest {

  @TempDir Path dir;
  private Project project;
  private SkillLibrary library;

  static final String REVERSE =
      """
      ## When to use
      You need a string's characters in the opposite order.

      ## Steps
      1. Use slicing with a step of -1.

      ## Snippets
      ```python
      s[::-1]
      ```
      """;

  static final String STACK =
      """
      ## When to use
      MuJoCo stops with "Stack overflow" while stepping a scene with many contacts.

      ## Steps
      1. Raise `<size nstack="..."/>` (or memory) in the MJCF.
      """;

  static final String RAMP =
      """
      ## When to use
      The validator reports an intersection between the ball and the ramp at the start.

      ## Steps
      1. Place the ball one radius plus a margin above the ramp's surface.
      """;

  @BeforeEach
  void open() {
    project = Project.create(dir.resolve("skills.bwproj"));
    library = SkillLibrary.of(project);
  }

  @AfterEach
  void close() {
    project.close();
  }

  @Test
  void aParaphraseFindsTheSkillFirstAndUnrelatedSkillsRankBelowIt() {
    library.save(SkillDraft.of("Reverse a string", REVERSE));
    library.save(SkillDraft.of("Avoid MuJoCo stack overflows", STACK));
    library.save(SkillDraft.of("Start the ball clear of the ramp", RAMP));

    List<SkillHit> hits = library.search("flip the characters of a text backwards", 5);

    print("flip the characters of a text backwards", hits);
    assertThat(hits).isNotEmpty();
    assertThat(hits.getFirst().skill().name()).isEqualTo("reverse-a-string");
    assertThat(hits.getFirst().semantic()).isGreaterThan(0.5);
    for (SkillHit other : hits.subList(1, hits.size())) {
      assertThat(other.score()).isLessThan(hits.getFirst().score() - 0.2);
    }
  }

  @Test
  void aKeywordTheModelDoesNotKnowStillFindsItsSkill() {
    library.save(SkillDraft.of("Reverse a string", REVERSE));
    library.save(SkillDraft.of("Avoid MuJoCo stack overflows", STACK));
    library.save(SkillDraft.of("Start the ball clear of the ramp", RAMP));

    List<SkillHit> hits = library.search("nstack", 5);

    print("nstack", hits);
    assertThat(hits).isNotEmpty();
    assertThat(hits.getFirst().skill().name()).isEqualTo("avoid-mujoco-stack-overflows");
    assertThat(hits.getFirst().keyword()).isEqualTo(HybridRanker.BODY_WORD);
  }

  @Test
  void anUnrelatedQueryFindsNothing() {
    library.save(SkillDraft.of("Reverse a string", REVERSE));
    library.save(SkillDraft.of("Avoid MuJoCo stack overflows", STACK));

    List<SkillHit> hits = library.search("a recipe for banana bread with walnuts", 5);

    print("a recipe for banana bread with walnuts", hits);
    assertThat(hits).isEmpty();
  }

  @Test
  void eachSaveAddsAVersionWithItsEmbeddingOriginRunAndAssets() {
    long run = project.runs().create(new NewRun("benchmark-generator", "t", "{}")).id();
    SkillVersion v1 = library.save(SkillDraft.of("Reverse a string", REVERSE));
    SkillVersion v2 =
        library.save(
            new SkillDraft(
                "reverse-a-string",
                "Reverse a string in Python",
                REVERSE + "\nAlso: `''.join(reversed(s))`.",
                Map.of("example.py", "print('abc'[::-1])\n".getBytes(StandardCharsets.UTF_8)),
                run));

    assertThat(v1.version()).isEqualTo(1);
    assertThat(v1.originRunId()).isNull();
    assertThat(v2.version()).isEqualTo(2);
    assertThat(v2.originRunId()).isEqualTo(run);
    assertThat(v2.embedding()).hasSize(384);
    assertThat(v2.embeddingModel()).isEqualTo("all-minilm-l6-v2");
    assertThat(library.history("reverse-a-string"))
        .extracting(SkillVersion::version, SkillVersion::title)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1, "Reverse a string"),
            org.assertj.core.groups.Tuple.tuple(2, "Reverse a string in Python"));
    assertThat(library.read("reverse-a-string").orElseThrow().version()).isEqualTo(2);
    assertThat(library.read("reverse-a-string", 1).orElseThrow().markdown())
        .isEqualTo(REVERSE.strip());
    assertThat(new String(library.asset(v2, "example.py").orElseThrow(), StandardCharsets.UTF_8))
        .contains("[::-1]");
    assertThat(library.search("", 10)).hasSize(1);
  }

  @Test
  void badDraftsAreRefusedWithTheReasonAndNothingIsSaved() {
    library.save(SkillDraft.of("Reverse a string", REVERSE));

    assertThatThrownBy(() -> library.save(SkillDraft.of("  ", REVERSE)))
        .hasMessageContaining("needs a title");
    assertThatThrownBy(() -> library.save(SkillDraft.of("Reverse a string", " \n")))
        .hasMessageContaining("markdown is empty");
    assertThatThrownBy(() -> library.save(SkillDraft.of("Reverse a string", "just do it")))
        .hasMessageContaining("'## When to use'");
    assertThatThrownBy(
            () ->
                library.save(
                    new SkillDraft("Bad Name!", "Reverse a string", REVERSE, Map.of(), null)))
        .hasMessageContaining("not a skill name");
    assertThatThrownBy(
            () -> library.save(new SkillDraft(null, "Reverse a string", REVERSE, Map.of(), 999L)))
        .hasMessageContaining("No run 999");

    assertThat(library.history("reverse-a-string")).hasSize(1);
    assertThat(library.search("", 10)).hasSize(1);
  }

  @Test
  void slugsAreNamesFromTitles() {
    assertThat(SkillLibrary.slug("Reverse a string!")).isEqualTo("reverse-a-string");
    assertThat(SkillLibrary.slug("???")).isEqualTo("skill");
  }

  private static void print(String query, List<SkillHit> hits) {
    // The figures quoted in docs/decisions/0018-skills.md come from these lines.
    for (SkillHit h : hits) {
      System.out.printf(
          java.util.Locale.ROOT,
          "query '%s' -> %s score %.3f semantic %.3f keyword %.3f%n",
          query,
          h.skill().name(),
          h.score(),
          h.semantic(),
          h.keyword());
    }
  }
}
