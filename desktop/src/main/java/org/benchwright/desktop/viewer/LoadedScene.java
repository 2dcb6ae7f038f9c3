package org.benchwright.desktop.viewer;

import java.util.List;
import java.util.Map;
import org.benchwright.engine.mjcf.SceneModel;

/**
 * A scene ready to be turned into nodes: the model, its meshes read (by asset name), and the notes
 * to show beside it (what is not drawn, warnings, meshes that could not be read).
 *
 * @param title what is shown, e.g. "scene.xml at step 12" or "part.stl"
 */
record LoadedScene(
    String title, SceneModel model, Map<String, MeshData> meshes, List<String> notes) {

  LoadedScene {
    meshes = Map.copyOf(meshes);
    notes = List.copyOf(notes);
  }

  int triangleCount() {
    return meshes.values().stream().mapToInt(MeshData::triangleCount).sum();
  }
}
