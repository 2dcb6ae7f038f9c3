package org.benchwright.desktop.live;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.benchwright.desktop.project.DesktopSettings;
import org.benchwright.engine.live.NewRunRequest;
import org.benchwright.engine.model.ModelConfig;
import org.benchwright.engine.preflight.RunPreflight;

/**
 * The new-run dialog's fields and their validation. {@link #problemProperty()} names the first
 * thing to fix (empty when the run can start); {@link #request()} builds the run from valid fields.
 */
public final class NewRunViewModel {

  public static final List<String> PROVIDERS =
      List.of("openai", "anthropic", "gemini", "ollama", "openai-compatible", "scripted");

  static final int MAX_TASK_CHARS = 20_000;

  /** The workflow that trains on a dataset of the project, named in its run's input file. */
  public static final String AUTOML = "automl";

  /** The run file an automl run reads its dataset's name from (the engine's AutoMlRun.INPUT). */
  static final String AUTOML_INPUT = "automl.json";

  private final List<WorkflowCatalog.Entry> workflows;
  private final ObjectProperty<WorkflowCatalog.Entry> workflow = new SimpleObjectProperty<>();
  private final StringProperty task = new SimpleStringProperty("");
  private final StringProperty provider = new SimpleStringProperty("openai");
  private final StringProperty model = new SimpleStringProperty("gpt-4o");
  private final StringProperty baseUrl = new SimpleStringProperty("");
  private final ObjectProperty<Path> script = new SimpleObjectProperty<>();
  private final BooleanProperty paused = new SimpleBooleanProperty(false);
  private final ObservableList<String> datasets = FXCollections.observableArrayList();
  private final StringProperty dataset = new SimpleStringProperty();
  private final javafx.beans.binding.BooleanBinding needsDataset;
  private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
  private final Function<ModelConfig, Optional<String>> modelCheck;

  public NewRunViewModel(List<WorkflowCatalog.Entry> workflows, DesktopSettings.SavedModel last) {
    this(workflows, last, config -> Optional.empty());
  }

  /**
   * @param modelCheck what keeps the chosen model from being called (e.g. {@link
   *     RunPreflight#modelProblem}: a missing API key); asked on each change, so it must be quick
   */
  public NewRunViewModel(
      List<WorkflowCatalog.Entry> workflows,
      DesktopSettings.SavedModel last,
      Function<ModelConfig, Optional<String>> modelCheck) {
    this.modelCheck = Objects.requireNonNull(modelCheck);
    this.workflows = List.copyOf(workflows);
    if (!workflows.isEmpty()) {
      workflow.set(workflows.getFirst());
    }
    if (last != null && PROVIDERS.contains(last.provider())) {
      provider.set(last.provider());
      model.set(last.model() == null ? "" : last.model());
      baseUrl.set(last.baseUrl() == null ? "" : last.baseUrl());
      script.set(last.script() == null ? null : Path.of(last.script()));
    }
    needsDataset =
        Bindings.createBooleanBinding(
            () -> workflow.get() != null && AUTOML.equals(workflow.get().name()), workflow);
    Observable[] deps = {workflow, task, provider, model, baseUrl, script, dataset, datasets};
    problem.bind(Bindings.createStringBinding(() -> findProblem().orElse(""), deps));
  }

  public List<WorkflowCatalog.Entry> workflows() {
    return workflows;
  }

  public ObjectProperty<WorkflowCatalog.Entry> workflowProperty() {
    return workflow;
  }

  public StringProperty taskProperty() {
    return task;
  }

  public StringProperty providerProperty() {
    return provider;
  }

  public StringProperty modelProperty() {
    return model;
  }

  /** The endpoint for ollama / openai-compatible; blank for the provider's default. */
  public StringProperty baseUrlProperty() {
    return baseUrl;
  }

  /** The turns file of the scripted provider. */
  public ObjectProperty<Path> scriptProperty() {
    return script;
  }

  public BooleanProperty pausedProperty() {
    return paused;
  }

  /** True when the chosen workflow trains on a dataset (the dialog shows the Dataset field). */
  public javafx.beans.binding.BooleanExpression needsDatasetProperty() {
    return needsDataset;
  }

  /** The project's datasets by name, as {@link #setDatasets} gave them. */
  public ObservableList<String> datasets() {
    return FXCollections.unmodifiableObservableList(datasets);
  }

  /** The dataset an automl run trains on. */
  public StringProperty datasetProperty() {
    return dataset;
  }

