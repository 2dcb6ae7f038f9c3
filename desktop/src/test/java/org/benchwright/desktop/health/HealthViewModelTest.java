package org.benchwright.desktop.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.benchwright.desktop.health.HealthViewModel.Level;
import org.benchwright.desktop.ui.CurrentThreadUiExecutor;
import org.benchwright.engine.model.ApiKeys;
import org.benchwright.engine.model.ModelConfig;
import org.benchwright.engine.model.ProviderHealth;
import org.benchwright.engine.sandbox.DockerHealth;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HealthViewModelTest {

  @TempDir Path dir;

  private final AtomicReference<DockerHealth> docker = new AtomicReference<>();
  private final AtomicReference<ProviderHealth> model = new AtomicReference<>();
  private final HealthViewModel vm =
      new HealthViewModel(new CurrentThreadUiExecutor(), docker::get, model::get);

  @Test
  void startsAsChecking() {
    assertThat(vm.docker().levelProperty().get()).isEqualTo(Level.CHECKING);
    assertThat(vm.model().textProperty().get()).isEqualTo("Model: checking…");
  }

  @Test
  void dockerReadyIsGreenWithItsVersion() {
    docker.set(
        new DockerHealth(
            DockerHealth.State.READY,
            "Docker 27.1",
            "Docker 27.1 answers at unix:///var/run/docker.sock; benchwright/cad-sim:latest is present."));
    model.set(ProviderHealth.check(keys(Map.of()), ModelConfig.of("scripted", "s")));

    vm.refresh();

    assertThat(vm.docker().levelProperty().get()).isEqualTo(Level.OK);
    assertThat(vm.docker().textProperty().get()).isEqualTo("Docker 27.1");
    assertThat(vm.docker().adviceProperty().get()).contains("is present");
  }

  @Test
  void dockerNotRunningIsRedAndSaysHowToStartIt() {
    docker.set(
        new DockerHealth(
            DockerHealth.State.ENGINE_UNREACHABLE,
            "Docker: not running",
            "No Docker engine answers at unix:///var/run/docker.sock. Start it (for example `sudo systemctl start docker`)."));

    vm.refreshDocker();

    assertThat(vm.docker().levelProperty().get()).isEqualTo(Level.ERROR);
    assertThat(vm.docker().textProperty().get()).isEqualTo("Docker: not running");
    assertThat(vm.docker().adviceProperty().get())
        .contains("systemctl start docker")
        .contains("recorded runs still open");
  }

  @Test
  void aMissingImageIsRedAndNamesTheBuildScript() {
    docker.set(
        new DockerHealth(
            DockerHealth.State.IMAGE_MISSING,
            "Docker: image missing",
            "The sandbox image benchwright/cad-sim:latest is not on this Docker engine. Build it with `sandbox-images/build.sh`."));

    vm.refreshDocker();

    assertThat(vm.docker().levelProperty().get()).isEqualTo(Level.ERROR);
    assertThat(vm.docker().adviceProperty().get()).contains("sandbox-images/build.sh");
  }

  @Test
  void aMissingKeyIsAWarningThatNamesTheVariableAndTheKeyFile() {
    model.set(ProviderHealth.check(keys(Map.of()), ModelConfig.of("openai", "gpt-4o")));

    vm.refreshModel();

    assertThat(vm.model().levelProperty().get()).isEqualTo(Level.WARNING);
    assertThat(vm.model().textProperty().get()).isEqualTo("OpenAI: no API key");
    assertThat(vm.model().adviceProperty().get())
        .contains("Set OPENAI_API_KEY")
        .contains("openai=YOUR_KEY")
        .contains("scripted");
  }

  @Test
  void aKeyPresentIsGreenAndNeverShown() {
    String key = "sk-health-test-123456";
    model.set(
        ProviderHealth.check(
            keys(Map.of("ANTHROPIC_API_KEY", key)),
            ModelConfig.of("anthropic", "claude-sonnet-4-5")));

    vm.refreshModel();

    assertThat(vm.model().levelProperty().get()).isEqualTo(Level.OK);
    assertThat(vm.model().textProperty().get()).isEqualTo("Anthropic: key set");
    assertThat(vm.model().textProperty().get() + vm.model().adviceProperty().get())
        .doesNotContain(key);
  }

  @Test
  void anUnreachableEndpointIsAWarningThatSaysWhereAndWhatToStart() {
    model.set(
        new ProviderHealth(
            ProviderHealth.State.UNREACHABLE,
            "Ollama: not reachable",
            "Nothing answers at http://localhost:11434 (ConnectException). Start the server (`ollama serve`)."));

    vm.refreshModel();

    assertThat(vm.model().levelProperty().get()).isEqualTo(Level.WARNING);
    assertThat(vm.model().adviceProperty().get()).contains("ollama serve");
  }

  @Test
  void aMisconfiguredProviderIsRed() {
    model.set(ProviderHealth.check(keys(Map.of()), ModelConfig.of("nonsense", "x")));

    vm.refreshModel();

    assertThat(vm.model().levelProperty().get()).isEqualTo(Level.ERROR);
    assertThat(vm.model().textProperty().get()).isEqualTo("Unknown provider nonsense");
  }

  @Test
  void theScriptedProviderIsFineOffline() {
    model.set(ProviderHealth.check(keys(Map.of()), ModelConfig.of("scripted", "scripted")));

    vm.refreshModel();

    assertThat(vm.model().levelProperty().get()).isEqualTo(Level.OK);
    assertThat(vm.model().textProperty().get()).isEqualTo("scripted: offline");
  }

  @Test
  void aCheckThatThrowsIsShownAsFailedNotSwallowed() {
    HealthViewModel failing =
        new HealthViewModel(
            new CurrentThreadUiExecutor(),
            () -> {
              throw new IllegalStateException("docker-java exploded");
            },
            model::get);

    failing.refreshDocker();

    assertThat(failing.docker().levelProperty().get()).isEqualTo(Level.ERROR);
    assertThat(failing.docker().textProperty().get()).isEqualTo("Docker: check failed");
    assertThat(failing.docker().adviceProperty().get()).contains("docker-java exploded");
  }

  private ApiKeys keys(Map<String, String> env) {
    return ApiKeys.of(env, dir.resolve("no-keys.properties"));
  }
}
