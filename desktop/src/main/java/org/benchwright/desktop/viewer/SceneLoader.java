package org.benchwright.desktop.viewer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.benchwright.engine.mjcf.BenchmarkScene;
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
 * on its own. A mesh that cannot be read is a note (the rest of the scene is still worth seeing); a
 * scene that cannot be read, or a lone mesh that cannot, is an exception with the reason.
 */
final class SceneLoader {

  /** The colour of a mesh opened on its own: a light steel blue that reads well on dark grey. */
  static final Rgba LONE_MESH = new Rgba(0.62, 0.68, 0.78, 1);

  private final MeshReader meshes;

  SceneLoader(MeshReader meshes) {
    this.meshes = meshes;
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
    SceneModel model = MjcfLoader.load(path, files);
    List<String> notes = new ArrayList<>();
    model = withBenchmarkZones(model, path, files, notes);
    model.notDrawn().forEach(n -> notes.add("not drawn: " + n));
    notes.addAll(model.warnings());
    Map<String, MeshData> read = new HashMap<>();
    for (MeshAsset asset : model.meshes()) {
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
    return new LoadedScene(title, model, read, notes);
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
    return new SceneModel(
        model.source(),
        model.bodies(),
        model.geoms(),
        zones,
        model.meshes(),
        model.notDrawn(),
        model.warnings());
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
        title, model, Map.of(name, data), List.of(data.triangleCount() + " triangles"));
  }
}
