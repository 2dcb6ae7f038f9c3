package org.benchwright.engine.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.benchwright.engine.cad.CadTables;
import org.benchwright.engine.model.ModelConfig;
import org.benchwright.engine.model.PriceTable;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.sandbox.SandboxDefaults;
import org.benchwright.engine.workflow.Workflows;
import org.benchwright.engine.workflow.engineer.Simulation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsCatalogTest {

  @TempDir Path dir;
  private final SettingsCatalog catalog = Workflows.settings();
  private Project project;

  @BeforeEach
  void create() {
    project = Project.create(dir.resolve("p.bwproj"));
  }

  @AfterEach
  void close() {
    project.close();
  }

  @Test
  void concreteKeysFindTheirPattern() {
    assertThat(catalog.find("workflow.engineer.planner.plan_approval"))
        .map(SettingSpec::key)
        .contains("workflow.{workflow}.{node}.plan_approval");
    assertThat(catalog.find("workflow.benchmark-generator.coder.model"))
        .map(SettingSpec::key)
        .contains("workflow.{workflow}.{node}.model");
    assertThat(catalog.find("tool.approval.simulate"))
        .map(SettingSpec::key)
        .contains("tool.approval.{tool}");
    assertThat(catalog.find("sandbox.limits")).map(SettingSpec::key).contains("sandbox.limits");
    assertThat(catalog.find("sandbox.limits.engineer"))
        .map(SettingSpec::key)
        .contains("sandbox.limits.{workflow}");
  }

  @Test
  void aPlaceholderStandsForOneNameOnly() {
    assertThat(catalog.find("workflow.engineer.planner.extra.plan_approval")).isEmpty();
    assertThat(catalog.find("workflow.engineer.plan_approval")).isEmpty();
    assertThat(catalog.find("tool.approval.")).isEmpty();
    assertThat(catalog.find("project.uid")).isEmpty();
  }

  @Test
  void aWorkflowsOwnSpecForOneNodeWinsOverTheGenericPattern() {
    SettingSpec planner =
        SettingSpec.of(
            "workflow.engineer.planner.plan_approval",
            SettingScope.WORKFLOW_NODE,
            SettingType.oneOf("ask", "auto", "none"),
            "\"ask\"",
            "The engineer's plan waits for approval");
    SettingsCatalog composed = SettingsCatalog.of(SettingsCatalog.core().specs(), List.of(planner));

    assertThat(composed.find("workflow.engineer.planner.plan_approval")).contains(planner);
    assertThat(composed.find("workflow.engineer.critic.plan_approval"))
        .map(SettingSpec::key)
        .contains("workflow.{workflow}.{node}.plan_approval");
  }

  @Test
  void twoContributionsCannotDeclareTheSameKey() {
    SettingSpec again =
        SettingSpec.of(
            "skills.learn_after", SettingScope.PROJECT, SettingType.integer(0, 9), "1", "again");
    assertThatThrownBy(() -> SettingsCatalog.of(Workflows.settings().specs(), List.of(again)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("skills.learn_after");
  }

  @Test
  void typedTextBecomesTheJsonItsReadersParse() {
    assertThat(catalog.validate("skills.learn_after", " 2 ")).isEqualTo("2");
    assertThat(catalog.validate("tool.approval.simulate", "ask")).isEqualTo("\"ask\"");
    assertThat(catalog.validate("tool.approval.simulate", "\"never\"")).isEqualTo("\"never\"");
    assertThat(catalog.validate("engineer.seconds", "12.50")).isEqualTo("12.5");
    assertThat(catalog.validate("cad.materials", "{ \"pla\" : {\"usd_per_kg\": 25} }"))
        .isEqualTo("{\"pla\":{\"usd_per_kg\":25}}");
  }

  @Test
  void anIntegerOutOfRangeSaysWhatIsAllowed() {
    assertThatThrownBy(() -> catalog.validate("skills.learn_after", "-1"))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessage("skills.learn_after must be an integer of at least 0; -1 is out of range.");
    assertThatThrownBy(() -> catalog.validate("skills.learn_after", "four"))
        .hasMessage(
            "skills.learn_after must be an integer of at least 0; 'four' is not an integer.");
  }

  @Test
  void aWordNotAllowedNamesTheAllowedOnes() {
    assertThatThrownBy(() -> catalog.validate("tool.approval.simulate", "maybe"))
        .hasMessage(
            "tool.approval.simulate must be one of always, ask, never; 'maybe' is not one of them.");
    assertThatThrownBy(() -> catalog.validate("workflow.engineer.planner.plan_approval", ""))
        .hasMessageContaining("must be one of ask, auto, none; the value is empty");
  }

  @Test
  void aBadCadTableIsRejectedWithTheCadTablesMessage() {
    assertThatThrownBy(() -> catalog.validate("cad.materials", "{\"pla\": {\"usd_per_kg\": -1}}"))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessage("Setting cad.materials: 'pla': usd_per_kg must not be negative, found -1.0.");
    assertThatThrownBy(() -> catalog.validate("cad.processes", "{\"laser\": {}}"))
        .hasMessageContaining("unknown process 'laser'");
    assertThatThrownBy(() -> catalog.validate("cad.motors", "{\"servo\": "))
        .hasMessageStartingWith("cad.motors must be a JSON object of motors")
        .hasMessageContaining("it is not valid JSON");
  }

  @Test
  void badPricesAndModelConfigsAreRejectedWithTheirParsersMessages() {
    assertThatThrownBy(
            () -> catalog.validate(PriceTable.SETTING, "{\"gpt-4o\": {\"input_per_mtok\": 1}}"))
        .hasMessageContaining("The project setting model.prices is not valid")
        .hasMessageContaining("'gpt-4o' needs output_per_mtok");
    assertThatThrownBy(
            () -> catalog.validate("workflow.engineer.coder.model", "{\"model\": \"gpt-4o\"}"))
        .hasMessageStartingWith(
            "workflow.engineer.coder.model: The model configuration is not valid")
        .hasMessageContaining("needs a provider");
  }

  @Test
  void badSandboxLimitsNameTheConcreteKey() {
    assertThatThrownBy(() -> catalog.validate("sandbox.limits.engineer", "{\"memory\": 2048}"))
        .hasMessage("Setting sandbox.limits.engineer has an unknown limit 'memory'.");
  }

  @Test
  void workflowLimitsComeFromTheWorkflowsOwnRequest() {
    assertThatThrownBy(() -> catalog.validate("engineer.variants", "25"))
        .hasMessage("engineer.variants: variants must be between 1 and 20; got 25.");
    assertThatThrownBy(() -> catalog.validate("engineer.seconds", "0"))
        .hasMessageContaining("seconds must be greater than 0");
  }

  @Test
  void aPatternItselfCannotBeSetAndSaysHowToFillItIn() {
    assertThatThrownBy(() -> catalog.validate("workflow.{workflow}.{node}.plan_approval", "ask"))
        .hasMessage(
            "workflow.{workflow}.{node}.plan_approval is a pattern: replace {workflow} and {node}"
                + " with names, e.g. workflow.engineer.planner.plan_approval.");
  }

  @Test
  void anUnknownKeyIsRefusedAndTheSettingsAreNamed() {
    assertThatThrownBy(() -> catalog.set(project, "project.uid", "x"))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageStartingWith("There is no setting 'project.uid'. Settings: cad.materials,")
        .hasMessageContaining("tool.approval.{tool}");
  }

  @Test
  void valuesSetThroughTheCatalogAreWhatTheirReadersRead() {
    catalog.set(project, "cad.materials", "{\"pla\": {\"usd_per_kg\": 25}}");
    catalog.set(project, "engineer.variants", "3");
    catalog.set(project, "sandbox.limits.engineer", "{\"memoryMb\": 4096}");
    catalog.set(
        project,
        "workflow.engineer.coder.model",
        "{\"provider\": \"ollama\", \"model\": \"qwen\"}");

    assertThat(CadTables.from(project.settings()).material("pla").usdPerKg()).isEqualTo(25);
    assertThat(Simulation.Request.defaults(project, "s.xml").variants()).isEqualTo(3);
    assertThat(SandboxDefaults.limitsFor(project.settings(), "engineer").memoryBytes())
        .isEqualTo(4096L << 20);
    assertThat(
            ModelConfig.fromJson(
                    project.settings().get("workflow.engineer.coder.model").orElseThrow())
                .provider())
        .isEqualTo("ollama");
  }

  @Test
  void aRejectedValueWritesNothing() {
    catalog.set(project, "skills.learn_after", "2");
    Map<String, String> before = project.settings().all();

    assertThatThrownBy(() -> catalog.set(project, "skills.learn_after", "-3"))
        .isInstanceOf(InvalidSettingException.class);
    assertThatThrownBy(() -> catalog.set(project, "cad.motors", "{\"servo\": {\"usd\": -1}}"))
        .isInstanceOf(InvalidSettingException.class);

    assertThat(project.settings().all()).isEqualTo(before);
  }

  @Test
  void unsetBringsTheDefaultBack() {
    catalog.set(project, "tool.approval.simulate", "never");
    assertThat(catalog.unset(project, "tool.approval.simulate")).isTrue();
    assertThat(project.settings().get("tool.approval.simulate")).isEmpty();
    assertThat(catalog.get(project, "tool.approval.simulate").effective()).isEqualTo("always");
    assertThat(catalog.unset(project, "tool.approval.simulate")).isFalse();
  }

  @Test
  void listGivesEverySettingWithItsValueAndDefault() {
    catalog.set(project, "skills.learn_after", "0");
    catalog.set(project, "workflow.engineer.planner.plan_approval", "none");

    List<SettingsCatalog.Entry> entries = catalog.list(project);

    assertThat(entries).extracting(SettingsCatalog.Entry::key).doesNotContain("project.uid");
    assertThat(entries)
        .extracting(SettingsCatalog.Entry::key)
        .containsSubsequence(
            "workflow.{workflow}.{node}.plan_approval", "workflow.engineer.planner.plan_approval");
    SettingsCatalog.Entry learn =
        entries.stream()
            .filter(e -> e.key().equals("skills.learn_after"))
            .findFirst()
            .orElseThrow();
    assertThat(learn.value()).contains("0");
    assertThat(learn.spec().defaultText()).isEqualTo("4");
    SettingsCatalog.Entry plan =
        entries.stream()
            .filter(e -> e.key().equals("workflow.engineer.planner.plan_approval"))
            .findFirst()
            .orElseThrow();
    assertThat(plan.value()).contains("none");
    assertThat(plan.isPattern()).isFalse();
    assertThat(entries.stream().filter(SettingsCatalog.Entry::isPattern))
        .allSatisfy(e -> assertThat(e.value()).isEmpty());
  }

  @Test
  void everyFixedDefaultIsAValueItsOwnSettingAccepts() {
    for (SettingSpec spec : catalog.specs()) {
      if (spec.defaultJson() == null) {
        continue;
      }
      String key =
          spec.isPattern()
              ? spec.expand(Map.of("workflow", "engineer", "node", "planner", "tool", "simulate"))
              : spec.key();
      assertThat(catalog.validate(key, spec.defaultText())).as(key).isEqualTo(spec.defaultJson());
    }
  }

  @Test
  void theDefaultsAreTheReadersOwn() {
    assertThat(catalog.find("engineer.variants").orElseThrow().defaultText())
        .isEqualTo(Integer.toString(Simulation.DEFAULT_VARIANTS));
    assertThat(
            CadTables.fromJson(
                    catalog.find("cad.materials").orElseThrow().defaultJson(), null, null)
                .materials())
        .isEqualTo(CadTables.defaults().materials());
  }
}