  /** The project's datasets (read off the FX thread); the first is chosen if none is. */
  public void setDatasets(List<String> names) {
    datasets.setAll(names);
    if (dataset.get() == null || !names.contains(dataset.get())) {
      dataset.set(names.isEmpty() ? null : names.getFirst());
    }
  }

  /** What to fix before the run can start; empty when nothing. */
  public ReadOnlyStringProperty problemProperty() {
    return problem.getReadOnlyProperty();
  }

  public boolean isValid() {
    return problem.get().isEmpty();
  }

  /** The run to start; only when {@link #isValid()}. */
  public NewRunRequest request() {
    Optional<String> p = findProblem();
    if (p.isPresent()) {
      throw new IllegalStateException(p.get());
    }
    return new NewRunRequest(
        workflow.get().name(),
        task.get().strip(),
        config(),
        scriptFile(),
        paused.get(),
        inputFiles());
  }

  /** What the run starts from: for automl, {@code {"dataset": NAME}} as the CLI writes it. */
  private Map<String, byte[]> inputFiles() {
    if (!needsDataset.get()) {
      return Map.of();
    }
    String json =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .createObjectNode()
            .put("dataset", dataset.get())
            .toString();
    return Map.of(AUTOML_INPUT, json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private Path scriptFile() {
    return provider.get().equals("scripted") ? script.get().toAbsolutePath().normalize() : null;
  }

  private ModelConfig config() {
    String prov = provider.get();
    boolean scripted = prov.equals("scripted");
    Path file = scriptFile();
    String name = model.get().strip();
    String url =
        scripted ? file.toUri().toString() : baseUrl.get().isBlank() ? null : baseUrl.get().strip();
    ModelConfig config =
        new ModelConfig(
            prov,
            name.isEmpty() && scripted ? "scripted" : name,
            url,
            null,
            null,
            ModelConfig.DEFAULT_TIMEOUT,
            ModelConfig.DEFAULT_MAX_RETRIES);
    return config;
  }

  /** The model choice to remember for the next dialog. */
  public DesktopSettings.SavedModel toSaved() {
    return new DesktopSettings.SavedModel(
        provider.get(),
        model.get().strip(),
        baseUrl.get().isBlank() ? null : baseUrl.get().strip(),
        script.get() == null ? null : script.get().toString());
  }

  private Optional<String> findProblem() {
    if (workflow.get() == null) {
      return Optional.of("Choose a workflow.");
    }
    if (needsDataset.get()) {
      if (datasets.isEmpty()) {
        return Optional.of(
            "The automl workflow trains on a dataset of the project; add one with File ▸ Add"
                + " Dataset….");
      }
      if (dataset.get() == null || !datasets.contains(dataset.get())) {
        return Optional.of("Choose the dataset to train on.");
      }
    }
    String t = task.get() == null ? "" : task.get().strip();
    if (t.isEmpty()) {
      return Optional.of("Describe the task for the agents.");
    }
    if (t.length() > MAX_TASK_CHARS) {
      return Optional.of(
          "The task is "
              + t.length()
              + " characters; keep it under "
              + MAX_TASK_CHARS
              + " (put long material in a file the agents can read).");
    }
    String prov = provider.get();
    if (prov == null || !PROVIDERS.contains(prov)) {
      return Optional.of("Choose a model provider.");
    }
    if (prov.equals("scripted")) {
      Path s = script.get();
      if (s == null) {
        return Optional.of("Choose the script file the scripted model answers from.");
      }
      if (!Files.isRegularFile(s)) {
        return Optional.of("The script file " + s + " does not exist.");
      }
      return Optional.empty();
    }
    if (model.get() == null || model.get().isBlank()) {
      return Optional.of("Enter the model name, e.g. gpt-4o.");
    }
    String url = baseUrl.get() == null ? "" : baseUrl.get().strip();
    if (prov.equals("openai-compatible") && url.isEmpty()) {
      return Optional.of(
          "An OpenAI-compatible server needs its base URL, e.g. http://localhost:8000/v1.");
    }
    if (!url.isEmpty()) {
      try {
        URI u = new URI(url);
        if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme()))
            || u.getHost() == null) {
          return Optional.of("The base URL must look like http://host:port/v1, not " + url + ".");
        }
      } catch (java.net.URISyntaxException e) {
        return Optional.of("The base URL is not a URL: " + e.getReason() + ".");
      }
    }
    return modelCheck.apply(config());
  }
}
