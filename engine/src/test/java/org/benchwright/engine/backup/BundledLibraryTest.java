package org.benchwright.engine.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.benchwright.engine.project.Capabilities;
import org.benchwright.engine.project.NewRun;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.skills.SkillDraft;
import org.benchwright.engine.skills.SkillLibrary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bundles carry the capabilities their runs made or used and the skills they taught. */
class BundledLibraryTest {

  static final String PARAMS =
      "{\"type\":\"object\",\"properties\":{\"text\":{\"type\":\"string\"}},\"required\":[\"text\"]}";

  @TempDir Path dir;

  static void capability(Project p, String name, Long run, String params) {
    p.capabilities()
        .register(
            new Capabilities.NewVersion(
                name,
                false,
                "Reverse a string.",
                params,
                "{\"type\":\"string\"}",
                "[{\"arguments\":{\"text\":\"ab\"},\"result\":\"ba\"}]",
                "def " + name + "(text):\n    return text[::-1]\n",
                "from capability import "
                    + name
                    + "\ndef test_a():\n    assert "
                    + name
                    + "(text='ab') == 'ba'\n",
                null,
                null,
                run,
                1L,
                null,
                Capabilities.ACTIVE),
            List.of());
  }

  @Test
  void theCapabilitiesAndSkillsOfTheBundledRunsTravelWithThem() {
    Path bundle = dir.resolve("b.bwbundle");
    try (Project p = Project.create(dir.resolve("s.bwproj"))) {
      long a = p.runs().create(new NewRun("capability-synthesis", "task A", "{}")).id();
      long b = p.runs().create(new NewRun("capability-synthesis", "task B", "{}")).id();
      capability(p, "reverse_string", a, PARAMS);
      capability(p, "used_by_a", b, PARAMS);
      p.capabilities().recordUse("used_by_a", 1, "called", a, 3L);
      capability(p, "only_b", b, PARAMS);
      SkillLibrary.of(p)
          .save(
              new SkillDraft(
                  "ball-on-ramp",
                  "Keep a ball on a ramp",
                  "## When to use\nA ball sinks.\n## Steps\nRaise it.\n",
                  Map.of("scene.xml", "<mujoco/>".getBytes(StandardCharsets.UTF_8)),
                  a));
      Bundles.export(p, List.of(a), bundle);
    }
    try (Project q = Project.create(dir.resolve("t.bwproj"))) {
      capability(q, "used_by_a", null, PARAMS); // the project's own stays
      Bundles.ImportResult r = Bundles.importBundle(q, bundle);
      assertThat(r.localIds()).hasSize(1);
      assertThat(r.capabilities()).containsExactly("reverse_string");
      assertThat(r.skills()).containsExactly("ball-on-ramp");
      assertThat(r.kept()).containsExactly("capability used_by_a");
      assertThat(q.capabilities().get("reverse_string").orElseThrow().status())
          .isEqualTo(Capabilities.UNVERIFIED);
      assertThat(q.capabilities().get("only_b")).isEmpty();
      var skill = SkillLibrary.of(q).read("ball-on-ramp").orElseThrow();
      assertThat(new String(SkillLibrary.of(q).asset(skill, "scene.xml").orElseThrow()))
          .isEqualTo("<mujoco/>");
    }
  }

  static final String PROFILE =
      "{\"format\":\"csv\",\"rows\":3,\"columns\":[{\"name\":\"a\",\"type\":\"numeric\"},"
          + "{\"name\":\"y\",\"type\":\"numeric\"}],\"target\":{\"name\":\"y\","
          + "\"task\":\"binary\",\"reason\":\"2 distinct values\"}}";

  @Test
  void theDatasetAnAutomlRunTrainedOnTravelsWithItAndAnExistingNameIsKept() {
    Path bundle = dir.resolve("d.bwbundle");
    byte[] csv = "a,y\n1,0\n2,1\n3,0\n".getBytes(StandardCharsets.UTF_8);
    try (Project p = Project.create(dir.resolve("s.bwproj"))) {
      long run = p.runs().create(new NewRun("automl", "train", "{}")).id();
      String sha = p.blobs().put(csv);
      var d =
          p.datasets()
              .add(
                  new org.benchwright.engine.project.Datasets.NewDataset(
                      "tiny",
                      "tiny.csv",
                      "csv",
                      sha,
                      csv.length,
                      3,
                      2,
                      PROFILE,
                      "y",
                      "binary",
                      "2 distinct values",
                      false));
      org.benchwright.engine.automl.RunDataset.record(p, run, d);
      p.datasets()
          .add(
              new org.benchwright.engine.project.Datasets.NewDataset(
                  "unused",
                  "u.csv",
                  "csv",
                  sha,
                  csv.length,
                  3,
                  2,
                  PROFILE,
                  "y",
                  "binary",
                  "r",
                  false));
      Bundles.export(p, List.of(run), bundle);
    }
    try (Project q = Project.create(dir.resolve("t.bwproj"))) {
      Bundles.ImportResult r = Bundles.importBundle(q, bundle);
      assertThat(r.datasets()).containsExactly("tiny");
      var tiny = q.datasets().find("tiny").orElseThrow();
      assertThat(q.blobs().get(tiny.sha256())).hasValue(csv);
      assertThat(tiny.target()).isEqualTo("y");
      assertThat(q.datasets().find("unused")).isEmpty();
    }
    try (Project q = Project.create(dir.resolve("u.bwproj"))) {
      String own = q.blobs().put("a,y\n9,1\n".getBytes(StandardCharsets.UTF_8));
      q.datasets()
          .add(
              new org.benchwright.engine.project.Datasets.NewDataset(
                  "tiny", "mine.csv", "csv", own, 9, 1, 2, PROFILE, "y", "binary", "mine", true));
      Bundles.ImportResult again = Bundles.importBundle(q, bundle);
      assertThat(again.datasets()).isEmpty();
      assertThat(again.kept()).contains("dataset tiny");
      assertThat(q.datasets().find("tiny").orElseThrow().fileName()).isEqualTo("mine.csv");
    }
  }

  @Test
  void aBundleWithAnInvalidCapabilityIsRefusedWholeAndNothingIsWritten() {
    Path bundle = dir.resolve("bad.bwbundle");
    try (Project p = Project.create(dir.resolve("s.bwproj"))) {
      long a = p.runs().create(new NewRun("capability-synthesis", "task A", "{}")).id();
      // Stored past the checks (an older or tampered project): its schema is not JSON Schema.
      capability(p, "broken", a, "{\"type\":\"strin\"}");
      Bundles.export(p, List.of(a), bundle);
    }
    try (Project q = Project.create(dir.resolve("t.bwproj"))) {
      assertThatThrownBy(() -> Bundles.importBundle(q, bundle))
          .isInstanceOf(BundleException.class)
          .hasMessageContaining("nothing was imported")
          .hasMessageContaining("parameters");
      assertThat(q.runs().list()).isEmpty();
      assertThat(q.capabilities().list()).isEmpty();
    }
  }
}
