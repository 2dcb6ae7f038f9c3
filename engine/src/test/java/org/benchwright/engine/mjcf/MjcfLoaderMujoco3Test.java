package org.benchwright.engine.mjcf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.benchwright.engine.mjcf.SceneModel.Geom;
import org.benchwright.engine.mjcf.SceneModel.GeomType;
import org.junit.jupiter.api.Test;

/** What MuJoCo 3 models use: replicate, model/attach, inline meshes, flex, plugins, assetdir. */
class MjcfLoaderMujoco3Test {

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static SceneModel load(Map<String, String> files) {
    Map<String, byte[]> b = new HashMap<>();
    files.forEach((k, v) -> b.put(k, bytes(v)));
    return MjcfLoader.load("scene.xml", SceneFiles.of(b));
  }

  private static SceneModel load(String xml) {
    return load(Map.of("scene.xml", xml));
  }

  private static double[] world(SceneModel m, Geom g) {
    return m.worldPose(g.body(), g.local()).apply(0, 0, 0);
  }

  static final String ROBOT =
      """
      <mujoco model="robot">
        <default><geom rgba="0 0 1 1"/></default>
        <asset><mesh name="hand" vertex="0 0 0 1 0 0 0 1 0 0 0 1"/></asset>
        <worldbody>
          <geom name="ground" type="plane" size="0 0 1"/>
          <body name="base" pos="0 0 1">
            <joint type="hinge"/>
            <geom name="link" type="capsule" size="0.05 0.2"/>
            <body name="tip" pos="0 0 0.5"><geom name="palm" type="mesh" mesh="hand"/></body>
          </body>
        </worldbody>
      </mujoco>
      """;

  @Test
  void replicateDrawsEveryCopyRotatedOnceMoreThanTheOneBefore() {
    SceneModel m =
        load(
            """
            <mujoco>
              <worldbody>
                <replicate count="4" euler="0 0 90" sep="-">
                  <frame pos="1 0 0"><body name="post"><geom name="p" size="0.1"/></body></frame>
                </replicate>
              </worldbody>
            </mujoco>
            """);
    assertThat(m.bodies())
        .extracting(SceneModel.Body::name)
        .containsExactly("world", "post-0", "post-1", "post-2", "post-3");
    assertThat(m.geoms()).hasSize(4);
    double[] second = world(m, m.geoms().get(1));
    assertThat(second[0]).isCloseTo(0, within(1e-9));
    assertThat(second[1]).isCloseTo(1, within(1e-9));
  }

  @Test
  void attachGraftsTheNamedBodyOfAnAssetModelWithItsPrefixAndMeshes() {
    SceneModel m =
        load(
            Map.of(
                "scene.xml",
                """
                <mujoco>
                  <asset><model name="robot" file="robot.xml"/></asset>
                  <worldbody>
                    <frame pos="5 0 0"><attach model="robot" body="base" prefix="r_"/></frame>
                  </worldbody>
                </mujoco>
                """,
                "robot.xml",
                ROBOT));
    assertThat(m.bodies())
        .extracting(SceneModel.Body::name)
        .containsExactly("world", "r_base", "r_tip");
    assertThat(m.geoms()).extracting(Geom::name).containsExactly("r_link", "r_palm");
    Geom palm = m.geoms().get(1);
    assertThat(world(m, palm)).containsExactly(new double[] {5, 0, 1.5}, within(1e-9));
    assertThat(palm.rgba().b()).isEqualTo(1);
    assertThat(m.mesh(palm.mesh()).isInline()).isTrue();
    assertThat(m.notDrawn()).isEmpty();
  }

  @Test
  void anInlineMeshWithoutFacesIsDrawnAsItsConvexHull() {
    SceneModel m =
        load(
            """
            <mujoco>
              <asset><mesh name="tet" scale="2 2 2" vertex="0 0 0 1 0 0 0 1 0 0 0 1"/>
                <mesh name="tri" vertex="0 0 0 1 0 0 0 1 0" face="0 1 2"/></asset>
              <worldbody><geom type="mesh" mesh="tet"/><geom type="mesh" mesh="tri"/></worldbody>
            </mujoco>
            """);
    SceneModel.MeshAsset tet = m.mesh("tet");
    assertThat(tet.faces()).hasSize(12);
    assertThat(tet.vertices()[3]).isEqualTo(2f);
    assertThat(m.mesh("tri").faces()).containsExactly(0, 1, 2);
  }

  @Test
  void flexPluginsAndExtensionsAreListedAndSettingsSectionsAreNot() {
    SceneModel m =
        load(
            """
            <mujoco>
              <option timestep="0.001" newer_option_attribute="1"/>
              <size memory="10M"/>
              <visual><global offwidth="800"/></visual>
              <statistic center="0 0 1"/>
              <extension><plugin plugin="mujoco.elasticity.cable"/></extension>
              <worldbody>
                <light pos="0 0 3"/>
                <body name="cloth" pos="0 0 1">
                  <flexcomp name="flag" type="grid" count="3 3 1" spacing=".1 .1 .1" dim="2"/>
                  <plugin plugin="mujoco.elasticity.cable"/>
                  <geom name="g" size="0.1" newer_geom_attribute="yes"/>
                </body>
              </worldbody>
              <tendon/><actuator><motor joint="j"/></actuator><sensor/><keyframe/><contact/>
              <equality/><custom/>
            </mujoco>
            """);
    assertThat(m.notDrawn())
        .containsExactlyInAnyOrder("extension (1 element)", "flexcomp", "plugin");
    assertThat(m.geoms()).extracting(Geom::type).containsExactly(GeomType.SPHERE);
  }

  @Test
  void meshesAreFoundThroughAssetdirWhenThereIsNoMeshdir() {
    SceneModel m =
        load(
            """
            <mujoco>
              <compiler assetdir="assets"/>
              <asset><mesh file="part.stl"/></asset>
              <worldbody><geom type="mesh" mesh="part"/></worldbody>
            </mujoco>
            """);
    assertThat(m.mesh("part").file()).isEqualTo("assets/part.stl");
  }

  @Test
  void heightFieldGeomsAreListedByTheReader() {
    SceneModel m =
        load(
            """
            <mujoco>
              <asset><hfield name="h" nrow="2" ncol="2" size="1 1 1 0.1"/></asset>
              <worldbody><geom type="hfield" hfield="h"/></worldbody>
            </mujoco>
            """);
    assertThat(m.geoms()).isEmpty();
    assertThat(m.notDrawn()).contains("hfield", "geom of type hfield");
  }
}
