package org.benchwright.engine.cad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.benchwright.engine.project.Project;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CadTablesTest {

  @TempDir Path dir;

  @Test
  void defaultsCarryTheDomainFigures() {
    CadTables t = CadTables.defaults();
    assertThat(t.material("aluminium_6061").densityGPerCm3()).isEqualTo(2.70);
    assertThat(t.material("steel").densityGPerCm3()).isEqualTo(7.85);
    assertThat(t.material("abs")).isEqualTo(new Material("abs", 1.04, 2.5));
    assertThat(t.material("pla").densityGPerCm3()).isEqualTo(1.24);
    assertThat(t.motor("small_servo").torqueNm()).isEqualTo(0.18);
    assertThat(t.motor("large_servo").torqueNm()).isEqualTo(1.1);
    assertThat(t.motor("stepper").torqueNm()).isEqualTo(0.45);
    assertThat(t.motor("stepper").forceMax()).isEqualTo(0.45);
    ProcessConstants p = t.processes();
    assertThat(p.printing()).isEqualTo(new ProcessConstants.Printing(10, 15, 20));
    assertThat(p.cnc()).isEqualTo(new ProcessConstants.Cnc(100, 1000, 500, 0.5, 80, 1));
    assertThat(p.molding())
        .isEqualTo(new ProcessConstants.Molding(5000, 0.5, 10, 0.5, 60, 2, 1, 4));
    assertThat(p.repeatedPart()).isEqualTo(new ProcessConstants.RepeatedPart(0.5, 0.1));
  }

  @Test
  void projectSettingsMergeFieldByFieldOverTheDefaults() {
    try (Project p = Project.create(dir.resolve("p.bwproj"))) {
      p.settings()
          .put(
              CadTables.MATERIALS,
              "{\"pla\": {\"usd_per_kg\": 25}, \"titanium\": {\"density_g_cm3\": 4.43,"
                  + " \"usd_per_kg\": 35}}");
      p.settings().put(CadTables.MOTORS, "{\"small_servo\": {\"kp\": 3}}");
      p.settings().put(CadTables.PROCESSES, "{\"printing\": {\"setup_usd\": 5}}");
      CadTables t = CadTables.from(p.settings());
      assertThat(t.material("pla")).isEqualTo(new Material("pla", 1.24, 25));
      assertThat(t.material("titanium")).isEqualTo(new Material("titanium", 4.43, 35));
      assertThat(t.material("steel")).isEqualTo(CadTables.defaults().material("steel"));
      assertThat(t.motor("small_servo").kp()).isEqualTo(3);
      assertThat(t.motor("small_servo").torqueNm()).isEqualTo(0.18);
      assertThat(t.processes().printing()).isEqualTo(new ProcessConstants.Printing(5, 15, 20));
      assertThat(t.processes().cnc()).isEqualTo(CadTables.defaults().processes().cnc());
      assertThat(t.toJson()).contains("\"titanium\"", "\"setup_usd\" : 5.0");
    }
  }

  @Test
  void projectWithoutCadSettingsUsesTheDefaults() {
    try (Project p = Project.create(dir.resolve("p.bwproj"))) {
      CadTables t = CadTables.from(p.settings());
      assertThat(t.materials()).isEqualTo(CadTables.defaults().materials());
      assertThat(t.processes()).isEqualTo(CadTables.defaults().processes());
    }
  }

  @Test
  void badSettingsSayWhichSettingAndWhyAndLoseNothing() {
    try (Project p = Project.create(dir.resolve("p.bwproj"))) {
      p.settings().put(CadTables.MOTORS, "{\"stepper\": {\"usd\": 20}}");
      String[][] cases = {
        {CadTables.MATERIALS, "{\"pla\": ", "Setting cad.materials is not valid JSON"},
        {CadTables.MATERIALS, "[1, 2]", "Setting cad.materials must be a JSON object."},
        {
          CadTables.MATERIALS,
          "{\"pla\": {\"density\": 1.3}}",
          "Setting cad.materials: 'pla' has an unknown field 'density'. Known: density_g_cm3,"
              + " usd_per_kg."
        },
        {
          CadTables.MATERIALS,
          "{\"pla\": {\"density_g_cm3\": -1.2}}",
          "Setting cad.materials: 'pla': density_g_cm3 must be above 0, found -1.2."
        },
        {
          CadTables.MATERIALS,
          "{\"pla\": {\"usd_per_kg\": \"cheap\"}}",
          "Setting cad.materials: 'pla': usd_per_kg must be a number."
        },
        {
          CadTables.MATERIALS,
          "{\"wood\": {\"density_g_cm3\": 0.6}}",
          "Setting cad.materials: the new material 'wood' needs every field: density_g_cm3,"
              + " usd_per_kg."
        },
        {
          CadTables.MOTORS,
          "{\"stepper\": {\"force_min\": 1, \"force_max\": -1}}",
          "Setting cad.motors: 'stepper' has force_min above force_max."
        },
        {
          CadTables.PROCESSES,
          "{\"laser\": {\"setup_usd\": 1}}",
          "Setting cad.processes has an unknown process 'laser'. Known: cnc, injection_molding,"
              + " printing, repeated_part."
        },
        {
          CadTables.PROCESSES,
          "{\"cnc\": {\"setup\": 1}}",
          "Setting cad.processes: 'cnc' has an unknown field 'setup'."
        },
        {
          CadTables.PROCESSES,
          "{\"printing\": {\"cm3_per_hour\": 0}}",
          "Setting cad.processes: 'printing': cm3_per_hour must be above 0, found 0.0."
        },
        {
          CadTables.PROCESSES,
          "{\"injection_molding\": {\"min_wall_mm\": 5}}",
          "injection_molding min_wall_mm is above max_wall_mm"
        }
      };
      java.util.Map<String, String> before = p.settings().all();
      for (String[] c : cases) {
        p.settings().put(c[0], c[1]);
        assertThatThrownBy(() -> CadTables.from(p.settings()))
            .as(c[1])
            .isInstanceOf(CadSettingsException.class)
            .hasMessageContaining(c[2]);
        // The bad value stays stored as written (the user fixes it), the other settings too.
        assertThat(p.settings().get(c[0])).contains(c[1]);
        p.settings().put(c[0], before.getOrDefault(c[0], "{}"));
      }
      assertThat(CadTables.from(p.settings()).motor("stepper").usd()).isEqualTo(20);
    }
  }

  @Test
  void unknownNamesListTheKnownOnes() {
    assertThatThrownBy(() -> CadTables.defaults().material("unobtainium"))
        .hasMessageStartingWith("Unknown material 'unobtainium'. Known: abs, aluminium_6061,");
    assertThatThrownBy(() -> CadTables.defaults().motor("turbine"))
        .hasMessage("Unknown motor 'turbine'. Known: large_servo, small_servo, stepper.");
    assertThatThrownBy(() -> ManufacturingProcess.fromId("casting"))
        .hasMessage("Unknown process 'casting'. Known: printing, cnc, injection_molding.");
    assertThat(ManufacturingProcess.fromId("CNC")).isEqualTo(ManufacturingProcess.CNC);
  }
}
