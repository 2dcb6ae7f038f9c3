package org.benchwright.engine.mjcf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.benchwright.engine.mjcf.SceneModel.Geom;
import org.benchwright.engine.mjcf.SceneModel.GeomType;
import org.benchwright.engine.mjcf.SceneModel.Rgba;
import org.benchwright.engine.mjcf.SceneModel.Vec3;
import org.benchwright.engine.mjcf.SceneModel.ZoneKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MjcfLoaderTest {

  private static final Offset<Double> EPS = within(1e-9);

  private static SceneModel load(String xml) {
    return MjcfLoader.load("scene.xml", SceneFiles.of(Map.of("scene.xml", bytes(xml))));
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static Geom geom(SceneModel m, String name) {
    return m.geoms().stream().filter(g -> g.name().equals(name)).findFirst().orElseThrow();
  }

  /** Where a point given in the geom's frame lands in the world. */
  private static double[] world(SceneModel m, String geom, double x, double y, double z) {
    Geom g = geom(m, geom);
    return m.worldPose(g.body(), g.local()).apply(x, y, z);
  }

  private static void assertVec(double[] actual, double x, double y, double z) {
    assertThat(actual[0]).as("x").isCloseTo(x, within(1e-9));
    assertThat(actual[1]).as("y").isCloseTo(y, within(1e-9));
    assertThat(actual[2]).as("z").isCloseTo(z, within(1e-9));
  }

  @Test
  void aBoxOnAPlaneKeepsMujocoSizesColoursAndPositions() {
    SceneModel m =
        load(
            """
            <mujoco>
              <worldbody>
                <geom name="floor" type="plane" size="2 3 0.1" rgba=".5 .5 .5 1"/>
                <body name="crate" pos="0 0 0.5">
                  <geom name="box" type="box" size="0.1 0.2 0.3" rgba="1 0 0 1"/>
                  <geom name="ball" pos="0 0 1"/>
                </body>
              </worldbody>
            </mujoco>
            """);

    assertThat(m.bodies()).extracting(SceneModel.Body::name).containsExactly("world", "crate");
    Geom box = geom(m, "box");
    assertThat(box.type()).isEqualTo(GeomType.BOX);
    assertThat(box.size()).isEqualTo(new Vec3(0.1, 0.2, 0.3));
    assertThat(box.rgba()).isEqualTo(new Rgba(1, 0, 0, 1));
    assertThat(box.body()).isEqualTo(1);
    assertVec(world(m, "box", 0, 0, 0), 0, 0, 0.5);
    // MuJoCo's defaults: a geom with no type is a grey sphere.
    Geom ball = geom(m, "ball");
    assertThat(ball.type()).isEqualTo(GeomType.SPHERE);
    assertThat(ball.rgba()).isEqualTo(Rgba.MUJOCO_DEFAULT);
    assertVec(world(m, "ball", 0, 0, 0), 0, 0, 1.5);
    assertThat(geom(m, "floor").size()).isEqualTo(new Vec3(2, 3, 0.1));
    assertThat(m.notDrawn()).isEmpty();
  }

  @Test
  void eulerAnglesAreDegreesUnlessTheCompilerSaysRadian() {
    String body =
        "<worldbody><body euler=\"0 0 %s\"><geom name=\"g\" pos=\"1 0 0\"/></body></worldbody>";
    SceneModel degrees = load("<mujoco>" + body.formatted("90") + "</mujoco>");
    assertVec(world(degrees, "g", 0, 0, 0), 0, 1, 0);

    SceneModel radians =
        load(
            "<mujoco><compiler angle=\"radian\"/>"
                + body.formatted(Double.toString(Math.PI / 2))
                + "</mujoco>");
    assertVec(world(radians, "g", 0, 0, 0), 0, 1, 0);

    // The compiler applies wherever it is written, as in MuJoCo.
    SceneModel late =
        load(
            "<mujoco>"
                + body.formatted("1.5707963267948966")
                + "<compiler angle=\"radian\"/></mujoco>");
    assertVec(world(late, "g", 0, 0, 0), 0, 1, 0);
    // 90 read as radians is a different rotation: degrees were not silently assumed.
    SceneModel wrong =
        load("<mujoco><compiler angle=\"radian\"/>" + body.formatted("90") + "</mujoco>");
    assertThat(world(wrong, "g", 0, 0, 0)[1]).isNotCloseTo(1, within(1e-3));
  }

  @Test
  void eulerSequenceLowerCaseRotatesWithTheFrameUpperCaseAboutFixedAxes() {
    String scene =
        "<mujoco><compiler eulerseq=\"%s\"/><worldbody>"
            + "<geom name=\"g\" type=\"box\" size=\"1 1 1\" euler=\"90 0 90\"/></worldbody></mujoco>";
    Geom intrinsic = geom(load(scene.formatted("xyz")), "g");
    Geom extrinsic = geom(load(scene.formatted("XYZ")), "g");
    // xyz: Rx(90)·Rz(90) takes local x to world z; XYZ: Rz(90)·Rx(90) takes it to world y.
    assertVec(intrinsic.local().rotate(1, 0, 0), 0, 0, 1);
    assertVec(extrinsic.local().rotate(1, 0, 0), 0, 1, 0);
  }

  @Test
  void everyOrientationFormDescribesTheSameRotation() {
    SceneModel m =
        load(
            """
            <mujoco>
              <worldbody>
                <geom name="quat" quat="0.7071067811865476 0 0 0.7071067811865476"/>
                <geom name="axisangle" axisangle="0 0 2 90"/>
                <geom name="euler" euler="0 0 90"/>
                <geom name="xyaxes" xyaxes="0 1 0 -1 0.5 0"/>
                <geom name="zaxis" zaxis="1 0 0"/>
              </worldbody>
            </mujoco>
            """);
    for (String name : new String[] {"quat", "axisangle", "euler", "xyaxes"}) {
      assertVec(geom(m, name).local().rotate(1, 0, 0), 0, 1, 0);
      assertVec(geom(m, name).local().rotate(0, 0, 1), 0, 0, 1);
    }
    // zaxis is the smallest rotation taking z to the given direction.
    assertVec(geom(m, "zaxis").local().rotate(0, 0, 1), 1, 0, 0);
    assertVec(geom(m, "zaxis").local().rotate(0, 1, 0), 0, 1, 0);
  }

  @Test
  void childclassAndNestedDefaultsInheritTheirParentsSettings() {
    SceneModel m =
        load(
            """
            <mujoco>
              <default>
                <geom rgba="1 0 0 1"/>
                <default class="part">
                  <geom type="box" size="0.1 0.1 0.1"/>
                  <default class="big">
                    <geom size="0.5 0.5 0.5"/>
                  </default>
                </default>
              </default>
              <worldbody>
                <geom name="plain"/>
                <body childclass="big">
                  <geom name="inherits"/>
                  <geom name="own" class="part"/>
                  <geom name="override" rgba="0 0 1 1"/>
                  <body><geom name="nested"/></body>
                </body>
              </worldbody>
            </mujoco>
            """);
    assertThat(geom(m, "plain").type()).isEqualTo(GeomType.SPHERE);
    assertThat(geom(m, "plain").rgba()).isEqualTo(new Rgba(1, 0, 0, 1));
    Geom inherits = geom(m, "inherits");
    assertThat(inherits.type()).as("type from class part").isEqualTo(GeomType.BOX);
    assertThat(inherits.size()).as("size from class big").isEqualTo(new Vec3(0.5, 0.5, 0.5));
    assertThat(inherits.rgba()).as("rgba from main").isEqualTo(new Rgba(1, 0, 0, 1));
    assertThat(geom(m, "own").size()).isEqualTo(new Vec3(0.1, 0.1, 0.1));
    assertThat(geom(m, "override").rgba()).isEqualTo(new Rgba(0, 0, 1, 1));
    assertThat(geom(m, "nested").size())
        .as("childclass reaches nested bodies")
        .isEqualTo(new Vec3(0.5, 0.5, 0.5));
  }

  @Test
  void anUndefinedClassFallsBackToMainWithAWarning() {
    SceneModel m =
        load("<mujoco><worldbody><geom name=\"g\" class=\"nope\"/></worldbody></mujoco>");
    assertThat(geom(m, "g").type()).isEqualTo(GeomType.SPHERE);
    assertThat(m.warnings())
        .containsExactly("scene.xml, line 1: class 'nope' is not defined; main's defaults used");
  }

  @Test
  void includesAreRelativeToTheIncludingFileAndNestedOnesWork() {
    Map<String, byte[]> files = new HashMap<>();
    files.put(
        "scenes/main.xml",
        bytes(
            """
            <mujoco>
              <include file="parts/arm.xml"/>
              <worldbody>
                <body name="base"><include file="parts/hand.xml"/></body>
              </worldbody>
            </mujoco>
            """));
    files.put(
        "scenes/parts/arm.xml",
        bytes(
            """
            <mujoco>
              <include file="colours.xml"/>
              <worldbody><geom name="arm" type="box" size="1 1 1" material="steel"/></worldbody>
            </mujoco>
            """));
    files.put(
        "scenes/parts/colours.xml",
        bytes("<mujoco><asset><material name=\"steel\" rgba=\"0.2 0.3 0.4 1\"/></asset></mujoco>"));
    files.put(
        "scenes/parts/hand.xml", bytes("<mujoco><geom name=\"hand\" pos=\"0 0 2\"/></mujoco>"));

    SceneModel m = MjcfLoader.load("scenes/main.xml", SceneFiles.of(files));

    assertThat(m.geoms()).extracting(Geom::name).containsExactly("arm", "hand");
    assertThat(geom(m, "arm").rgba()).isEqualTo(new Rgba(0.2, 0.3, 0.4, 1));
    assertThat(geom(m, "hand").body()).isEqualTo(1);
  }

  @Test
  void aMissingOrLoopingIncludeIsRefusedWithItsLine() {
    assertThatThrownBy(() -> load("<mujoco>\n  <include file=\"gone.xml\"/>\n</mujoco>"))
        .isInstanceOf(MjcfLoadException.class)
        .hasMessage("scene.xml, line 2: included file 'gone.xml' not found");

    Map<String, byte[]> files =
        Map.of(
            "a.xml", bytes("<mujoco><include file=\"b.xml\"/></mujoco>"),
            "b.xml", bytes("<mujoco>\n<include file=\"a.xml\"/></mujoco>"));
    assertThatThrownBy(() -> MjcfLoader.load("a.xml", SceneFiles.of(files)))
        .isInstanceOf(MjcfLoadException.class)
        .hasMessageStartingWith("b.xml, line 2: include of 'a.xml' loops");
  }

  @Test
  void fromtoGivesCapsuleLengthPositionAndOrientation() {
    SceneModel m =
        load(
            """
            <mujoco>
              <worldbody>
                <geom name="up" type="capsule" size="0.1" fromto="0 0 0 0 0 2"/>
                <geom name="along_x" type="capsule" size="0.05 9" fromto="1 0 0 3 0 0"/>
                <geom name="down" type="cylinder" size="0.05" fromto="0 0 1 0 0 0"/>
                <geom name="beam" type="box" size="0.05" fromto="0 0 0 0 4 0"/>
              </worldbody>
            </mujoco>
            """);
    Geom up = geom(m, "up");
    assertThat(up.size()).isEqualTo(new Vec3(0.1, 1, 0));
    assertVec(world(m, "up", 0, 0, 0), 0, 0, 1);
    assertVec(world(m, "up", 0, 0, 1), 0, 0, 2);

    Geom x = geom(m, "along_x");
    assertThat(x.size().x()).isEqualTo(0.05);
    assertThat(x.size().y()).as("fromto wins over the size's half length").isCloseTo(1, EPS);
    assertVec(world(m, "along_x", 0, 0, 1), 3, 0, 0);
    assertVec(world(m, "along_x", 0, 0, -1), 1, 0, 0);

    assertVec(world(m, "down", 0, 0, 0.5), 0, 0, 0);
    assertThat(geom(m, "beam").size()).isEqualTo(new Vec3(0.05, 0.05, 2));
    assertVec(world(m, "beam", 0, 0, 2), 0, 4, 0);
  }

  @Test
  void framesComposeWithBodiesAndEachOther() {
    SceneModel m =
        load(
            """
            <mujoco>
              <worldbody>
                <body name="a" pos="1 0 0">
                  <frame pos="0 1 0" euler="0 0 90">
                    <geom name="in_frame" pos="1 0 0"/>
                    <frame pos="0 0 1"><geom name="in_two_frames"/></frame>
                    <body name="b" pos="1 0 0"><geom name="in_body" pos="1 0 0"/></body>
                  </frame>
                </body>
              </worldbody>
            </mujoco>
            """);
    assertVec(world(m, "in_frame", 0, 0, 0), 1, 2, 0);
    assertVec(world(m, "in_two_frames", 0, 0, 0), 1, 1, 1);
    // Frames are not bodies: the geom belongs to body a, with the frame folded into its pose.
    assertThat(geom(m, "in_frame").body()).isEqualTo(1);
    assertVec(world(m, "in_body", 0, 0, 0), 1, 3, 0);
    assertVec(m.body(2).world().apply(0, 0, 0), 1, 2, 0);
    assertThat(m.body(2).parent()).isEqualTo(1);
  }

  @Test
  void bodiesAreNumberedDepthFirstLikeMujoco() {
    SceneModel m =
        load(
            """
            <mujoco><worldbody>
              <body name="a"><body name="a1"/><body/></body>
              <frame><body name="b"/></frame>
            </worldbody></mujoco>
            """);
    assertThat(m.bodies())
        .extracting(SceneModel.Body::name)
        .containsExactly("world", "a", "a1", "", "b");
    assertThat(m.body(3).label(3)).isEqualTo("body#3");
  }

  @Test
  void materialsColourGeomsUnlessTheGeomSetsRgba() {
    SceneModel m =
        load(
            """
            <mujoco>
              <asset>
                <material name="blue" rgba="0 0 1 1"/>
                <material name="white"/>
              </asset>
              <worldbody>
                <geom name="m" material="blue"/>
                <geom name="both" material="blue" rgba="1 1 0 1"/>
                <geom name="w" material="white"/>
                <geom name="unknown" material="nope"/>
              </worldbody>
            </mujoco>
            """);
    assertThat(geom(m, "m").rgba()).isEqualTo(new Rgba(0, 0, 1, 1));
    assertThat(geom(m, "both").rgba()).isEqualTo(new Rgba(1, 1, 0, 1));
    assertThat(geom(m, "w").rgba()).isEqualTo(new Rgba(1, 1, 1, 1));
    assertThat(geom(m, "unknown").rgba()).isEqualTo(Rgba.MUJOCO_DEFAULT);
    assertThat(m.warnings())
        .containsExactly("scene.xml, line 10: unknown material 'nope'; drawn grey");
  }

  @Test
  void meshAssetsResolveAgainstMeshdirWithScaleAndDefaultName() {
    SceneModel m =
        load(
            """
            <mujoco>
              <compiler meshdir="meshes"/>
              <asset>
                <mesh file="chute.stl" scale="0.001 0.001 0.001"/>
                <mesh name="named" file="../shared/part.obj"/>
                <mesh name="unused" file="other.stl"/>
              </asset>
              <worldbody>
                <geom name="c" type="mesh" mesh="chute" pos="0 0 1"/>
                <geom name="p" mesh="named"/>
                <geom name="lost" type="mesh" mesh="nothing"/>
              </worldbody>
            </mujoco>
            """);
    assertThat(m.meshes())
        .containsExactly(
            new SceneModel.MeshAsset("chute", "meshes/chute.stl", new Vec3(0.001, 0.001, 0.001)),
            new SceneModel.MeshAsset("named", "shared/part.obj", new Vec3(1, 1, 1)));
    assertThat(geom(m, "c").mesh()).isEqualTo("chute");
    assertThat(geom(m, "p").type()).as("a geom naming a mesh is one").isEqualTo(GeomType.MESH);
    assertThat(m.geoms()).extracting(Geom::name).doesNotContain("lost");
    assertThat(m.warnings())
        .containsExactly(
            "scene.xml, line 11: geom 'lost' uses an unknown mesh 'nothing'; not drawn");
  }

  @Test
  void zoneMarkersBecomeZonesOfTheirKindAndAreNotDrawnAsParts() {
    SceneModel m =
        load(
            """
            <mujoco>
              <worldbody>
                <geom name="zone_goal" type="box" pos="0.5 0 0.05" size="0.1 0.1 0.05" contype="0" conaffinity="0"/>
                <body name="zone_pit" pos="0 0.2 0">
                  <geom type="box" size="0.2 0.1 0.1" contype="0" conaffinity="0"/>
                </body>
                <site name="zone_build" type="box" pos="0 0 0.3" size="0.5 0.3 0.3"/>
                <site name="marker"/>
                <geom name="zone_forbid_ball" type="sphere" size="0.05" contype="0" conaffinity="0"/>
                <geom name="floor" type="plane" size="1 1 0.1"/>
              </worldbody>
            </mujoco>
            """);
    assertThat(m.geoms()).extracting(Geom::name).containsExactly("floor");
    assertThat(m.zones())
        .extracting(SceneModel.Zone::name, SceneModel.Zone::kind, SceneModel.Zone::halfExtents)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "zone_goal", ZoneKind.GOAL, new Vec3(0.1, 0.1, 0.05)),
            org.assertj.core.groups.Tuple.tuple(
                "zone_pit", ZoneKind.FORBID, new Vec3(0.2, 0.1, 0.1)),
            org.assertj.core.groups.Tuple.tuple(
                "zone_build", ZoneKind.BUILD, new Vec3(0.5, 0.3, 0.3)),
            org.assertj.core.groups.Tuple.tuple(
                "zone_forbid_ball", ZoneKind.FORBID, new Vec3(0.05, 0.05, 0.05)));
    assertThat(m.zones().get(1).body()).isEqualTo(1);
    assertThat(m.notDrawn()).containsExactly("site");
  }

  @Test
  void whatIsNotDrawnIsListedNotRefused() {
    SceneModel m =
        load(
            """
            <mujoco>
              <option timestep="0.002"/>
              <asset><texture name="t" type="2d" builtin="checker" width="8" height="8"/>
                <hfield name="h" nrow="2" ncol="2" size="1 1 1 1"/></asset>
              <worldbody>
                <light pos="0 0 3"/>
                <light pos="0 0 4"/>
                <camera name="c"/>
                <geom name="terrain" type="hfield" hfield="h"/>
                <body><freejoint/><joint type="hinge"/><inertial pos="0 0 0" mass="1"/>
                  <geom name="part" type="box" size="1 1 1"/>
                  <geom name="collision" type="box" size="1 1 1" group="3"/>
                </body>
              </worldbody>
              <actuator><motor joint="j"/><motor joint="k"/></actuator>
              <sensor><accelerometer site="s"/></sensor>
              <tendon/>
              <sparkles/>
            </mujoco>
            """);
    assertThat(m.geoms()).extracting(Geom::name).containsExactly("part");
    assertThat(m.notDrawn())
        .containsExactly(
            // assets are read before the world, as MuJoCo does
            // settings, lights, joints, actuators, sensors... are never drawn: not listed
            "texture",
            "hfield",
            "camera",
            "geom of type hfield",
            "geom in group 3–5 (hidden as in MuJoCo's viewer)",
            "<sparkles>");
  }

  @Test
  void malformedXmlIsRefusedWithTheLine() {
    assertThatThrownBy(() -> load("<mujoco>\n<worldbody>\n<body>\n</worldbody>\n</mujoco>"))
        .isInstanceOf(MjcfLoadException.class)
        .hasMessageStartingWith("scene.xml, line 4: malformed XML: ")
        .hasMessageContaining("body")
        .satisfies(e -> assertThat(((MjcfLoadException) e).line()).isEqualTo(4));
    assertThatThrownBy(() -> load("<!DOCTYPE x [<!ENTITY e \"x\">]><mujoco/>"))
        .isInstanceOf(MjcfLoadException.class)
        .hasMessageContaining("DOCTYPE");
    assertThatThrownBy(() -> load("<robot/>"))
        .hasMessage("scene.xml, line 1: the root element is <robot>, not <mujoco>");
  }

  @Test
  void valuesThatAreNotNumbersAreRefusedWithTheLine() {
    assertThatThrownBy(
            () ->
                load(
                    "<mujoco><worldbody>\n\n<geom type=\"box\" size=\"1 x 1\"/></worldbody></mujoco>"))
        .isInstanceOf(MjcfLoadException.class)
        .hasMessage("scene.xml, line 3: <geom> size=\"1 x 1\": 'x' is not a number");
    assertThatThrownBy(() -> load("<mujoco><worldbody><body pos=\"1 2\"/></worldbody></mujoco>"))
        .hasMessage("scene.xml, line 1: <body> pos=\"1 2\" needs 3 numbers; it has 2");
    assertThatThrownBy(() -> load("<mujoco><compiler angle=\"grad\"/></mujoco>"))
        .hasMessageContaining("compiler angle must be \"degree\" or \"radian\"");
  }

  @Test
  void loadsFromAFolderOnDisk(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("inc"));
    Files.writeString(
        dir.resolve("scene.xml"),
        "<mujoco><worldbody><include file=\"inc/part.xml\"/></worldbody></mujoco>");
    Files.writeString(
        dir.resolve("inc/part.xml"), "<mujoco><geom name=\"p\" size=\"0.1\"/></mujoco>");
    SceneModel m = MjcfLoader.load(dir.resolve("scene.xml"));
    assertThat(m.source()).isEqualTo("scene.xml");
    assertThat(m.geoms()).extracting(Geom::name).containsExactly("p");
  }

  @Test
  void pathsAreNormalisedAgainstTheirFolder() {
    assertThat(MjcfLoader.normalise("a/b", "../c/./d.stl")).isEqualTo("a/c/d.stl");
    assertThat(MjcfLoader.normalise("", "../x.stl")).isEqualTo("../x.stl");
    assertThat(MjcfLoader.normalise("a", "..\\..\\x.stl")).isEqualTo("../x.stl");
    assertThat(MjcfLoader.normalise("a", "/abs/x.stl")).isEqualTo("/abs/x.stl");
  }
}
