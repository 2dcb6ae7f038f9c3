package org.benchwright.desktop.viewer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.benchwright.engine.mjcf.BenchmarkScene;
import org.benchwright.engine.mjcf.CompiledScene;
import org.benchwright.engine.mjcf.MjcfLoadException;
import org.benchwright.engine.mjcf.MjcfLoader;
import org.benchwright.engine.mjcf.Pose;
import org.benchwright.engine.mjcf.SceneFiles;
import org.benchwright.engine.mjcf.SceneModel;
import org.benchwright.engine.mjcf.SceneModel.Body;
import org.benchwright.engine.mjcf.SceneModel.Geom;
import org.benchwright.engine.mjcf.SceneModel.GeomType;
import org.benchwright.engine.mjcf.SceneModel.MeshAsset;
import org.benchwright.engine.mjcf.SceneModel.Rgba;
import org.benchwright.engine.mjcf.SceneModel.Vec3;
import org.benchwright.engine.mjcf.SceneModel.Zone;
import org.benchwright.engine.mjcf.SceneModel.ZoneKind;

/**
 * Loads what the viewer shows, off the FX thread: an MJCF scene with its meshes, or one mesh file
 * on its own. A scene is drawn as MuJoCo compiled it when a compiler is given and answers (ADR
 * 0026); otherwise, and when MuJoCo refuses the scene, by Benchwright's own reader, and the loaded
 * scene says which and why. A mesh that cannot be read is a note (the rest of the scene is still
 * worth seeing); a scene that cannot be read, or a lone mesh that cannot, is an exception with the
 * reason.
 */
final class SceneLoader {

  /** The colour of a mesh opened on its own: a light steel blue that reads well on dark grey. */
  static final Rgba LONE_MESH = new Rgba(0.62, 0.68, 0.78, 1);

  /** MuJoCo in a sandbox, e.g. {@code SceneCompiler::compile}. */
  @FunctionalInterface
  interface Compiler {
    /**
     * @throws org.benchwright.engine.mjcf.SceneCompiler.UnavailableException when MuJoCo cannot
     *     answer
     */
    CompiledScene.Outcome compile(String path, SceneFiles files);
  }

  static final String OWN_READER = "Drawn by Benchwright's own MJCF reader";

  private final MeshReader meshes;
  private final Compiler compiler;

  SceneLoader(MeshReader meshes) {
    this(meshes, null);
  }

  /** {@code compiler} null: Benchwright's own reader only (no Docker in this setting). */
  SceneLoader(MeshReader meshes, Compiler compiler) {
    this.meshes = meshes;
    this.compiler = compiler;
  }

  static boolean isMesh(String path) {
    String p = path.toLowerCase(Locale.ROOT);
    return p.endsWith(".stl") || p.endsWith(".obj");
  }

  static boolean isScene(String path) {
    return path.toLowerCase(Locale.ROOT).endsWith(".xml");
  }

  /** Loads {@code path} (relative to {@code files}' root): an MJCF scene, or an STL/OBJ mesh. */
  LoadedScene load(String path, SceneFiles files, String title) {
    if (isMesh(path)) {
      return loneMesh(path, files, title);
    }
    List<String> notes = new ArrayList<>();
    String origin = OWN_READER;
    String problem = null;
    SceneModel model = null;
    CompiledScene.Counts counts = null;
    if (compiler != null) {
      try {
        switch (compiler.compile(path, files)) {
          case CompiledScene.Compiled c -> {
            model = c.scene().model();
            counts = c.scene().counts();
            origin = "Drawn from " + model.compiledBy() + "'s compiled model";
          }
          case CompiledScene.Refused r -> {
            problem = r.error().describe(path);
            origin = OWN_READER + ": MuJoCo cannot compile this scene (see the error above)";
          }
        }
      } catch (org.benchwright.engine.mjcf.SceneCompiler.UnavailableException e) {
        origin = OWN_READER + ": " + unavailable(e);
        notes.add(e.getMessage());
      } catch (RuntimeException e) {
        // A compiler that breaks must not keep the scene from being drawn.
        origin = OWN_READER + ": MuJoCo's view failed (" + e + ")";
      }
    }
    if (model == null) {
      try {
        model = MjcfLoader.load(path, files);
      } catch (MjcfLoadException e) {
        if (problem != null) {
          throw new IllegalArgumentException(
              problem + "; Benchwright's reader: " + e.getMessage(), e);
        }
        throw e;
      }
    }
    model = withBenchmarkZones(model, path, files, notes);
    // Only what a user would expect to see and cannot (NotDrawn explains the rule).
    NotDrawn.worthListing(model.notDrawn()).forEach(n -> notes.add("not drawn: " + n));
    notes.addAll(model.warnings());
    Map<String, MeshData> read = new HashMap<>();
    for (MeshAsset asset : model.meshes()) {
      if (asset.isInline()) {
        read.put(asset.name(), MeshData.of(asset.vertices(), asset.faces()));
        continue;
      }
      try {
        Optional<byte[]> content = files.read(asset.file());
        if (content.isEmpty()) {
          notes.add("mesh '" + asset.name() + "': file " + asset.file() + " not found");
          continue;
        }
        read.put(asset.name(), meshes.read(asset.file(), content.get()));
      } catch (RuntimeException e) {
        notes.add("mesh '" + asset.name() + "': " + e.getMessage());
      }
    }
    return new LoadedScene(title, model, read, notes, origin, problem, counts);
  }

