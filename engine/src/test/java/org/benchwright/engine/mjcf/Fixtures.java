package org.benchwright.engine.mjcf;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * A small consistent seed: a payload rolls from the left towards a goal right of a pit. The scene
 * passes mjcf-check (MuJoCo 3.14.0) as it is.
 */
final class Fixtures {

  private static final ObjectMapper JSON = new ObjectMapper();

  static final String BENCHMARK_JSON =
      """
      {"seed": 3,
       "moved_object": {"body": "payload", "shape": "sphere", "size": [0.02], "material": "steel",
                        "start": [-0.4, 0.0, 0.3], "jitter": [0.002, 0.002, 0.001]},
       "goal_zone": {"min": [0.4, -0.1, 0.0], "max": [0.6, 0.1, 0.1]},
       "forbid_zones": [{"name": "pit", "min": [-0.1, -0.3, -0.2], "max": [0.1, 0.3, 0.0]}],
       "build_zone": {"min": [-0.5, -0.3, 0.0], "max": [0.5, 0.3, 0.6]},
       "constraints": {"max_unit_cost": 40.0, "max_weight_kg": 1.5, "target_quantity": 100,
                       "estimated_cost": 26.0, "estimated_weight_kg": 1.0},
       "randomization": {"scale": [1.2, 1.0, 1.0], "zone_shift": 0.1, "material": "steel"}}
      """;

  static final String SCENE_XML =
      """
      <mujoco model="pit">
        <default>
          <default class="zone">
            <geom contype="0" conaffinity="0" rgba="0 1 0 0.2"/>
            <default class="goal_marker">
              <geom rgba="0 0 1 0.2"/>
            </default>
          </default>
        </default>
        <worldbody>
          <geom name="floor_left" type="box" size="0.4 0.3 0.01" pos="-0.5 0 -0.01"/>
          <geom name="floor_right" type="box" size="0.4 0.3 0.01" pos="0.5 0 -0.01"/>
          <geom name="zone_goal" class="goal_marker" type="box" size="0.1 0.1 0.05"
                pos="0.5 0 0.05"/>
          <body name="zone_pit" childclass="zone">
            <geom type="box" size="0.1 0.3 0.1" pos="0 0 -0.1"/>
          </body>
          <body name="payload" pos="-0.4 0 0.3">
            <freejoint/>
            <geom name="payload_geom" type="sphere" size="0.02" density="7850"/>
          </body>
        </worldbody>
      </mujoco>
      """;

  private Fixtures() {}

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static ObjectNode json() {
    try {
      return (ObjectNode) JSON.readTree(BENCHMARK_JSON);
    } catch (JsonProcessingException e) {
      throw new AssertionError(e);
    }
  }

  /** The fixture's benchmark.json after an edit, as bytes. */
  static byte[] json(Consumer<ObjectNode> edit) {
    ObjectNode n = json();
    edit.accept(n);
    return bytes(n.toString());
  }

  static BenchmarkScene scene(Consumer<ObjectNode> edit) {
    return BenchmarkScene.parse(json(edit));
  }

  static ArrayNode vec(double... values) {
    ArrayNode a = JSON.createArrayNode();
    for (double v : values) {
      a.add(v);
    }
    return a;
  }

  static ObjectNode obj(ObjectNode root, String field) {
    return (ObjectNode) root.get(field);
  }
}
