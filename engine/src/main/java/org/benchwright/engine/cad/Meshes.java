package org.benchwright.engine.cad;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Reads STL (binary or ASCII) and OBJ files into welded {@link Mesh}es. */
public final class Meshes {

  private Meshes() {}

  /**
   * Reads a mesh file, the format chosen by its extension ({@code .stl} or {@code .obj}, any case).
   *
   * @throws MeshFormatException when the file cannot be read or is not a valid mesh
   */
  public static Mesh read(Path file) {
    String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
    format(name); // an unsupported extension is reported before touching the file
    byte[] content;
    try {
      content = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new MeshFormatException(name, "cannot read the file (" + e + ")", e);
    }
    return read(name, content);
  }

  /**
   * Reads a mesh held in memory (e.g. a file stored in the project); {@code fileName} chooses the
   * format and names the file in error messages.
   *
   * @throws MeshFormatException when the content is not a valid mesh
   */
  public static Mesh read(String fileName, byte[] content) {
    return switch (format(fileName)) {
      case "stl" -> StlReader.read(fileName, content);
      default -> ObjReader.read(fileName, content);
    };
  }

  private static String format(String fileName) {
    int dot = fileName.lastIndexOf('.');
    String extension = dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
    if (!extension.equals("stl") && !extension.equals("obj")) {
      throw new MeshFormatException(
          fileName, "not a mesh file: expected the extension .stl or .obj");
    }
    return extension;
  }
}
