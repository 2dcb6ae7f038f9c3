package org.benchwright.engine.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.benchwright.engine.workflow.experiment.ExperimentLoopWorkflow;
import org.junit.jupiter.api.Test;

class WriteGuardCatalogTest {

  /** A plug-in with one workflow whose single node names {@code guard}, and the guards given. */
  private static WorkflowPlugin plugin(String guard, List<WorkflowPlugin.NamedWriteGuard> guards) {
    WorkflowDefinition.Node node =
        new WorkflowDefinition.Node(
            "p.md",
            List.of("submit"),
            new WorkflowDefinition.Limits(1, 1, 1, 1),
            null,
            null,
            null,
            guard,
            "do it");
    WorkflowDefinition def =
        new WorkflowDefinition(
            "guarded",
            "a node that names a write guard",
            "worker",
            null,
            null,
            Map.of("worker", node),
            Map.of("worker", Map.of("done", WorkflowDefinition.SUCCEED)),
            Map.of(),
            null);
    return new WorkflowPlugin() {
      @Override
      public List<WorkflowDefinition> workflows() {
        return List.of(def);
      }

      @Override
      public List<NamedWriteGuard> writeGuards() {
        return guards;
      }
    };
  }

  @Test
  void aNodeNamingAnUnknownWriteGuardIsRefusedWhenTheCatalogIsBuilt() {
    assertThatThrownBy(() -> WorkflowCatalog.of(List.of(plugin("read-only-please", List.of()))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("guarded.worker names write guard 'read-only-please', which no plug-in has.");
  }

  @Test
  void aGuardAnotherPluginRegistersIsFound() {
    WorkflowCatalog catalog =
        WorkflowCatalog.of(
            List.of(plugin("experiment-editable", List.of()), new ExperimentLoopWorkflow()));
    assertThat(catalog.writeGuard("experiment-editable")).isPresent();
    assertThat(catalog.writeGuard("nope")).isEmpty();
  }

  @Test
  void twoPluginsRegisteringOneGuardNameAreRefused() {
    WorkflowPlugin.NamedWriteGuard same =
        new WorkflowPlugin.NamedWriteGuard("experiment-editable", WriteGuard.ANY);
    assertThatThrownBy(
            () ->
                WorkflowCatalog.of(
                    List.of(plugin(null, List.of(same)), new ExperimentLoopWorkflow())))
        .hasMessageContaining("Two plug-ins register the write guard 'experiment-editable'");
  }

  @Test
  void theShippedExperimentLoopNamesAGuardTheCatalogHas() {
    WorkflowDefinition loop = WorkflowCatalog.discover().workflow("experiment-loop");
    assertThat(loop.nodes().get("experimenter").writeGuard()).isEqualTo("experiment-editable");
    assertThat(loop.nodes().get("analyst").writeGuard()).isNull();
    assertThat(WorkflowCatalog.discover().writeGuard("experiment-editable")).isPresent();
  }
}
