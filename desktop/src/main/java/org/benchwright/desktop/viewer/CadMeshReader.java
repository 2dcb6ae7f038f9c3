package org.benchwright.desktop.viewer;

/** Reads meshes with the engine's cad readers (STL binary/ASCII, OBJ). */
final class CadMeshReader {

  private CadMeshReader() {}

  static MeshData read(String fileName, byte[] content) {
    // Replaced by the engine's cad.Meshes once that feature is merged.
    throw new IllegalStateException("Reading " + fileName + ": mesh reading is not available yet");
  }

  /** The engine's read of a file alone (the bench's reference); returns its triangle count. */
  static int triangleCount(java.nio.file.Path file) {
    throw new IllegalStateException("Reading " + file + ": mesh reading is not available yet");
  }
}
