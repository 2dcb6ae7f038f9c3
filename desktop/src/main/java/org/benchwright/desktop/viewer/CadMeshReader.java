package org.benchwright.desktop.viewer;

/** Reads meshes with the engine's cad readers (STL binary/ASCII, OBJ). */
final class CadMeshReader {

  private CadMeshReader() {}

  static MeshData read(String fileName, byte[] content) {
    // Replaced by the engine's cad.Meshes once that feature is merged.
    throw new IllegalStateException("Reading " + fileName + ": mesh reading is not available yet");
  }
}