  private static String unavailable(
      org.benchwright.engine.mjcf.SceneCompiler.UnavailableException e) {
    String view = " — MuJoCo-compiled view unavailable";
    return switch (e.reason()) {
      case NO_ENGINE -> "no Docker engine answers (or the cad-sim image is missing)" + view;
      case OLD_IMAGE ->
          "the sandbox image's mjcf-check cannot export scenes (rebuild cad-sim)" + view;
      case TOO_LARGE -> "the scene's files are too large to copy into the sandbox" + view;
      case FAILED -> "MuJoCo's export failed" + view;
    };
  }

  /**
   * A benchmark's zones are always in the benchmark.json beside its scene, drawing them in the
   * scene is optional (docs/benchmark-format.md): without zone markers, that file's boxes are
   * shown.
   */
  private static SceneModel withBenchmarkZones(
      SceneModel model, String path, SceneFiles files, List<String> notes) {
    if (!model.zones().isEmpty()) {
      return model;
    }
    int slash = path.lastIndexOf('/');
    String json = (slash < 0 ? "" : path.substring(0, slash + 1)) + "benchmark.json";
    Optional<byte[]> content = files.read(json);
    if (content.isEmpty()) {
      return model;
    }
    BenchmarkScene bench;
    try {
      bench = BenchmarkScene.parse(content.get());
    } catch (IllegalArgumentException e) {
      notes.add("zones not drawn: " + e.getMessage());
      return model;
    }
    List<Zone> zones = new ArrayList<>();
    zones.add(zone("zone_goal", ZoneKind.GOAL, bench.goalZone()));
    for (BenchmarkScene.Zone z : bench.forbidZones()) {
      zones.add(zone("zone_" + z.name(), ZoneKind.FORBID, z.box()));
    }
    zones.add(zone("zone_build", ZoneKind.BUILD, bench.buildZone()));
    notes.add("zones from " + json);
    return model.withZones(zones);
  }

  private static Zone zone(String name, ZoneKind kind, BenchmarkScene.Box box) {
    BenchmarkScene.Vec3 min = box.min();
    BenchmarkScene.Vec3 max = box.max();
    return new Zone(
        name,
        kind,
        0,
        Pose.translation((min.x() + max.x()) / 2, (min.y() + max.y()) / 2, (min.z() + max.z()) / 2),
        new Vec3((max.x() - min.x()) / 2, (max.y() - min.y()) / 2, (max.z() - min.z()) / 2));
  }

  private LoadedScene loneMesh(String path, SceneFiles files, String title) {
    byte[] content =
        files.read(path).orElseThrow(() -> new IllegalArgumentException(path + ": no such file"));
    MeshData data = meshes.read(path, content);
    String name = path.substring(path.lastIndexOf('/') + 1);
    SceneModel model =
        new SceneModel(
            path,
            List.of(new Body("world", -1, Pose.IDENTITY)),
            List.of(
                new Geom(
                    name, 0, GeomType.MESH, Pose.IDENTITY, new Vec3(0, 0, 0), LONE_MESH, name, 0)),
            List.of(),
            List.of(new MeshAsset(name, path, new Vec3(1, 1, 1))),
            List.of(),
            List.of());
    return new LoadedScene(
        title,
        model,
        Map.of(name, data),
        List.of(data.triangleCount() + " triangles"),
        "",
        null,
        null);
  }
}
