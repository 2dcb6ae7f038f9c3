package org.benchwright.engine.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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
    for (String name :
        new String[] {"valid", "typo", "interpenetrating", "unstable", "scene", "scene-arm"}) {
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
    // MuJoCo 3's box-box collider reports the full 5 cm overlap (2.2.2 reported about half).
    assertThat(first.get("depth").asDouble()).isCloseTo(0.05, within(1e-6));
  }

  @Test
  void theImageRunsMujoco3() throws Exception {
    assertThat(check("valid", 0).get("mujoco_version").asText()).isEqualTo("3.14.0");
  }

  @Test
  void theCompiledSceneIsExportedWithAttachedAndReplicatedBodies() throws Exception {
    ExecResult r =
        session.run("mjcf-check --duration 0 --scene scenes/scene.xml", Duration.ofSeconds(60));
    assertThat(r.exitCode()).as(r.stderrText()).isZero();
    JsonNode scene = JSON.readTree(r.stdout()).get("scene");
    assertThat(scene.at("/counts/nbody").asInt()).isEqualTo(scene.get("bodies").size());
    assertThat(scene.get("geoms").size()).isEqualTo(scene.at("/counts/ngeom").asInt());
    java.util.List<String> bodies = new java.util.ArrayList<>();
    scene.get("bodies").forEach(b -> bodies.add(b.path("name").asText(null)));
    assertThat(bodies).contains("world", "base", "arm-link", "post0", "post1", "post2");
    JsonNode base = scene.get("bodies").get(bodies.indexOf("base"));
    assertThat(base.at("/pos/1").asDouble()).isCloseTo(2.0, within(1e-9)); // turned by <frame>
    assertThat(scene.at("/meshes/0/vertices").size()).isEqualTo(12);
    assertThat(scene.at("/flexes/0/dim").asInt()).isEqualTo(2);
    assertThat(scene.at("/hfields/0/data").size()).isEqualTo(9);
    assertThat(scene.get("truncated").asBoolean()).isFalse();
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
