package org.benchwright.engine.mjcf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.benchwright.engine.mjcf.Fixtures.SCENE_XML;
import static org.benchwright.engine.mjcf.Fixtures.bytes;
import static org.benchwright.engine.mjcf.Fixtures.obj;
import static org.benchwright.engine.mjcf.Fixtures.vec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StaticChecksTest {

  @TempDir Path dir;

  private static List<String> check(Consumer<ObjectNode> edit, String xml) {
    return StaticChecks.check(Fixtures.scene(edit), bytes(xml));
  }

  private static List<String> check(Consumer<ObjectNode> edit) {
    return check(edit, SCENE_XML);
  }

  private static List<String> check(String xml) {
    return check(j -> {}, xml);
  }

  private static ObjectNode pit(ObjectNode j) {
    return (ObjectNode) j.get("forbid_zones").get(0);
  }

  @Test
  void theFixturePassesAndItsSchemaIsValid() {
    assertThat(check(j -> {})).isEmpty();
    assertThat(MjcfSchema.validate(bytes(SCENE_XML))).isEmpty();
  }

  @Test
  void goalOverlappingAForbidZone() {
    assertThat(check(j -> pit(j).set("max", vec(0.45, 0.3, 0.0))))
        .containsExactly("The goal zone overlaps forbid zone 'pit'.");
  }

  @Test
  void goalOutsideTheBuildZone() {
    assertThat(check(j -> obj(j, "goal_zone").set("min", vec(0.55, -0.1, 0))))
        .singleElement()
        .asString()
        .startsWith("The goal zone lies outside the build zone (goal min [0.55, -0.1, 0.0]");
    // Sharing a face counts: a part at the edge of the build zone can deliver into the goal.
    assertThat(check(j -> obj(j, "goal_zone").set("min", vec(0.5, -0.1, 0)))).isEmpty();
  }

  @Test
  void startRegionTouchingAForbidZoneCountsTheObjectsRadius() {
    // Above the pit: its top is z = 0; the region reaches down by jitter 0.001 and radius 0.02.
    assertThat(check(j -> obj(j, "moved_object").set("start", vec(0, 0, 0.0215)))).isEmpty();
    assertThat(check(j -> obj(j, "moved_object").set("start", vec(0, 0, 0.0205))))
        .singleElement()
        .asString()
        .startsWith("The moved object's start region (start ± jitter, grown by its radius 0.02 m")
        .endsWith("touches forbid zone 'pit'.");
  }

  @Test
  void startRegionTouchingTheGoal() {
    assertThat(check(j -> obj(j, "moved_object").set("start", vec(0.38, 0, 0.05))))
        .singleElement()
        .asString()
        .endsWith("touches the goal zone: the object could start in the goal.");
    assertThat(check(j -> obj(j, "moved_object").set("start", vec(0.37, 0, 0.05)))).isEmpty();
  }

  @Test
  void movedBodyMissingFromTheScene() {
    assertThat(check(j -> obj(j, "moved_object").put("body", "ball")))
        .containsExactly("The moved object's body 'ball' is not a body of scene.xml.");
  }

  @Test
  void namesMustBeUniqueAmongBodiesAndAmongGeoms() {
    String xml =
        SCENE_XML
            .replace("name=\"floor_right\"", "name=\"floor_left\"")
            .replace(
                "<body name=\"payload\"",
                "<body name=\"payload\"><geom name=\"floor_left\" size=\"0.01\"/></body>\n"
                    + "<body name=\"payload\"");
    assertThat(check(xml))
        .containsExactly(
            "2 bodies are named 'payload'; names must be unique.",
            "3 geoms are named 'floor_left'; names must be unique.");
  }

  @Test
  void aZoneGeomMustNotCollide() {
    String xml = SCENE_XML.replace("class=\"goal_marker\" ", "");
    assertThat(check(xml))
        .containsExactly(
            "Geom 'zone_goal' uses the reserved prefix zone_ but collides"
                + " (set contype=\"0\" conaffinity=\"0\").");
    // Its own attributes work as well as a default class; one of the two is not enough.
    assertThat(
            check(
                xml.replace(
                    "name=\"zone_goal\"", "name=\"zone_goal\" contype=\"0\" conaffinity=\"0\"")))
        .isEmpty();
    assertThat(check(xml.replace("name=\"zone_goal\"", "name=\"zone_goal\" contype=\"0\"")))
        .hasSize(1);
  }

  @Test
  void aZoneBodyMustHoldOnlyNonCollidingGeoms() {
    String xml = SCENE_XML.replace(" childclass=\"zone\"", "");
    assertThat(check(xml))
        .containsExactly(
            "Body 'zone_pit' uses the reserved prefix zone_ but its geom (unnamed) collides"
                + " (set contype=\"0\" conaffinity=\"0\").");
  }

  @Test
  void aContactPairMustNotInvolveAZoneMarker() {
    String xml =
        SCENE_XML.replace(
            "</mujoco>",
            "<contact><pair geom1=\"payload_geom\" geom2=\"zone_goal\"/></contact></mujoco>");
    assertThat(check(xml))
        .containsExactly("A contact pair makes zone marker 'zone_goal' collide; markers must not.");
  }

  @Test
  void capsMustBePositiveAndCoverTheEstimates() {
    assertThat(
            check(j -> obj(j, "constraints").put("max_unit_cost", -1.0).put("target_quantity", 0)))
        .containsExactly(
            "constraints.max_unit_cost must be positive; it is -1.0.",
            "constraints.target_quantity must be positive; it is 0.",
            "The planner's estimated cost 26.0 exceeds constraints.max_unit_cost -1.0.");
    assertThat(check(j -> obj(j, "constraints").put("max_weight_kg", 0.5)))
        .containsExactly(
            "The planner's estimated weight 1.0 kg exceeds constraints.max_weight_kg 0.5.");
    // Absent caps are filled from the estimates and pass.
    assertThat(check(j -> obj(j, "constraints").remove(List.of("max_unit_cost", "max_weight_kg"))))
        .isEmpty();
    assertThat(
            check(
                j ->
                    obj(j, "constraints")
                        .put("estimated_cost", 0.0)
                        .remove(List.of("max_unit_cost"))))
        .containsExactly("constraints.max_unit_cost must be positive; it is 0.0.");
  }

  @Test
  void anUnreadableSceneIsAViolationNotAnException() {
    String xml = SCENE_XML.replace("</worldbody>", "");
    assertThat(check(xml))
        .singleElement()
        .asString()
        .startsWith(
            "scene.xml cannot be read (line "
                + MjcfSchemaTest.lineOf(xml, "</mujoco>")
                + "): The element type \"worldbody\" must be terminated");
  }

  @Test
  void aSceneWithAnEntityIsRefusedWithoutReadingTheFile() throws Exception {
    Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET-CONTENT");
    String xxe =
        "<!DOCTYPE mujoco [<!ENTITY x SYSTEM \""
            + secret.toUri()
            + "\">]>\n<mujoco><worldbody><body name=\"&x;\"/></worldbody></mujoco>";
    assertThat(check(xxe))
        .singleElement()
        .asString()
        .contains("DOCTYPE")
        .doesNotContain("TOP-SECRET");
  }
}
