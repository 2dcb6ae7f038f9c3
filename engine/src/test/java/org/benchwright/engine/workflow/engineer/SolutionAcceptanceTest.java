package org.benchwright.engine.workflow.engineer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.benchwright.engine.model.ModelConfig;
import org.benchwright.engine.project.Event;
import org.benchwright.engine.project.EventType;
import org.benchwright.engine.project.NewRun;
import org.benchwright.engine.project.Project;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Acceptance demands that the current mesh parts were priced within the caps. */
class SolutionAcceptanceTest {

  static final String ASSEMBLY =
      """
      <mujoco>
        <asset><mesh name="ramp_mesh" file="ramp.stl" scale="0.001 0.001 0.001"/></asset>
        <worldbody>
          <body name="ramp" pos="0.1 0 0.15"><geom name="ramp_geom" type="mesh" mesh="ramp_mesh"/></body>
        </worldbody>
      </mujoco>
      """;

  @TempDir Path dir;
  Project project;
  long run;

  @BeforeEach
  void open() {
    project = Project.create(dir.resolve("t.bwproj"));
    run =
        project
            .runs()
            .create(new NewRun("engineer", "t", ModelConfig.of("scripted", "x").toJson()))
            .id();
    write("solution/assembly.xml", ASSEMBLY);
    write("solution/ramp.stl", "stl v1");
  }

  @AfterEach
  void close() {
    project.close();
  }

  void write(String path, String content) {
    project.files().write(run, "engineer", path, content.getBytes(StandardCharsets.UTF_8));
  }

  void priced(boolean passed, String path) {
    project
        .events()
        .append(
            run,
            Event.of(
                EventType.VALIDATION_VERDICT,
                "engineer",
                "{\"check\":\"validate_and_price\",\"passed\":"
                    + passed
                    + ",\"report\":\"total per unit: $250 (caps: $200)\",\"parts\":[{\"path\":\""
                    + path
                    + "\"}]}"));
  }

  @Test
  void unpricedPartsAreNotAccepted() {
    assertThat(SolutionAcceptance.pricingProblem(project, run))
        .contains("the parts were never priced: call validate_and_price");
  }

  @Test
  void aFailedPricingIsNotAcceptedAndItsReportIsQuoted() {
    priced(false, "solution/ramp.stl");
    assertThat(SolutionAcceptance.pricingProblem(project, run))
        .contains("failed")
        .contains("total per unit: $250 (caps: $200)");
  }

  @Test
  void aPartChangedOrMissingSinceThePricingIsNotAccepted() {
    priced(true, "solution/other.stl");
    assertThat(SolutionAcceptance.pricingProblem(project, run))
        .contains("solution/ramp.stl (geom ramp_geom) was not priced");
    priced(true, "solution/ramp.stl");
    assertThat(SolutionAcceptance.pricingProblem(project, run)).isNull();
    write("solution/ramp.stl", "stl v2");
    assertThat(SolutionAcceptance.pricingProblem(project, run))
        .contains("solution/ramp.stl changed after it was priced");
  }

  @Test
  void primitiveGeomsCannotBePricedAndAreNotAccepted() {
    write(
        "solution/assembly.xml",
        ASSEMBLY.replace(
            "</worldbody>",
            "<geom name=\"stop\" type=\"box\" size=\"0.01 0.1 0.05\"/></worldbody>"));
    priced(true, "solution/ramp.stl");
    assertThat(SolutionAcceptance.pricingProblem(project, run))
        .contains("geom 'stop' is a primitive shape, which cannot be priced");
  }
}
