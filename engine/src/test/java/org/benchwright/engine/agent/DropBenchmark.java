package org.benchwright.engine.agent;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.benchwright.engine.model.ModelConfig;
import org.benchwright.engine.project.NewBenchmark;
import org.benchwright.engine.project.NewRun;
import org.benchwright.engine.project.Project;

/**
 * A stored benchmark for the engineer tests: a steel ball dropped from 30 cm falls straight down
 * unless a part guides it; the goal is 35-60 cm along +x, a forbid pit lies along -x.
 */
public final class DropBenchmark {

  private DropBenchmark() {}

  /** Stores the benchmark (seed 1) as a generator run would have, and returns its id. */
  public static long store(Project project) {
    long generatorRun =
        project
            .runs()
            .create(
                new NewRun(
                    "benchmark-generator",
                    "fixture: a dropped ball",
                    ModelConfig.of("scripted", "fixture").toJson()))
            .id();
    byte[] json = resource("drop-benchmark.json");
    return project
        .benchmarks()
        .save(
            new NewBenchmark(
                "Dropped ball to a goal",
                generatorRun,
                "# generator not needed by these tests\n".getBytes(StandardCharsets.UTF_8),
                new String(json, StandardCharsets.UTF_8),
                "{\"max_unit_cost\":200.0}",
                "A ramp under the drop point, tilted toward +x.",
                "accepted",
                List.of(
                    new NewBenchmark.NewVariant(
                        1,
                        resource("drop-scene.xml"),
                        Map.of("benchmark.json", json),
                        "{\"passed\":true}",
                        true))));
  }

  public static byte[] resource(String name) {
    try (java.io.InputStream in = DropBenchmark.class.getResourceAsStream("/engineer/" + name)) {
      return in.readAllBytes();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** A flat plate, in millimetres; the assembly tilts it. */
  static String rampScad(int lengthMm, int widthMm, int thicknessMm) {
    return "// A flat plate; the assembly tilts it.\ncube([%d, %d, %d], center = true);\n"
        .formatted(lengthMm, widthMm, thicknessMm);
  }

  /** The assembly with the plate at x (m), tilted by pitch degrees about y (+: low end at +x). */
  static String assembly(double x, int pitch) {
    return """
        <mujoco>
          <asset>
            <mesh name="ramp_mesh" file="ramp.stl" scale="0.001 0.001 0.001"/>
          </asset>
          <worldbody>
            <body name="ramp" pos="%s 0 0.15" euler="0 %d 0">
              <geom name="ramp_geom" type="mesh" mesh="ramp_mesh"/>
            </body>
          </worldbody>
        </mujoco>
        """
        .formatted(x, pitch);
  }

  /** The same plate as a primitive box (no STL needed). */
  static String boxAssembly(double x, int pitch) {
    return """
        <mujoco>
          <worldbody>
            <body name="ramp" pos="%s 0 0.15" euler="0 %d 0">
              <geom name="ramp_geom" type="box" size="0.2 0.08 0.01"/>
            </body>
          </worldbody>
        </mujoco>
        """
        .formatted(x, pitch);
  }
}
