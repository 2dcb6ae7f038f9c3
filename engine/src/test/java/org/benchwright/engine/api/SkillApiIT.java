package org.benchwright.engine.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.benchwright.engine.project.Skills.SkillVersion;
import org.benchwright.engine.skills.SkillDraft;
import org.benchwright.engine.skills.SkillLibrary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The skill library through the service: the desktop's hybrid search, and one skill read. */
class SkillApiIT {

  static final String REVERSE =
      """
      ## When to use
      You need a string's characters in the opposite order.

      ## Steps
      1. Use slicing with a step of -1.
      """;

  static final String STACK =
      """
      ## When to use
      MuJoCo stops with "Stack overflow" while stepping a scene with many contacts.

      ## Steps
      1. Raise `<size nstack="..."/>` in the MJCF.
      """;

  @TempDir Path dir;

  /** Two skills saved through the engine's library (embedded at save), one with an asset. */
  static SkillVersion[] saveTwo(ApiFixture api) {
    SkillLibrary library = SkillLibrary.of(api.project);
    SkillVersion reverse =
        library.save(
            new SkillDraft(
                "reverse-a-string",
                "Reverse a string",
                REVERSE,
                Map.of("example.py", "print('abc'[::-1])\n".getBytes(StandardCharsets.UTF_8)),
                null));
    SkillVersion stack =
        library.save(new SkillDraft(null, "Fix a MuJoCo stack overflow", STACK, Map.of(), null));
    return new SkillVersion[] {reverse, stack};
  }

  @Test
  void aSearchRanksByMeaningAndWordsAsTheDesktopDoes() {
    try (ApiFixture api = ApiFixture.start(dir)) {
      saveTwo(api);
      var hits = api.get("/skills?q=the%20simulation%20crashes%20with%20stack%20overflow");
      assertThat(hits.status()).isEqualTo(200);
      var skills = hits.json().get("skills");
      assertThat(skills).isNotEmpty();
      assertThat(skills.get(0).get("name").asText()).isEqualTo("fix-a-mujoco-stack-overflow");
      // The unrelated skill ranks below it, if the ranking keeps it at all.
      for (int i = 1; i < skills.size(); i++) {
        assertThat(skills.get(i).get("score").asDouble())
            .isLessThan(skills.get(0).get("score").asDouble());
      }
      assertThat(skills.get(0).get("keyword").asDouble()).isPositive();

      var expected =
          SkillLibrary.of(api.project).search("the simulation crashes with stack overflow", 1);
      assertThat(
              api.get("/skills?q=the%20simulation%20crashes%20with%20stack%20overflow&limit=1")
                  .json()
                  .get("skills")
                  .get(0)
                  .get("score")
                  .asDouble())
          .isEqualTo(expected.getFirst().score());

      // No query: every skill by name.
      var all = api.get("/skills").json().get("skills");
      assertThat(all)
          .extracting(n -> n.get("name").asText())
          .containsExactly("fix-a-mujoco-stack-overflow", "reverse-a-string");
      assertThat(all.get(0).get("score").asDouble()).isZero();
    }
  }

  @Test
  void aSkillIsReadWithItsAssetsAndAnyVersion() {
    try (ApiFixture api = ApiFixture.start(dir)) {
      SkillVersion reverse = saveTwo(api)[0];
      SkillLibrary.of(api.project)
          .save(
              new SkillDraft(
                  "reverse-a-string",
                  "Reverse a string (unicode safe)",
                  REVERSE + "2. Mind combining characters.\n",
                  Map.of(),
                  null));

      var now = api.get("/skills/reverse-a-string");
      assertThat(now.status()).isEqualTo(200);
      assertThat(now.json().get("version").asInt()).isEqualTo(2);
      assertThat(now.json().get("versions").asInt()).isEqualTo(2);
      assertThat(now.json().get("title").asText()).isEqualTo("Reverse a string (unicode safe)");
      assertThat(now.json().get("markdown").asText()).contains("combining characters");

      var first = api.get("/skills/reverse-a-string?version=1");
      assertThat(first.json().get("version").asInt()).isEqualTo(1);
      assertThat(first.json().get("markdown").asText()).doesNotContain("combining");
      assertThat(first.json().get("assets").get(0).get("name").asText()).isEqualTo("example.py");
      assertThat(first.json().get("assets").get(0).get("sha256").asText())
          .isEqualTo(reverse.assets().getFirst().blobSha());
    }
  }

  @Test
  void badSkillRequestsAreRefusedClearlyAndChangeNothing() {
    try (ApiFixture api = ApiFixture.start(dir)) {
      saveTwo(api);
      RecordedState before = RecordedState.of(api.project);

      var zero = api.get("/skills?limit=0");
      assertThat(zero.status()).isEqualTo(400);
      assertThat(zero.contentType()).startsWith(ApiServer.PROBLEM);
      assertThat(zero.json().get("errors").toString()).contains("query parameter 'limit'");

      var words = api.get("/skills?limit=many");
      assertThat(words.status()).isEqualTo(400);
      assertThat(words.json().get("errors").toString()).contains("query parameter 'limit'");

      var longQuery = api.get("/skills?q=" + "x".repeat(1001));
      assertThat(longQuery.status()).isEqualTo(400);
      assertThat(longQuery.json().get("errors").toString()).contains("query parameter 'q'");

      var badName = api.get("/skills/Not_A_Name");
      assertThat(badName.status()).isEqualTo(400);
      assertThat(badName.json().get("errors").toString()).contains("path parameter 'skillId'");

      var missing = api.get("/skills/no-such-skill");
      assertThat(missing.status()).isEqualTo(404);
      assertThat(missing.json().get("detail").asText())
          .isEqualTo("No skill named 'no-such-skill' in this project.");

      var noVersion = api.get("/skills/reverse-a-string?version=9");
      assertThat(noVersion.status()).isEqualTo(404);
      assertThat(noVersion.json().get("detail").asText())
          .isEqualTo("Skill 'reverse-a-string' has no version 9.");

      var zeroVersion = api.get("/skills/reverse-a-string?version=0");
      assertThat(zeroVersion.status()).isEqualTo(400);

      var anonymous = api.send("GET", "/skills?q=reverse", null, null, null);
      assertThat(anonymous.status()).isEqualTo(401);
      assertThat(anonymous.json().get("detail").asText()).contains("No bearer token");

      assertThat(RecordedState.of(api.project)).isEqualTo(before);
    }
  }
}
