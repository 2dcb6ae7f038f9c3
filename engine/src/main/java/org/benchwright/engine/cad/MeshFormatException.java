package org.benchwright.engine.cad;

/**
 * A mesh file cannot be read. The message names the file and what is wrong with it (and the line,
 * for text formats), e.g. {@code part.stl: truncated binary STL: header says 1000 triangles, the
 * file holds 12}.
 */
public class MeshFormatException extends RuntimeException {

  public MeshFormatException(String fileName, String problem) {
    super(fileName + ": " + problem);
  }

  public MeshFormatException(String fileName, String problem, Throwable cause) {
    super(fileName + ": " + problem, cause);
  }
}
