package org.benchwright.desktop.viewer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
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
