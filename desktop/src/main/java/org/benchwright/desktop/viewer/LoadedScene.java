package org.benchwright.desktop.viewer;

import java.util.List;
import java.util.Map;
import org.benchwright.engine.mjcf.CompiledScene;
import org.benchwright.engine.mjcf.SceneModel;

/**
 * A scene ready to be turned into nodes: the model, its meshes read (by asset name), and the notes
 * to show beside it (what is not drawn, warnings, meshes that could not be read).
 *
 * @param title what is shown, e.g. "scene.xml at step 12" or "part.stl"
 * @param origin who resolved the scene and, for Benchwright's own reader, why MuJoCo did not (""
 *     for a lone mesh)
 * @param problem MuJoCo's compile error when it refused the scene (then drawn by the reader), else
 *     null
 * @param counts the compiled model's sizes when MuJoCo compiled it, else null
 */
record LoadedScene(
    String title,
    SceneModel model,
    Map<String, MeshData> meshes,
    List<String> notes,
    String origin,
    String problem,
    CompiledScene.Counts counts) {

  LoadedScene {
    meshes = Map.copyOf(meshes);
    notes = List.copyOf(notes);
  }

  LoadedScene(String title, SceneModel model, Map<String, MeshData> meshes, List<String> notes) {
    this(title, model, meshes, notes, "", null, null);
  }

  int triangleCount() {
    return meshes.values().stream().mapToInt(MeshData::triangleCount).sum();
  }
}
