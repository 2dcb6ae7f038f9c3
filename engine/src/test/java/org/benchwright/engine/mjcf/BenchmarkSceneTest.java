package org.benchwright.engine.mjcf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.benchwright.engine.mjcf.Fixtures.bytes;
import static org.benchwright.engine.mjcf.Fixtures.json;
import static org.benchwright.engine.mjcf.Fixtures.obj;
import static org.benchwright.engine.mjcf.Fixtures.vec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.benchwright.engine.mjcf.BenchmarkScene.Box;
import org.benchwright.engine.mjcf.BenchmarkScene.Shape;
import org.benchwright.engine.mjcf.BenchmarkScene.Vec3;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BenchmarkSceneTest {

  @Test
  void readsEveryField() {
    BenchmarkScene s = BenchmarkScene.parse(bytes(Fixtures.BENCHMARK_JSON));
    assertThat(s.seed()).isEqualTo(3);
    assertThat(s.movedObject().body()).isEqualTo("payload");
    assertThat(s.movedObject().shape()).isEqualTo(Shape.SPHERE);
    assertThat(s.movedObject().size()).containsExactly(0.02);
    assertThat(s.movedObject().start()).isEqualTo(new Vec3(-0.4, 0, 0.3));
    assertThat(s.movedObject().jitter()).isEqualTo(new Vec3(0.002, 0.002, 0.001));
    assertThat(s.goalZone()).isEqualTo(new Box(new Vec3(0.4, -0.1, 0), new Vec3(0.6, 0.1, 0.1)));
    assertThat(s.forbidZones())
        .singleElement()
        .satisfies(z -> assertThat(z.name()).isEqualTo("pit"));
    assertThat(s.constraints().maxUnitCost()).isEqualTo(40.0);
    assertThat(s.constraints().targetQuantity()).isEqualTo(100);
    assertThat(s.randomization().scale()).isEqualTo(new Vec3(1.2, 1, 1));
    assertThat(s.randomization().zoneShift()).isEqualTo(0.1);
  }

  @Test
  void absentCapsAreOneAndAHalfTimesTheEstimates() {
    Consumer<ObjectNode> noCaps =
        j -> obj(j, "constraints").remove(List.of("max_unit_cost", "max_weight_kg"));
    BenchmarkScene s = Fixtures.scene(noCaps);
    assertThat(s.constraints().maxUnitCost()).isEqualTo(39.0);
    assertThat(s.constraints().maxWeightKg()).isEqualTo(1.5);
    assertThat(BenchmarkScene.parse(json(noCaps), 2.0).constraints().maxUnitCost()).isEqualTo(52.0);
  }

  @Test
  void forbidZonesMayBeAbsent() {
    assertThat(Fixtures.scene(j -> j.remove("forbid_zones")).forbidZones()).isEmpty();
  }

  @Test
  void toJsonReadsBackToTheSameSceneWithCapsFilledIn() {
    BenchmarkScene s =
        Fixtures.scene(
            j -> obj(j, "constraints").remove(List.of("max_unit_cost", "max_weight_kg")));
    BenchmarkScene again = BenchmarkScene.parse(bytes(s.toJson()));
    assertThat(again).isEqualTo(s);
    assertThat(s.toJson()).contains("\"max_unit_cost\":39.0");
  }

  @Test
  void boundingRadiusAndStartRegionFollowTheShape() {
    BenchmarkScene box =
        Fixtures.scene(
            j -> obj(j, "moved_object").put("shape", "box").set("size", vec(0.03, 0.04, 0.12)));
    assertThat(box.movedObject().boundingRadius()).isCloseTo(0.13, within());
    BenchmarkScene capsule =
        Fixtures.scene(
            j -> obj(j, "moved_object").put("shape", "capsule").set("size", vec(0.01, 0.05)));
    assertThat(capsule.movedObject().boundingRadius()).isCloseTo(0.06, within());
    Box region = Fixtures.scene(j -> {}).movedObject().startRegion();
    assertThat(region.min().x()).isCloseTo(-0.422, within());
    assertThat(region.max().z()).isCloseTo(0.321, within());
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(1e-12);
  }

  static Stream<Arguments> badFiles() {
    return Stream.of(
        bad("goal_zone", "missing", j -> j.remove("goal_zone")),
        bad("moved_object.start", "missing", j -> obj(j, "moved_object").remove("start")),
        bad("moved_object.body", "missing", j -> obj(j, "moved_object").putNull("body")),
        bad(
            "goal_zone.min",
            "must be 3 numbers [x, y, z]; got 2",
            j -> obj(j, "goal_zone").set("min", vec(0.4, -0.1))),
        bad(
            "build_zone",
            "min.z (0.7) is greater than max.z (0.6)",
            j -> obj(j, "build_zone").set("min", vec(-0.5, -0.3, 0.7))),
        bad(
            "forbid_zones[0]",
            "min.x (0.2) is greater than max.x (0.1)",
            j -> ((ObjectNode) j.get("forbid_zones").get(0)).set("min", vec(0.2, -0.3, -0.2))),
        bad(
            "forbid_zones[0].name",
            "missing",
            j -> ((ObjectNode) j.get("forbid_zones").get(0)).remove("name")),
        bad("forbid_zones", "must be a list", j -> j.put("forbid_zones", "none")),
        bad(
            "moved_object.size",
            "a box needs 3 size value(s); got 1",
            j -> obj(j, "moved_object").put("shape", "box")),
        bad(
            "moved_object.shape",
            "'cube' is not one of sphere, box, capsule, cylinder, ellipsoid, mesh",
            j -> obj(j, "moved_object").put("shape", "cube")),
        bad(
            "moved_object.size",
            "sizes must be positive",
            j -> obj(j, "moved_object").set("size", vec(-0.02))),
        bad(
            "moved_object.jitter",
            "must not be negative",
            j -> obj(j, "moved_object").set("jitter", vec(0.002, -0.002, 0))),
        bad(
            "moved_object.start[1]",
            "must be a finite number; got \"0\"",
            j ->
                ((com.fasterxml.jackson.databind.node.ArrayNode)
                        obj(j, "moved_object").get("start"))
                    .set(1, "0")),
        bad("seed", "must be an integer; got 3.5", j -> j.put("seed", 3.5)),
        bad(
            "constraints.target_quantity",
            "must be an integer",
            j -> obj(j, "constraints").put("target_quantity", "many")),
        bad(
            "constraints.estimated_cost",
            "missing",
            j -> obj(j, "constraints").remove("estimated_cost")),
        bad("randomization", "must be an object", j -> j.put("randomization", 1)),
        bad(
            "goal_zon",
            "unknown field; expected one of seed, moved_object",
            j -> j.set("goal_zon", j.get("goal_zone"))),
        bad(
            "randomization.zone_shfit",
            "unknown field",
            j -> obj(j, "randomization").put("zone_shfit", 0.1)));
  }

  private static Arguments bad(String field, String message, Consumer<ObjectNode> edit) {
    return Arguments.of(field, message, edit);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("badFiles")
  void aBadFieldIsNamedInTheError(String field, String message, Consumer<ObjectNode> edit) {
    assertThatThrownBy(() -> BenchmarkScene.parse(json(edit)))
        .isInstanceOfSatisfying(
            BenchmarkFormatException.class, e -> assertThat(e.field()).isEqualTo(field))
        .hasMessageStartingWith("benchmark.json: " + field + ": ")
        .hasMessageContaining(message);
  }

  @Test
  void notJsonGivesTheLineAndColumn() {
    assertThatThrownBy(() -> BenchmarkScene.parse(bytes("{\"seed\": 3,\n \"goal_zone\": }")))
        .isInstanceOf(BenchmarkFormatException.class)
        .hasMessageStartingWith("benchmark.json: not valid JSON (line 2, column ");
    assertThatThrownBy(() -> BenchmarkScene.parse(bytes("{\"seed\": 3, \"seed\": 4}")))
        .hasMessageContaining("Duplicate field 'seed'");
  }

  @Test
  void aFileThatIsNotAnObjectIsRefused() {
    for (String text : List.of("", "[]", "3", "null")) {
      assertThatThrownBy(() -> BenchmarkScene.parse(bytes(text)))
          .as(text)
          .isInstanceOf(BenchmarkFormatException.class)
          .hasMessage("benchmark.json: must be a JSON object");
    }
  }
}
