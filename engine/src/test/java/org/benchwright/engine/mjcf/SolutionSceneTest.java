package org.benchwright.engine.mjcf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SolutionSceneTest {

  static final String SCENE =
      """
      <mujoco model="drop">
        <compiler meshdir="meshes"/>
        <worldbody>
          <geom name="floor" type="plane" size="2 2 0.1"/>
          <body name="payload" pos="0 0 0.3"><freejoint/><geom name="ball" type="sphere" size="0.02"/></body>
        </worldbody>
      </mujoco>
      """;

  static SolutionScene compose(String solution) {
    return SolutionScene.compose(
        SCENE.getBytes(StandardCharsets.UTF_8),
        solution.getBytes(StandardCharsets.UTF_8),
        "/workspace/solution");
  }

  @Test
  void partsAreAppendedToTheSceneAndTheirMeshesResolveInsideTheSolutionFolder() {
    SolutionScene s =
        compose(
            """
            <mujoco>
              <asset><mesh name="ramp_mesh" file="parts/ramp.stl" scale="0.001 0.001 0.001"/></asset>
              <worldbody>
                <body name="ramp" pos="0.1 0 0.15"><geom name="ramp_geom" type="mesh" mesh="ramp_mesh"/></body>
                <geom name="stop" type="box" size="0.01 0.1 0.05" pos="0.55 0 0.05"/>
              </worldbody>
            </mujoco>
            """);
    String xml = new String(s.xml(), StandardCharsets.UTF_8);
    assertThat(s.parts()).containsExactly("ramp", "stop");
    assertThat(xml)
        .contains("file=\"/workspace/solution/parts/ramp.stl\"")
        .contains("name=\"payload\"")
        .contains("name=\"ramp_geom\"");
    // the asset section is placed before the worldbody that uses it
    assertThat(xml.indexOf("<asset>")).isLessThan(xml.indexOf("<worldbody>"));
    assertThat(MjcfSchema.validate(s.xml())).isEmpty();
  }

  @Test
  void anUnnamedPartIsRefusedBecausePartsAreCheckedByName() {
    assertThatThrownBy(
            () ->
                compose(
                    "<mujoco><worldbody><body pos=\"0 0 0\"><geom type=\"sphere\" size=\"0.1\"/></body></worldbody></mujoco>"))
        .isInstanceOf(SolutionFormatException.class)
        .hasMessageContaining("Every body of the solution needs a name");
  }

  @Test
  void aNameOfTheBenchmarkOrAZoneMarkerCannotBeReused() {
    assertThatThrownBy(
            () -> compose("<mujoco><worldbody><body name=\"payload\"/></worldbody></mujoco>"))
        .hasMessageContaining("<body name=\"payload\"> clashes with a body of the benchmark scene");
    assertThatThrownBy(
            () ->
                compose(
                    "<mujoco><worldbody><geom name=\"zone_goal\" type=\"sphere\" size=\"0.1\"/></worldbody></mujoco>"))
        .hasMessageContaining("prefix zone_");
  }

  @Test
  void theSolutionCannotChangeTheSimulationSettings() {
    assertThatThrownBy(
            () ->
                compose(
                    "<mujoco><option gravity=\"0 0 0\"/><worldbody><geom name=\"g\" type=\"sphere\" size=\"0.1\"/></worldbody></mujoco>"))
        .hasMessageContaining("<option> is not allowed in the solution");
  }

  @Test
  void aMeshOutsideTheSolutionFolderIsRefused() {
    assertThatThrownBy(
            () ->
                compose(
                    "<mujoco><asset><mesh name=\"m\" file=\"../../etc/x.stl\"/></asset><worldbody><geom name=\"g\" type=\"mesh\" mesh=\"m\"/></worldbody></mujoco>"))
        .hasMessageContaining("must name a file inside the solution's folder");
  }

  @Test
  void malformedXmlIsReportedWithItsLine() {
    assertThatThrownBy(
            () -> compose("<mujoco>\n<worldbody>\n<body name=\"a\">\n</worldbody></mujoco>"))
        .hasMessageContaining("The solution is not well-formed XML (line 4)");
  }

  @Test
  void aSolutionThatPlacesNothingIsRefused() {
    assertThatThrownBy(() -> compose("<mujoco><asset/></mujoco>"))
        .hasMessageContaining("places nothing");
  }

  @Test
  void placementsComposeBodyAndGeomPosesForPreviews() {
    var placed =
        SolutionScene.placements(
            """
            <mujoco>
              <asset><mesh name="ramp_mesh" file="ramp.stl" scale="0.001 0.001 0.001"/></asset>
              <worldbody>
                <body name="ramp" pos="0.1 0 0.15" euler="0 20 0">
                  <geom name="ramp_geom" type="mesh" mesh="ramp_mesh" pos="0 0 0.01"/>
                </body>
                <geom name="stop" type="box" size="0.01 0.1 0.05"/>
              </worldbody>
            </mujoco>
            """
                .getBytes(StandardCharsets.UTF_8));
    assertThat(placed)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.geom()).isEqualTo("ramp_geom");
              assertThat(p.file()).isEqualTo("ramp.stl");
              assertThat(p.scale()).containsExactly(0.001, 0.001, 0.001);
              double c = Math.cos(Math.toRadians(20)), s = Math.sin(Math.toRadians(20));
              // +x of the part points down toward +x (low end at +x); the geom's offset turns with
              // it
              assertThat(p.rotation()[0]).isCloseTo(c, org.assertj.core.data.Offset.offset(1e-9));
              assertThat(p.rotation()[6]).isCloseTo(-s, org.assertj.core.data.Offset.offset(1e-9));
              assertThat(p.translation()[0])
                  .isCloseTo(0.1 + 0.01 * s, org.assertj.core.data.Offset.offset(1e-9));
              assertThat(p.translation()[2])
                  .isCloseTo(0.15 + 0.01 * c, org.assertj.core.data.Offset.offset(1e-9));
            });
    assertThatThrownBy(
            () ->
                SolutionScene.placements(
                    "<mujoco><worldbody><geom name=\"g\" type=\"mesh\" mesh=\"nope\"/></worldbody></mujoco>"
                        .getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("uses mesh 'nope', which the solution's <asset> does not declare");
  }
}
