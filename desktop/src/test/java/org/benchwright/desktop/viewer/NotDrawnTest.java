package org.benchwright.desktop.viewer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.benchwright.engine.mjcf.SceneFiles;
import org.junit.jupiter.api.Test;

/** Only geometry the viewer cannot show is listed as "not drawn" (issue 18). */
class NotDrawnTest {

  private static final MeshReader NO_MESH_FILES =
      (name, content) -> {
        throw new IllegalArgumentException(name + ": no mesh files in this scene");
      };

  @Test
  void aRealSceneListsOnlyTheGeometryThatIsMissingFromThePicture() throws Exception {
    Path dir = Path.of(NotDrawnTest.class.getResource("arm-on-terrain.xml").toURI()).getParent();

    LoadedScene scene =
        new SceneLoader(NO_MESH_FILES)
            .load("arm-on-terrain.xml", SceneFiles.directory(dir), "arm on terrain");

    // The scene has settings, lights, cameras, textures, materials, joints, actuators, sensors,
    // a keyframe, contacts, equalities, a tendon over joints, a plugin declaration and a fully
    // transparent geom, in the main file and in the attached arm: none of those is listed.
    assertThat(scene.notes().stream().filter(n -> n.startsWith("not drawn: ")))
        .containsExactly(
            "not drawn: geom of type hfield",
            "not drawn: geom in group 3–5 (hidden as in MuJoCo's viewer)",
            "not drawn: site",
            "not drawn: site (in arm)",
            "not drawn: deformable (1 element)");
    assertThat(scene.model().geoms())
        .extracting(org.benchwright.engine.mjcf.SceneModel.Geom::name)
        .contains("floor", "box", "a_link");
  }

  @Test
  void anEntryIsJudgedByTheElementItNamesWhateverItsCountOrModel() {
    assertThat(NotDrawn.element("light ×2")).isEqualTo("light");
    assertThat(NotDrawn.element("camera (in arm)")).isEqualTo("camera");
    assertThat(NotDrawn.element("texture (in arm) (in hand) ×3")).isEqualTo("texture");
    assertThat(NotDrawn.element("extension (3 elements)")).isEqualTo("extension");
    assertThat(NotDrawn.element("<option>")).isEqualTo("option");
    assertThat(NotDrawn.element("geom in group 3–5 (hidden as in MuJoCo's viewer)"))
        .isEqualTo("geom in group 3–5");

    assertThat(
            NotDrawn.worthListing(
                List.of(
                    "option",
                    "light ×2",
                    "camera (in arm)",
                    "material",
                    "fully transparent geom ×4",
                    "geom of type sdf",
                    "site ×3",
                    "tendon",
                    "flexcomp",
                    "skin",
                    "<sparkles>",
                    "sdf geom without a mesh ×2",
                    "attach")))
        .as("geometry, and names the rule does not know, stay listed")
        .containsExactly(
            "geom of type sdf",
            "site ×3",
            "tendon",
            "flexcomp",
            "skin",
            "<sparkles>",
            "sdf geom without a mesh ×2",
            "attach");
  }
}
