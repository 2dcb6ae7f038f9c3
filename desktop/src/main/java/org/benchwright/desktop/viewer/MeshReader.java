package org.benchwright.desktop.viewer;

/**
 * Reads an STL or OBJ file's content into mesh arrays; throws with a clear message if it cannot.
 */
@FunctionalInterface
interface MeshReader {

  MeshData read(String fileName, byte[] content);
}
