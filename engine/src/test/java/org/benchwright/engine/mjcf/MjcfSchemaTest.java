package org.benchwright.engine.mjcf;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MjcfSchemaTest {

  /**
   * A ramp scene in the style of generated benchmarks. Without its mesh geom it passes mjcf-check
   * (MuJoCo 3.14.0) as it is.
   */
  static final String RAMP =
      """
      <mujoco model="ramp">
        <compiler angle="degree" coordinate="local" meshdir="meshes" autolimits="true"
                  inertiafromgeom="true"/>
        <option timestep="0.002" gravity="0 0 -9.81" integrator="implicit">
          <flag warmstart="enable"/>
        </option>
        <size njmax="500" nconmax="100"/>
        <visual><headlight ambient="0.4 0.4 0.4"/></visual>
        <default>
          <geom friction="0.8 0.005 0.0001" condim="3"/>
          <default class="zone">
            <geom contype="0" conaffinity="0" rgba="0 1 0 0.2"/>
          </default>
          <default class="part">
            <joint damping="0.1"/>
            <motor ctrlrange="-1 1" gear="10"/>
          </default>
        </default>
        <asset>
          <mesh name="chute" file="chute.stl" scale="0.001 0.001 0.001"/>
          <material name="steel" rgba="0.6 0.6 0.65 1" specular="0.5"/>
          <texture name="grid" type="2d" builtin="checker" rgb1="0.1 0.2 0.3" rgb2="0.2 0.3 0.4"
                   width="512" height="512"/>
        </asset>
        <worldbody>
          <light pos="0 0 3" dir="0 0 -1" directional="true"/>
          <camera name="overview" pos="1 -1 1" xyaxes="1 1 0 -0.5 0.5 1"/>
          <geom name="floor" type="plane" size="2 2 0.1"/>
          <geom name="ramp" type="box" size="0.4 0.2 0.02" pos="-0.6 0 0.15" euler="0 15 0"/>
          <geom name="zone_goal" class="zone" type="box" size="0.1 0.1 0.05" pos="1 0 0.05"/>
          <body name="payload" pos="-0.6 0 0.25">
            <freejoint/>
            <geom name="payload_geom" type="sphere" size="0.02" material="steel" density="7850"/>
          </body>
          <body name="arm" pos="0 0 0.3" childclass="part">
            <joint name="shoulder" type="hinge" axis="0 1 0" range="-90 90"/>
            <inertial pos="0 0 0" mass="0.1" diaginertia="1e-4 1e-4 1e-4"/>
            <geom name="arm_geom" type="capsule" fromto="0 0 0 0.2 0 0" size="0.01"/>
            <site name="tip" pos="0.2 0 0" size="0.005"/>
            <geom name="chute_geom" type="mesh" mesh="chute" pos="0 0 0.1"/>
          </body>
        </worldbody>
        <contact>
          <exclude body1="arm" body2="payload"/>
        </contact>
        <equality>
          <weld name="hold" body1="arm" active="false"/>
        </equality>
        <actuator>
          <motor name="m" joint="shoulder" class="part" forcerange="-1 1"/>
          <position name="p" joint="shoulder" kp="10"/>
        </actuator>
        <sensor>
          <jointpos joint="shoulder"/>
          <touch site="tip"/>
          <framepos objtype="body" objname="payload"/>
        </sensor>
      </mujoco>
      """;

  @TempDir Path dir;

  /** The 1-based line of the first occurrence of a snippet. */
  static int lineOf(String xml, String snippet) {
    int at = xml.indexOf(snippet);
    assertThat(at).as(snippet).isNotNegative();
    return (int) xml.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
  }

  private static List<MjcfIssue> validate(String xml) {
    return MjcfSchema.validate(xml.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aValidRampScenePasses() {
    assertThat(validate(RAMP)).isEmpty();
  }

  @Test
  void aTypoedAttributeIsReportedWithItsLine() {
    String xml = RAMP.replace("type=\"plane\" size=", "type=\"plane\" szie=");
    assertThat(validate(xml))
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.line()).isEqualTo(lineOf(xml, "szie"));
              assertThat(i.message())
                  .isEqualTo("Unknown attribute 'szie' on <geom> (did you mean 'size'?).");
            });
  }

  @Test
  void anUnknownElementIsReportedWithItsParent() {
    String xml = RAMP.replace("<freejoint/>", "<freejiont/>");
    assertThat(validate(xml))
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.line()).isEqualTo(lineOf(xml, "freejiont"));
              assertThat(i.message())
                  .startsWith(
                      "Unknown or misplaced element <freejiont> inside <body> (did you mean"
                          + " 'freejoint'?); allowed here: body, ");
            });
  }

  @Test
  void aBadGeomTypeNamesTheAllowedTypes() {
    String xml = RAMP.replace("type=\"sphere\"", "type=\"ball\"");
    assertThat(validate(xml))
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.line()).isEqualTo(lineOf(xml, "\"ball\""));
              assertThat(i.message())
                  .isEqualTo(
                      "<geom> attribute type=\"ball\" is not valid: expected one of plane, box,"
                          + " sphere, capsule, cylinder, ellipsoid, mesh.");
            });
  }

  @Test
  void aNumberListOfTheWrongLengthSaysHowManyNumbers() {
    String xml = RAMP.replace("pos=\"-0.6 0 0.25\"", "pos=\"-0.6 0\"");
    assertThat(validate(xml))
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.line()).isEqualTo(lineOf(xml, "\"-0.6 0\""));
              assertThat(i.message())
                  .isEqualTo("<body> attribute pos=\"-0.6 0\" is not valid: expected 3 numbers.");
            });
  }

  @Test
  void notWellFormedXmlGivesTheLine() {
    // The payload's </body> is missing: the parser notices at the next mismatched end tag.
    String xml = RAMP.replace("</body>\n    <body name=\"arm\"", "\n    <body name=\"arm\"");
    List<MjcfIssue> issues = validate(xml);
    assertThat(issues).isNotEmpty();
    assertThat(issues.getLast().line()).isEqualTo(lineOf(xml, "</worldbody>"));
    assertThat(issues.getLast().message())
        .startsWith("Not well-formed XML: The element type \"body\" must be terminated");
  }

  @Test
  void includeIsExplainedAsUnsupported() {
    List<MjcfIssue> issues = validate("<mujoco>\n  <include file=\"other.xml\"/>\n</mujoco>");
    assertThat(issues)
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.line()).isEqualTo(2);
              assertThat(i.message()).contains("<include> is not supported");
            });
  }

  @Test
  void theRootMustBeMujoco() {
    assertThat(validate("<robot/>"))
        .singleElement()
        .extracting(MjcfIssue::message)
        .asString()
        .contains("root element must be <mujoco>");
  }

  @Test
  void anXxePayloadIsRefusedWithoutReadingTheFile() throws Exception {
    Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET-CONTENT");
    String xxe =
        "<?xml version=\"1.0\"?>\n<!DOCTYPE mujoco [<!ENTITY x SYSTEM \""
            + secret.toUri()
            + "\">]>\n<mujoco model=\"&x;\"/>";
    List<MjcfIssue> issues = validate(xxe);
    assertThat(issues)
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.line()).isEqualTo(2);
              assertThat(i.message()).contains("DOCTYPE").doesNotContain("TOP-SECRET");
            });
  }

  @Test
  void framesAndMujoco3AdditionsAreAccepted() {
    String xml =
        RAMP.replace(
            "<geom name=\"chute_geom\" type=\"mesh\" mesh=\"chute\" pos=\"0 0 0.1\"/>",
            "<frame pos=\"0 0 0.1\" euler=\"0 0 90\"><geom name=\"chute_geom\" type=\"mesh\""
                + " mesh=\"chute\"/></frame>");
    assertThat(validate(xml.replace("implicit\"", "implicitfast\""))).isEmpty();
  }

  @Test
  void identityAttributesAreNotAllowedInDefaults() {
    assertThat(validate("<mujoco><default><geom name=\"g\"/></default></mujoco>"))
        .singleElement()
        .extracting(MjcfIssue::message)
        .isEqualTo("Attribute 'name' is not allowed on <geom> here.");
  }

  @Test
  void textInsideAnElementIsReported() {
    assertThat(validate("<mujoco><worldbody>oops</worldbody></mujoco>"))
        .singleElement()
        .extracting(MjcfIssue::message)
        .asString()
        .contains("worldbody");
  }

  @Test
  void aFloodOfIssuesIsCut() {
    String many = "<geom szie=\"1\"/>".repeat(80);
    List<MjcfIssue> issues = validate("<mujoco><worldbody>" + many + "</worldbody></mujoco>");
    assertThat(issues).hasSize(51);
    assertThat(issues.getLast().message()).isEqualTo("More than 50 issues; stopped here.");
  }

  /** The scenes mjcf-check's own tests feed to MuJoCo agree with the schema. */
  @Test
  void mjcfCheckTestScenesAgree() throws Exception {
    Path scenes = Path.of("..", "sandbox-images", "cad-sim", "mjcf-check", "tests");
    for (String ok : List.of("valid.xml", "interpenetrating.xml", "unstable.xml")) {
      assertThat(MjcfSchema.validate(Files.readAllBytes(scenes.resolve(ok)))).as(ok).isEmpty();
    }
    assertThat(MjcfSchema.validate(Files.readAllBytes(scenes.resolve("typo.xml"))))
        .singleElement()
        .satisfies(i -> assertThat(i.message()).startsWith("Not well-formed XML"));
  }
}
