package org.benchwright.engine.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.benchwright.testsupport.DockerRequired;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** The MuJoCo validator in the image gives the right verdict, driven through a real session. */
@ExtendWith(DockerRequired.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MjcfCheckIT {

  private static final Path SCENES =
      Path.of("..", "sandbox-images", "cad-sim", "mjcf-check", "tests");
  private static final ObjectMapper JSON = new ObjectMapper();
  private final String owner = "mjcf-" + UUID.randomUUID();
  private Sandboxes sandboxes;
  private SandboxSession session;

  @BeforeAll
  void start() throws Exception {
    sandboxes = Sandboxes.start(Sandboxes.Settings.forOwner(owner).withWarmPool(0));
    session = sandboxes.open("mjcf");
    Map<String, byte[]> scenes = new java.util.HashMap<>();
    for (String name : new String[] {"valid", "typo", "interpenetrating", "unstable"}) {
      scenes.put("scenes/" + name + ".xml", Files.readAllBytes(SCENES.resolve(name + ".xml")));
    }
    session.writeFiles(scenes);
  }

  @AfterAll
  void stop() {
    sandboxes.close();
    assertThat(DockerLeftovers.of(owner)).isEmpty();
  }

  private JsonNode check(String scene, int expectedExit) throws Exception {
    ExecResult r = session.run("mjcf-check scenes/" + scene + ".xml", Duration.ofSeconds(60));
    assertThat(r.termination()).isEqualTo(Termination.EXIT);
    assertThat(r.exitCode()).as("%s: %s", scene, r.stderrText()).isEqualTo(expectedExit);
    return JSON.readTree(r.stdout());
  }

  @Test
  void aValidSceneSettlesAndPasses() throws Exception {
    JsonNode report = check("valid", 0);
    assertThat(report.get("verdict").asText()).isEqualTo("ok");
    assertThat(report.at("/stability/steps").asInt()).isEqualTo(750);
    assertThat(report.get("intersections")).isEmpty();
  }

  @Test
  void anXmlTypoIsACompileErrorWithItsLine() throws Exception {
    JsonNode report = check("typo", 1);
    assertThat(report.get("verdict").asText()).isEqualTo("compile_error");
    assertThat(report.at("/compile/line").asInt()).isPositive();
    assertThat(report.at("/compile/error").asText()).containsIgnoringCase("xml");
  }

  @Test
  void interpenetratingBoxesAreNamedWithTheirDepth() throws Exception {
    JsonNode report = check("interpenetrating", 1);
    assertThat(report.get("verdict").asText()).isEqualTo("intersection");
    JsonNode first = report.get("intersections").get(0);
    assertThat(first.get("geom1").asText() + " " + first.get("geom2").asText())
        .contains("left_box")
        .contains("right_box");
    assertThat(first.get("depth").asDouble()).isGreaterThan(0.001);
  }

  @Test
  void anUnstableModelFailsOnMujocosWarningCounters() throws Exception {
    JsonNode report = check("unstable", 1);
    assertThat(report.get("verdict").asText()).isEqualTo("unstable");
    assertThat(report.at("/stability/reason").asText()).isNotBlank();
    int warnings = 0;
    for (JsonNode n : report.at("/stability/warnings")) {
      warnings += n.asInt();
    }
    boolean runaway =
        report.at("/stability/max_abs_qpos").asDouble() > 1e4
            || report.at("/stability/max_body_speed").asDouble() > 100;
    assertThat(warnings > 0 || runaway).isTrue();
  }

  @Test
  void posesAreSampledForPlayback() throws Exception {
    ExecResult r =
        session.run("mjcf-check --poses-every 50 scenes/valid.xml", Duration.ofSeconds(60));
    JsonNode poses = JSON.readTree(r.stdout()).get("poses");
    assertThat(poses.get("every").asInt()).isEqualTo(50);
    assertThat(poses.get("frames").size()).isGreaterThanOrEqualTo(15);
    assertThat(poses.get("bodies").size()).isPositive();
  }
}
