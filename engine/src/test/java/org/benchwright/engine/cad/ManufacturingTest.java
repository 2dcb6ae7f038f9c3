package org.benchwright.engine.cad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import org.junit.jupiter.api.Test;

class ManufacturingTest {

  private static final CadTables TABLES = CadTables.defaults();

  private static ManufacturingReport evaluate(
      Shapes shape, String material, ManufacturingProcess process, int quantity, int copies) {
    return Manufacturing.evaluate(
        new Part("part", shape.mesh(), material, process, quantity, copies), TABLES, Caps.NONE);
  }

  private static PartCheck check(ManufacturingReport r, String name) {
    return r.checks().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void printedPlaCubeCostsWhatTheFormulaSays() {
    // 10 mm cube = 1 cm³ of PLA (1.24 g/cm³, $20/kg): 1.24 g.
    // material 0.00124 kg × $20 = $0.0248; printing 1 cm³ / 15 cm³/h = 1/15 h × $20/h = $1.3333;
    // setup $10 over 100 units = $0.10. Total $1.458133.
    ManufacturingReport r = evaluate(Shapes.cube(10), "pla", ManufacturingProcess.PRINTING, 100, 1);
    assertThat(r.massG()).isCloseTo(1.24, offset(1e-9));
    assertThat(r.cost().materialUsd()).isCloseTo(0.0248, offset(1e-9));
    assertThat(r.cost().machineUsd()).isCloseTo(20.0 / 15, offset(1e-9));
    assertThat(r.cost().setupUsd()).isCloseTo(0.10, offset(1e-9));
    assertThat(r.cost().toolingUsd()).isZero();
    assertThat(r.unitCostUsd()).isCloseTo(1.458133, offset(1e-6));
    assertThat(r.passed()).isTrue();
    assertThat(r.checks()).extracting(PartCheck::name).containsExactly("watertight", "single_body");
  }

  @Test
  void repeatedIdenticalPrintedPartsPayHalfTheSetupEach() {
    // Three copies: material and printing × 3 = $0.0744 + $4.00; setup $10 × (1 + 2 × 0.5) = $20
    // over 100 units = $0.20. Total $4.2744, 3.72 g.
    ManufacturingReport r = evaluate(Shapes.cube(10), "pla", ManufacturingProcess.PRINTING, 100, 3);
    assertThat(r.cost().setupUsd()).isCloseTo(0.20, offset(1e-9));
    assertThat(r.unitCostUsd()).isCloseTo(4.2744, offset(1e-6));
    assertThat(r.totalMassG()).isCloseTo(3.72, offset(1e-9));
  }

  @Test
  void cncPaysForTheBoundingBoxStockAndTheMachiningTime() {
    // 10 × 10 × 10 aluminium with a 4 × 4 hole: stock 1 cm³ × 2.70 g × $8/kg = $0.0216;
    // removed 160 mm³ / 1000 = 0.16 min, area 728 mm² / (500 × 0.5) = 2.912 min: 3.072 min =
    // 0.0512 h × $80 = $4.096; setup $100 / 10 units = $10. Total $14.1176.
    ManufacturingReport r =
        evaluate(Shapes.boxWithHole(10, 4, 10), "aluminium_6061", ManufacturingProcess.CNC, 10, 1);
    assertThat(r.massG()).isCloseTo(0.84 * 2.70, offset(1e-9));
    assertThat(r.cost().materialUsd()).isCloseTo(0.0216, offset(1e-9));
    assertThat(r.cost().machineUsd()).isCloseTo(4.096, offset(1e-9));
    assertThat(r.unitCostUsd()).isCloseTo(14.1176, offset(1e-9));
  }

  @Test
  void cncSquareHoleHasCornersSharperThanTheTool() {
    ManufacturingReport r =
        evaluate(Shapes.boxWithHole(20, 6, 10), "aluminium_6061", ManufacturingProcess.CNC, 1, 1);
    assertThat(check(r, "cnc_undercuts").passed()).isTrue();
    PartCheck corners = check(r, "cnc_internal_corners");
    assertThat(corners.passed()).isFalse();
    assertThat(corners.message())
        .startsWith("4 internal corners or gaps are tighter than the 1.00 mm");
  }

  @Test
  void cncPlainBlockPassesEveryCheck() {
    ManufacturingReport r =
        evaluate(Shapes.box(0, 0, 0, 30, 20, 10), "steel", ManufacturingProcess.CNC, 1, 1);
    assertThat(r.failures()).isEmpty();
    assertThat(check(r, "cnc_internal_corners").message())
        .contains("reaches every internal corner");
  }

  @Test
  void cncRoundHoleWiderThanTheToolPasses() {
    ManufacturingReport r =
        evaluate(Shapes.tube(10, 3, 5, 96), "aluminium_6061", ManufacturingProcess.CNC, 1, 1);
    assertThat(r.stats().watertight()).isTrue();
    assertThat(r.failures()).isEmpty();
  }

  @Test
  void cncSteepWallsCurvedInPlanAreNotCorners() {
    // A torus's inner rim rises steeply along a circle: no corner, only grid noise to ignore.
    ManufacturingReport r =
        evaluate(Shapes.torus(40, 10, 200, 100), "aluminium_6061", ManufacturingProcess.CNC, 1, 1);
    PartCheck corners = check(r, "cnc_internal_corners");
    assertThat(corners.passed()).as(corners.message()).isTrue();
  }

  @Test
  void cncRoundHoleNarrowerThanTheToolFails() {
    ManufacturingReport r =
        evaluate(Shapes.tube(10, 0.8, 5, 96), "aluminium_6061", ManufacturingProcess.CNC, 1, 1);
    assertThat(check(r, "cnc_internal_corners").message())
        .startsWith("1 internal corner or gap is tighter than the 1.00 mm tool radius");
  }

  @Test
  void cncHoleNarrowerThanTheToolFails() {
    // A 1.5 mm square hole: a 2 mm diameter tool does not fit at all.
    ManufacturingReport r =
        evaluate(Shapes.boxWithHole(10, 1.5, 5), "steel", ManufacturingProcess.CNC, 1, 1);
    assertThat(check(r, "cnc_internal_corners").passed()).isFalse();
  }

  @Test
  void cncHoleAlongXIsAnUndercutFromAbove() {
    // The same box turned about Y: the hole runs along X and its ceiling faces down.
    Shapes turned = rotateAboutY(Shapes.boxWithHole(20, 6, 10));
    ManufacturingReport r = evaluate(turned, "aluminium_6061", ManufacturingProcess.CNC, 1, 1);
    assertThat(r.stats().watertight()).isTrue();
    PartCheck undercuts = check(r, "cnc_undercuts");
    assertThat(undercuts.passed()).isFalse();
    assertThat(undercuts.message())
        .startsWith("2 downward-facing faces (60.0 mm²) above the bottom");
    assertThat(check(r, "cnc_internal_corners").passed()).isTrue();
  }

  @Test
  void cncSphereLowerHalfIsAnUndercut() {
    ManufacturingReport r =
        evaluate(Shapes.sphere(10, 32, 16), "aluminium_6061", ManufacturingProcess.CNC, 1, 1);
    assertThat(check(r, "cnc_undercuts").passed()).isFalse();
  }

  @Test
  void moldedTrayWithVerticalWallsFailsDraftButHasGoodWalls() {
    ManufacturingReport r =
        evaluate(Shapes.tray(40, 20, 2), "abs", ManufacturingProcess.INJECTION_MOLDING, 1000, 1);
    assertThat(r.stats().watertight()).isTrue();
    PartCheck draft = check(r, "molding_draft");
    assertThat(draft.passed()).isFalse();
    assertThat(draft.message()).startsWith("16 faces (5792.0 mm²) have less than 2.0° of draft");
    PartCheck walls = check(r, "molding_wall_thickness");
    assertThat(walls.passed()).as(walls.message()).isTrue();
    assertThat(walls.message()).startsWith("thinnest 2.00 mm");
  }

  @Test
  void moldingCostAmortisesToolingOverTheQuantity() {
    // Tray 40 × 40 × 20, 2 mm walls: volume 32000 - 36 × 36 × 18 = 8672 mm³ = 8.672 cm³ of ABS
    // (1.04 g/cm³, $2.5/kg): 9.01888 g, $0.0225472. Cycle max(0.8672 s, 0.5 s × 40) = 20 s at
    // $60/h = $0.33333. Area 1600 + 3200 + 304 + 2592 + 1296 = 8992 mm² = 89.92 cm²: tooling
    // $5000 + $44.96 over 1000 units = $5.04496. Total $5.4008405.
    ManufacturingReport r =
        evaluate(Shapes.tray(40, 20, 2), "abs", ManufacturingProcess.INJECTION_MOLDING, 1000, 1);
    assertThat(r.stats().surfaceArea()).isCloseTo(8992, offset(1e-6));
    assertThat(r.massG()).isCloseTo(9.01888, offset(1e-6));
    assertThat(r.cost().toolingUsd()).isCloseTo(5.04496, offset(1e-9));
    assertThat(r.cost().machineUsd()).isCloseTo(1.0 / 3, offset(1e-9));
    assertThat(r.unitCostUsd()).isCloseTo(5.4008405, offset(1e-6));
  }

  @Test
  void repeatedMoldedPartCutsToolingToTenPercent() {
    // Two copies: tooling $5044.96 × (1 + 0.1) over 1000 = $5.549456.
    ManufacturingReport r =
        evaluate(Shapes.tray(40, 20, 2), "abs", ManufacturingProcess.INJECTION_MOLDING, 1000, 2);
    assertThat(r.cost().toolingUsd()).isCloseTo(5.549456, offset(1e-9));
  }

  @Test
  void solidBlockIsTooThickToMold() {
    ManufacturingReport r =
        evaluate(Shapes.cube(20), "abs", ManufacturingProcess.INJECTION_MOLDING, 1000, 1);
    PartCheck walls = check(r, "molding_wall_thickness");
    assertThat(walls.passed()).isFalse();
    assertThat(walls.message())
        .containsPattern("thickest (19\\.[89]\\d|20\\.[01]\\d) mm")
        .endsWith("(uniform walls)");
  }

  @Test
  void thinSheetIsTooThinToMold() {
    ManufacturingReport r =
        evaluate(
            Shapes.box(0, 0, 0, 30, 30, 0.5), "abs", ManufacturingProcess.INJECTION_MOLDING, 1, 1);
    PartCheck walls = check(r, "molding_wall_thickness");
    assertThat(walls.passed()).isFalse();
    assertThat(walls.message()).startsWith("thinnest 0.50 mm").endsWith("thicken the thin walls");
  }

  @Test
  void octahedronHasAmpleDraft() {
    ManufacturingReport r =
        evaluate(Shapes.octahedron(3), "abs", ManufacturingProcess.INJECTION_MOLDING, 1, 1);
    PartCheck draft = check(r, "molding_draft");
    assertThat(draft.passed()).isTrue();
    assertThat(draft.message()).contains("the steepest has 35.26°");
  }

  @Test
  void openOrSplitMeshesFailTheGeometryChecks() {
    ManufacturingReport open =
        evaluate(Shapes.cube(10).without(2, 4), "pla", ManufacturingProcess.PRINTING, 1, 1);
    assertThat(check(open, "watertight").message())
        .startsWith("the surface is not closed: 4 edges");
    ManufacturingReport two =
        evaluate(
            Shapes.cube(10).plus(Shapes.box(20, 0, 0, 25, 5, 5)),
            "pla",
            ManufacturingProcess.PRINTING,
            1,
            1);
    assertThat(check(two, "single_body").passed()).isFalse();
    assertThat(check(two, "single_body").message()).startsWith("2 separate bodies");
    ManufacturingReport insideOut =
        evaluate(Shapes.cube(10).flipped(), "pla", ManufacturingProcess.PRINTING, 1, 1);
    assertThat(check(insideOut, "watertight").message()).contains("face inward");
  }

  @Test
  void capsAreComparedWhenGiven() {
    ManufacturingReport r =
        Manufacturing.evaluate(
            new Part("cube", Shapes.cube(10).mesh(), "pla", ManufacturingProcess.PRINTING, 100, 1),
            TABLES,
            Caps.ofKg(1.0, 0.002));
    assertThat(check(r, "max_unit_cost").passed()).isFalse();
    assertThat(check(r, "max_unit_cost").message())
        .isEqualTo("$1.46 per unit against a cap of $1.00");
    assertThat(check(r, "max_weight").message()).isEqualTo("1.24 g against a cap of 2.00 g");
    assertThat(check(r, "max_weight").passed()).isTrue();
    assertThat(r.passed()).isFalse();
    assertThat(r.summary()).contains("FAIL max_unit_cost", "PASS watertight");
  }

  @Test
  void unknownMaterialAndBadCountsAreRejected() {
    assertThatThrownBy(() -> evaluate(Shapes.cube(10), "cheese", ManufacturingProcess.CNC, 1, 1))
        .hasMessageStartingWith("Unknown material 'cheese'");
    assertThatThrownBy(
            () -> new Part("p", Shapes.cube(1).mesh(), "pla", ManufacturingProcess.CNC, 0, 1))
        .hasMessage("quantity must be at least 1, found 0");
  }

  private static Shapes rotateAboutY(Shapes s) {
    float[] p = s.points.clone();
    for (int i = 0; i < p.length; i += 3) {
      float x = s.points[i], z = s.points[i + 2];
      p[i] = z;
      p[i + 2] = -x;
    }
    return new Shapes(p, s.triangles);
  }
}
