package org.benchwright.desktop.editor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.benchwright.engine.project.FileVersion;

/** Builds the file tree shown beside the editor from the files of a run at one step. */
final class FileTree {

  private FileTree() {}

  /**
   * Folders first, then files, each sorted by name; a file is marked changed when the event at
   * {@code step} wrote it, and so is every folder above it.
   */
  static FileNode build(Map<String, FileVersion> files, long step) {
    Folder root = new Folder();
    for (FileVersion v : files.values()) {
      String[] parts = v.path().split("/");
      Folder at = root;
      for (int i = 0; i < parts.length - 1; i++) {
        at = at.folders.computeIfAbsent(parts[i], k -> new Folder());
      }
      at.files.put(parts[parts.length - 1], v);
    }
    return root.toNode("", "", step);
  }

  private static final class Folder {
    final Map<String, Folder> folders = new TreeMap<>();
    final Map<String, FileVersion> files = new TreeMap<>();

    FileNode toNode(String name, String path, long step) {
      List<FileNode> children = new ArrayList<>();
      boolean changed = false;
      for (Map.Entry<String, Folder> f : folders.entrySet()) {
        FileNode child =
            f.getValue()
                .toNode(f.getKey(), path.isEmpty() ? f.getKey() : path + "/" + f.getKey(), step);
        changed |= child.changed();
        children.add(child);
      }
      for (Map.Entry<String, FileVersion> f : files.entrySet()) {
        boolean written = f.getValue().seq() == step;
        changed |= written;
        children.add(
            new FileNode(
                f.getKey(), f.getValue().path(), false, f.getValue().seq(), written, List.of()));
      }
      return new FileNode(name, path, true, 0, changed, children);
    }
  }
}
