package org.benchwright.engine.capabilities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.benchwright.engine.project.Capabilities;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.sandbox.ExecResult;
import org.benchwright.engine.sandbox.Termination;
import org.benchwright.engine.skills.TextEmbedder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry's judgement and bookkeeping, with sandbox replies scripted as pytest and the driver
 * would give them (the real sandbox runs in CapabilitySynthesisIT): what is admitted, what is
 * refused and why, and that a refusal writes nothing.
 */
class CapabilityRegistryTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static final Duration LIMIT = Duration.ofSeconds(5);

  @TempDir Path dir;
  Project project;
  CapabilityRegistry registry;
  Scripted box = new Scripted();

  /** Answers commands in order with the result and files given. */
  static final class Scripted implements CapabilitySandbox {
    final Deque<Ran> replies = new ArrayDeque<>();
    final List<Map<String, byte[]>> given = new java.util.ArrayList<>();

    Scripted pytest(int exit, int total, int failed) {
      String xml =
          "<?xml version=\"1.0\"?><testsuites><testsuite name=\"pytest\" tests=\""
              + total
              + "\" failures=\""
              + failed
              + "\" errors=\"0\" skipped=\"0\"/></testsuites>";
      replies.add(
          new Ran(
              result(exit, Termination.EXIT, "collected " + total + " items"),
              Map.of(Harness.REPORT, xml.getBytes(StandardCharsets.UTF_8))));
      return this;
    }

    Scripted returns(String resultJson) {
      replies.add(
          new Ran(
              result(0, Termination.EXIT, ""),
              Map.of(Harness.RESULT, resultJson.getBytes(StandardCharsets.UTF_8))));
      return this;
    }

    Scripted stops(Termination t) {
      replies.add(new Ran(result(null, t, ""), Map.of()));
      return this;
    }

    @Override
    public Ran run(
        Map<String, byte[]> files, String command, Duration timeout, List<String> fetch) {
      given.add(files);
      return replies.removeFirst();
    }
  }

  static ExecResult result(Integer exit, Termination t, String out) {
    return new ExecResult(
        List.of("sh", "-c", "x"),
        exit,
        out.getBytes(StandardCharsets.UTF_8),
        new byte[0],
        false,
        false,
        Duration.ofMillis(12),
        t,
        false,
        null);
  }

  /** Words become vector entries, so related descriptions are near; no model needed. */
  static final TextEmbedder WORDS =
      new TextEmbedder() {
        @Override
        public String modelName() {
          return "test-words";
        }

        @Override
        public float[] embed(String text) {
          float[] v = new float[64];
          for (String w : org.benchwright.engine.skills.TextMatch.words(text)) {
            v[Math.floorMod(w.hashCode(), 64)] += 1;
          }
          return v;
        }
      };

  @BeforeEach
  void open() {
    project = Project.create(dir.resolve("c.bwproj"));
    registry = new CapabilityRegistry(project, WORDS);
  }

  @AfterEach
  void close() {
    project.close();
  }

  CapabilitySpec spec() throws Exception {
    return CapabilitySpec.parse(JSON.readTree(CapabilitySpecTest.GOOD));
  }

  Capabilities.Version admit() throws Exception {
    box.pytest(1, 2, 2).pytest(0, 2, 0);
    TestOutcome red = CapabilityRegistry.red(spec(), "def test_a(): ...", box, LIMIT);
    TestOutcome green = CapabilityRegistry.green("def percentage_of(**k): ...", "t", box, LIMIT);
    return registry.register(
        spec(),
        "def test_a(): ...",
        "def percentage_of(**k): ...",
        red,
        green,
        false,
        new CapabilityRegistry.Origin(null, null, "test"));
  }

  @Test
  void testsRunFirstAgainstTheEmptyImplementationThenTheCodeAndBothRunsAreStored()
      throws Exception {
    Capabilities.Version v = admit();
    assertThat(v.version()).isEqualTo(1);
    String empty = new String(box.given.get(0).get(Harness.CODE), StandardCharsets.UTF_8);
    assertThat(empty).contains("def percentage_of(").contains("NotImplementedError");
    assertThat(project.capabilities().testRuns("percentage_of"))
        .extracting(t -> t.phase() + " " + t.passed())
        .containsExactly("red false", "green true");
    assertThat(registry.search("percentage of a number", 5, 0.5))
        .extracting(CapabilityHit::name)
        .containsExactly("percentage_of");
  }

  @Test
  void testsThatPassEmptyOrPartlyOrDoNotRunAreRefusedWithTheReason() throws Exception {
    box.pytest(0, 3, 0).pytest(1, 3, 1).pytest(5, 0, 0).pytest(2, 0, 0).stops(Termination.TIMEOUT);
    assertThat(CapabilityRegistry.red(spec(), "t", box, LIMIT).reason())
        .contains("pass against an empty implementation");
    assertThat(CapabilityRegistry.red(spec(), "t", box, LIMIT).reason())
        .contains("2 of 3 tests pass against an empty implementation");
    assertThat(CapabilityRegistry.red(spec(), "t", box, LIMIT).reason()).contains("no tests");
    assertThat(CapabilityRegistry.red(spec(), "t", box, LIMIT).reason()).contains("do not run");
    assertThat(CapabilityRegistry.red(spec(), "t", box, LIMIT).reason()).contains("time limit");
  }

  @Test
  void nothingIsRegisteredWithoutBothProofsOrUnderATakenName() throws Exception {
    box.pytest(0, 1, 0).pytest(0, 1, 0);
    TestOutcome vacuous = CapabilityRegistry.red(spec(), "t", box, LIMIT);
    TestOutcome green = CapabilityRegistry.green("c", "t", box, LIMIT);
    assertThatThrownBy(
            () ->
                registry.register(
                    spec(),
                    "t",
                    "c",
                    vacuous,
                    green,
                    false,
                    new CapabilityRegistry.Origin(null, null, null)))
        .hasMessageContaining("did not fail against the empty implementation");
    assertThat(registry.list()).isEmpty();

    admit();
    assertThatThrownBy(this::admit).hasMessageContaining("exists already");
    assertThat(project.capabilities().versions("percentage_of")).hasSize(1);
  }

  @Test
  void callsCheckArgumentsBeforeAndResultsAfterAndCountEveryUse() throws Exception {
    admit();
    var bad =
        registry.call("percentage_of", JSON.readTree("{\"pct\": 15}"), box, LIMIT, null, null);
    assertThat(bad.ok()).isFalse();
    assertThat(bad.error()).contains("do not match");
    assertThat(box.replies).isEmpty(); // nothing ran

    box.returns("{\"ok\": true, \"value\": 45.0}")
        .returns("{\"ok\": true, \"value\": \"forty-five\"}")
        .returns(
            "{\"ok\": false, \"error\": \"ZeroDivisionError: division by zero\", \"traceback\": \"\"}")
        .stops(Termination.TIMEOUT);
    JsonNode args = JSON.readTree("{\"percent\": 15, \"value\": 300}");
    assertThat(registry.call("percentage_of", args, box, LIMIT, null, null).value().asDouble())
        .isEqualTo(45.0);
    assertThat(registry.call("percentage_of", args, box, LIMIT, null, null).error())
        .contains("not what its result schema");
    assertThat(registry.call("percentage_of", args, box, LIMIT, null, null).error())
        .contains("ZeroDivisionError");
    assertThat(registry.call("percentage_of", args, box, LIMIT, null, null).error())
        .contains("did not finish");
    Capabilities.Counters c = registry.get("percentage_of").orElseThrow().counters();
    assertThat(c.called()).isEqualTo(4);
    assertThat(c.succeeded()).isEqualTo(1);
    assertThat(c.failed()).isEqualTo(3);
    assertThat(registry.call("nope", args, box, LIMIT, null, null).error())
        .contains("no capability");
  }

  @Test
  void aCapabilityWhoseTestsFailOnReRunIsQuarantinedAndNotOffered() throws Exception {
    admit();
    box.pytest(1, 2, 1);
    TestOutcome t = registry.retest("percentage_of", box, LIMIT);
    assertThat(t.admits()).isFalse();
    Capabilities.Entry e = registry.get("percentage_of").orElseThrow();
    assertThat(e.status()).isEqualTo(Capabilities.QUARANTINED);
    assertThat(e.statusReason()).contains("tests failed on re-run");
    assertThat(registry.search("percentage of a number", 5, 0.1)).isEmpty();
    assertThat(
            registry
                .call(
                    "percentage_of",
                    JSON.readTree("{\"percent\": 1, \"value\": 2}"),
                    box,
                    LIMIT,
                    null,
                    null)
                .error())
        .contains("quarantined");

    box.pytest(0, 2, 0);
    assertThat(registry.retest("percentage_of", box, LIMIT).admits()).isTrue();
    assertThat(registry.get("percentage_of").orElseThrow().offered()).isTrue();
    assertThat(registry.search("percentage of a number", 5, 0.1)).hasSize(1);
  }

  @Test
  void anExportedCapabilityImportsUnverifiedAndABadFileWritesNothing() throws Exception {
    admit();
    JsonNode doc = registry.export("percentage_of");
    try (Project other = Project.create(dir.resolve("o.bwproj"))) {
      CapabilityRegistry r2 = new CapabilityRegistry(other, WORDS);
      var broken = doc.deepCopy();
      ((com.fasterxml.jackson.databind.node.ObjectNode) broken.get("versions").get(0))
          .put("tests", "");
      assertThatThrownBy(() -> r2.importDocument(broken, "x")).hasMessageContaining("tests");
      assertThatThrownBy(() -> r2.importDocument(JSON.readTree("{\"format\": \"zip\"}"), "x"))
          .hasMessageContaining("Not a capability file");
      assertThat(r2.list()).isEmpty();

      assertThat(r2.importDocument(doc, "imported from test")).isEqualTo("percentage_of");
      Capabilities.Entry e = r2.get("percentage_of").orElseThrow();
      assertThat(e.status()).isEqualTo(Capabilities.UNVERIFIED);
      assertThat(e.latest().code()).isEqualTo("def percentage_of(**k): ...");
      assertThat(r2.search("percentage of a number", 5, 0.1)).isEmpty();
      assertThatThrownBy(() -> r2.importDocument(doc, "again")).hasMessageContaining("exists");
    }
    assertThat(registry.delete("percentage_of")).isTrue();
    assertThat(registry.list()).isEmpty();
  }

  @Test
  void aReportWithADoctypeIsNotReadSoATestCannotMakeTheEngineFetchFiles() {
    String xxe =
        "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
            + "<testsuites><testsuite tests=\"1\" failures=\"0\">&x;</testsuite></testsuites>";
    assertThat(Harness.counts(xxe.getBytes(StandardCharsets.UTF_8))).isNull();
    assertThat(
            Harness.counts(
                "<testsuites><testsuite tests=\"2\" failures=\"1\" errors=\"1\"/></testsuites>"
                    .getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(new Harness.Counts(2, 2, 0));
  }
}
