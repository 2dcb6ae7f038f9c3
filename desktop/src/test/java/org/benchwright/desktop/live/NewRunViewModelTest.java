package org.benchwright.desktop.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.benchwright.desktop.project.DesktopSettings;
import org.benchwright.engine.live.NewRunRequest;
import org.benchwright.engine.model.ApiKeys;
import org.benchwright.engine.preflight.RunPreflight;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NewRunViewModelTest {

  @TempDir Path dir;

  private final NewRunViewModel vm = new NewRunViewModel(WorkflowCatalog.available(), null);

  @Test
  void theCatalogOffersTheShippedWorkflowWithItsDescription() {
    assertThat(vm.workflows())
        .extracting(WorkflowCatalog.Entry::name)
        .contains("benchmark-generator");
    assertThat(vm.workflowProperty().get()).isNotNull();
    assertThat(vm.workflowProperty().get().description()).isNotBlank();
  }

  @Test
  void aHostedModelWithoutAnApiKeySaysHowToSetOne() {
    NewRunViewModel keyless =
        new NewRunViewModel(
            WorkflowCatalog.available(),
            null,
            new RunPreflight(ApiKeys.of(Map.of(), null))::modelProblem);
    keyless.taskProperty().set("ramp");
    keyless.providerProperty().set("anthropic");
    keyless.modelProperty().set("claude-sonnet-4-5");

    assertThat(keyless.problemProperty().get())
        .startsWith("There is no API key for Anthropic. Set ANTHROPIC_API_KEY or add it to")
        .endsWith("as anthropic=<key>.");
    assertThat(keyless.isValid()).isFalse();

    keyless.providerProperty().set("ollama");
    keyless.modelProperty().set("qwen3");
    assertThat(keyless.problemProperty().get()).isEmpty();
  }

  @Test
  void aBlankTaskIsTheFirstProblem() {
    vm.taskProperty().set("   ");

    assertThat(vm.problemProperty().get()).isEqualTo("Describe the task for the agents.");
    assertThat(vm.isValid()).isFalse();
    assertThatThrownBy(vm::request).hasMessageContaining("Describe the task");
  }

  @Test
  void noWorkflowAvailableIsSaid() {
    NewRunViewModel none = new NewRunViewModel(List.of(), null);
    none.taskProperty().set("x");

    assertThat(none.problemProperty().get()).isEqualTo("Choose a workflow.");
  }

  @Test
  void anOverlongTaskSaysHowLongAndWhatToDo() {
    vm.taskProperty().set("x".repeat(NewRunViewModel.MAX_TASK_CHARS + 1));

    assertThat(vm.problemProperty().get()).contains("20001 characters").contains("file");
  }

  @Test
  void aHostedModelNeedsAName() {
    vm.taskProperty().set("ramp");
    vm.modelProperty().set(" ");

    assertThat(vm.problemProperty().get()).startsWith("Enter the model name");
  }

  @Test
  void anOpenAiCompatibleServerNeedsAnHttpUrl() {
    vm.taskProperty().set("ramp");
    vm.providerProperty().set("openai-compatible");
    assertThat(vm.problemProperty().get()).contains("needs its base URL");

    vm.baseUrlProperty().set("localhost:8000");
    assertThat(vm.problemProperty().get()).contains("must look like http://");

    vm.baseUrlProperty().set("http://localhost:8000/v1");
    assertThat(vm.isValid()).isTrue();
    NewRunRequest r = vm.request();
    assertThat(r.model().provider()).isEqualTo("openai-compatible");
    assertThat(r.model().baseUrl()).isEqualTo("http://localhost:8000/v1");
    assertThat(r.script()).isNull();
  }

  @Test
  void theScriptedProviderNeedsAnExistingScriptAndNoModelName() throws Exception {
    vm.taskProperty().set("ramp");
    vm.providerProperty().set("scripted");
    vm.modelProperty().set("");
    assertThat(vm.problemProperty().get()).startsWith("Choose the script file");

    vm.scriptProperty().set(dir.resolve("missing.json"));
    assertThat(vm.problemProperty().get()).contains("missing.json").contains("does not exist");

    Path script = Files.writeString(dir.resolve("turns.json"), "{\"turns\": []}");
    vm.scriptProperty().set(script);
    vm.pausedProperty().set(true);
    NewRunRequest r = vm.request();
    assertThat(r.script()).isEqualTo(script.toAbsolutePath());
    assertThat(r.model().model()).isEqualTo("scripted");
    assertThat(r.model().baseUrl()).isEqualTo(script.toUri().toString());
    assertThat(r.paused()).isTrue();
    assertThat(r.workflow()).isEqualTo("benchmark-generator");
    assertThat(r.task()).isEqualTo("ramp");
  }

  @Test
  void theLastModelIsPrefilledAndRememberedWithoutAKey() {
    NewRunViewModel again =
        new NewRunViewModel(
            WorkflowCatalog.available(),
            new DesktopSettings.SavedModel("ollama", "llama3", "http://localhost:11434", null));

    assertThat(again.providerProperty().get()).isEqualTo("ollama");
    assertThat(again.modelProperty().get()).isEqualTo("llama3");
    assertThat(again.toSaved())
        .isEqualTo(
            new DesktopSettings.SavedModel("ollama", "llama3", "http://localhost:11434", null));
  }

  @Test
  void theAutomlWorkflowNeedsADatasetAndStartsFromItsInputFile() {
    vm.workflowProperty()
        .set(
            vm.workflows().stream()
                .filter(w -> w.name().equals(NewRunViewModel.AUTOML))
                .findFirst()
                .orElseThrow());
    vm.taskProperty().set("predict churn");
    vm.providerProperty().set("ollama");
    vm.modelProperty().set("qwen3");
    assertThat(vm.needsDatasetProperty().get()).isTrue();
    assertThat(vm.problemProperty().get()).contains("add one with File ▸ Add Dataset…");

    vm.setDatasets(List.of("churn", "prices"));
    assertThat(vm.datasetProperty().get()).isEqualTo("churn");
    vm.datasetProperty().set("prices");
    assertThat(vm.isValid()).isTrue();
    NewRunRequest r = vm.request();
    assertThat(r.inputFiles()).containsOnlyKeys("automl.json");
    assertThat(
            new String(r.inputFiles().get("automl.json"), java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo("{\"dataset\":\"prices\"}");

    vm.datasetProperty().set(null);
    assertThat(vm.problemProperty().get()).isEqualTo("Choose the dataset to train on.");
  }

  @Test
  void otherWorkflowsNeedNoDatasetAndStartFromNoFiles() {
    vm.taskProperty().set("ramp");
    vm.providerProperty().set("ollama");
    vm.modelProperty().set("qwen3");

    assertThat(vm.needsDatasetProperty().get()).isFalse();
    assertThat(vm.request().inputFiles()).isEmpty();
  }
}
