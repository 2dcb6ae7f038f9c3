package org.benchwright.desktop.editor;

import java.util.List;

/**
 * One entry of the file tree: a folder (made from path segments) or a run file.
 *
 * @param path the run-relative path; a folder's path has no trailing slash, the root's is empty
 * @param seq for a file, the seq of the event that wrote the version shown; 0 for folders
 * @param changed a file written by the event the cursor is on, or a folder holding one
 */
public record FileNode(
    String name, String path, boolean folder, long seq, boolean changed, List<FileNode> children) {

  public FileNode {
    children = List.copyOf(children);
  }

  /** Every file path under this node, depth first. */
  List<String> filePaths() {
    List<String> paths = new java.util.ArrayList<>();
    collect(this, paths);
    return paths;
  }

  private static void collect(FileNode node, List<String> into) {
    if (!node.folder()) {
      into.add(node.path());
    }
    node.children().forEach(c -> collect(c, into));
  }
}
