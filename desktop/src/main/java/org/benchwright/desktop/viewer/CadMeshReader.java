package org.benchwright.desktop.viewer;

import java.nio.file.Path;
import org.benchwright.engine.cad.Mesh;
import org.benchwright.engine.cad.Meshes;

/**
 * Reads meshes with the engine's cad readers (binary and ASCII STL, OBJ; welded), which throw
 * {@code MeshFormatException} with the file name and what is wrong.
 */
final class CadMeshReader {

  private CadMeshReader() {}

  static MeshData read(String fileName, byte[] content) {
    String name = fileName.substring(fileName.lastIndexOf('/') + 1);
    Mesh mesh = Meshes.read(name, content);
    return MeshData.of(mesh.points(), mesh.triangles());
  }

  /** The engine's read of a file alone (the bench's reference); returns its triangle count. */
  static int triangleCount(Path file) {
    return Meshes.read(file).triangleCount();
  }
}
