package org.benchwright.desktop.editor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.benchwright.engine.project.FileVersion;
import org.junit.jupiter.api.Test;

class FileTreeTest {

  private static Map<String, FileVersion> files(Object... pathAndSeq) {
    Map<String, FileVersion> m = new LinkedHashMap<>();
    for (int i = 0; i < pathAndSeq.length; i += 2) {
      String p = (String) pathAndSeq[i];
      m.put(p, new FileVersion(p, (Integer) pathAndSeq[i + 1], "sha-" + p));
    }
    return m;
  }

  @Test
  void foldersComeFromPathSegmentsAndListBeforeFilesByName() {
    FileNode root =
        FileTree.build(
            files("z.py", 1, "scene/robot.xml", 2, "scene/meshes/arm.stl", 3, "a.scad", 4), 9);

    assertThat(root.folder()).isTrue();
    assertThat(root.children())
        .extracting(FileNode::name)
        .containsExactly("scene", "a.scad", "z.py");
    FileNode scene = root.children().getFirst();
    assertThat(scene.path()).isEqualTo("scene");
    assertThat(scene.children()).extracting(FileNode::name).containsExactly("meshes", "robot.xml");
    FileNode arm = scene.children().getFirst().children().getFirst();
    assertThat(arm.path()).isEqualTo("scene/meshes/arm.stl");
    assertThat(arm.folder()).isFalse();
    assertThat(arm.seq()).isEqualTo(3);
    assertThat(root.filePaths())
        .containsExactly("scene/meshes/arm.stl", "scene/robot.xml", "a.scad", "z.py");
  }

  @Test
  void filesWrittenAtTheStepAndTheirFoldersAreMarkedChanged() {
    FileNode root = FileTree.build(files("a.py", 1, "scene/robot.xml", 5, "scene/b.xml", 2), 5);

    FileNode scene = root.children().getFirst();
    assertThat(scene.changed()).isTrue();
    assertThat(scene.children())
        .filteredOn(FileNode::changed)
        .extracting(FileNode::path)
        .containsExactly("scene/robot.xml");
    assertThat(root.children().get(1).changed()).isFalse();
  }

  @Test
  void noFilesGiveAnEmptyRoot() {
    FileNode root = FileTree.build(Map.of(), 3);
    assertThat(root.children()).isEmpty();
    assertThat(root.changed()).isFalse();
  }
}
