package org.benchwright.desktop.settings;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.benchwright.desktop.ui.DialogService;
import org.benchwright.desktop.ui.UiExecutor;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.settings.InvalidSettingException;
import org.benchwright.engine.settings.SettingSpec;
import org.benchwright.engine.settings.SettingsCatalog;
import org.benchwright.engine.workflow.Workflows;

/**
 * The Settings dialog's state: every setting of the catalog with the project's value, and one key
 * being edited. A value is checked by the catalog before anything is written; a rejected one shows
 * the catalog's message in {@link #errorProperty()} and leaves the project as it was. Reads and
 * writes run on the {@link UiExecutor}.
 */
public final class SettingsViewModel {

  /** One line of the settings table. {@code value} is empty when the default applies. */
  public record Row(
      String key, String value, String defaultText, String description, boolean pattern) {}

  private static final Set<String> WORKFLOW_PLACEHOLDERS = Set.of("workflow", "node");

  private final Project project;
  private final SettingsCatalog catalog;
  private final Supplier<Map<String, List<String>>> workflowNodes;
  private final UiExecutor executor;
  private final DialogService dialogs;

  private final ObservableList<Row> rows = FXCollections.observableArrayList();
  private final ObservableList<String> keyChoices = FXCollections.observableArrayList();
  private final StringProperty key = new SimpleStringProperty("");
  private final StringProperty value = new SimpleStringProperty("");
  private final ReadOnlyStringWrapper description = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper allowed = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper defaultText = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
  private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
  private Map<String, String> values = Map.of();

  /**
   * @param workflowNodes the known workflows and their nodes (read off the FX thread), so keys of
   *     per-workflow and per-node settings can be picked rather than typed
   */
  public SettingsViewModel(
      Project project,
      SettingsCatalog catalog,
      Supplier<Map<String, List<String>>> workflowNodes,
      UiExecutor executor,
      DialogService dialogs) {
    this.project = project;
    this.catalog = catalog;
    this.workflowNodes = workflowNodes;
    this.executor = executor;
    this.dialogs = dialogs;
    key.addListener((o, was, now) -> showKey(now));
  }

  /** Over a project with the standard catalog and the shipped workflows' nodes. */
  public static SettingsViewModel forProject(
      Project project, UiExecutor executor, DialogService dialogs) {
    return new SettingsViewModel(
        project, Workflows.settings(), KnownWorkflows::nodes, executor, dialogs);
  }

  public ObservableList<Row> rows() {
    return FXCollections.unmodifiableObservableList(rows);
  }

  /**
   * Keys to pick from: every fixed key, the per-workflow and per-node keys of the known workflows,
   * and the patterns whose names are not known here (a tool's), to fill in.
   */
  public ObservableList<String> keyChoices() {
    return FXCollections.unmodifiableObservableList(keyChoices);
  }

  /** The key being edited; a pattern from the table is filled in here. */
  public StringProperty keyProperty() {
    return key;
  }

  /** The value as the user types it (a word, a number, or JSON for tables). */
  public StringProperty valueProperty() {
    return value;
  }

  public ReadOnlyStringProperty descriptionProperty() {
    return description.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty allowedProperty() {
    return allowed.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty defaultTextProperty() {
    return defaultText.getReadOnlyProperty();
  }

  /** Why the last value was not saved; empty when there is nothing wrong. */
  public ReadOnlyStringProperty errorProperty() {
    return error.getReadOnlyProperty();
  }

  /** What the last save or reset did. */
  public ReadOnlyStringProperty statusProperty() {
    return status.getReadOnlyProperty();
  }

  /** True while a value is being written. */
  public ReadOnlyBooleanProperty busyProperty() {
    return busy.getReadOnlyProperty();
  }

  /** Reads the settings and the known workflows in the background. */
  public void load() {
    executor.execute(
        () -> new Loaded(catalog.list(project), choices(workflowNodes.get())),
        loaded -> {
          Map<String, String> byKey = new HashMap<>();
          List<Row> table = new ArrayList<>();
          for (SettingsCatalog.Entry e : loaded.entries()) {
            e.value().ifPresent(v -> byKey.put(e.key(), v));
            table.add(
                new Row(
                    e.key(),
                    e.value().orElse(""),
                    e.spec().defaultText(),
                    e.spec().description(),
                    e.isPattern()));
          }
          values = Map.copyOf(byKey);
          rows.setAll(table);
          keyChoices.setAll(loaded.choices());
        },
        e -> dialogs.showError("Cannot read the project's settings", e));
  }

  /** Edits the setting of a table row (a pattern row puts its pattern in the key to fill in). */
  public void select(Row row) {
    if (row != null) {
      key.set(row.key());
      showKey(row.key());
    }
  }

  /** Checks and stores the value; a rejected value is shown in the error and not written. */
  public void save() {
    String k = key.get() == null ? "" : key.get().strip();
    String typed = value.get() == null ? "" : value.get();
    error.set("");
    status.set("");
    busy.set(true);
    executor.execute(
        () -> catalog.set(project, k, typed),
        stored -> {
          busy.set(false);
          status.set("Saved " + k + ".");
          load();
          value.set(catalog.specOf(k).type().display(stored));
        },
        e -> failed("Cannot save " + k, e));
  }

  /** Removes the value of the key being edited, so its default applies again. */
  public void reset() {
    String k = key.get() == null ? "" : key.get().strip();
    error.set("");
    status.set("");
    busy.set(true);
    executor.execute(
        () -> catalog.unset(project, k),
        removed -> {
          busy.set(false);
          status.set(removed ? k + " is back to its default." : k + " was not set.");
          value.set("");
          load();
        },
        e -> failed("Cannot reset " + k, e));
  }

  private void failed(String header, Throwable e) {
    busy.set(false);
    if (e instanceof InvalidSettingException invalid) {
      error.set(invalid.getMessage());
    } else {
      error.set(header + ".");
      dialogs.showError(header, e);
    }
  }

  private void showKey(String k) {
    error.set("");
    Optional<SettingSpec> spec = catalog.find(k == null ? "" : k.strip());
    if (spec.isEmpty()) {
      description.set("Not a setting: pick one from the table or the list.");
      allowed.set("");
      defaultText.set("");
      return;
    }
    description.set(spec.get().description());
    allowed.set("Allowed: " + spec.get().type().allowed());
    defaultText.set(spec.get().defaultText());
    value.set(values.getOrDefault(k.strip(), ""));
  }

  private List<String> choices(Map<String, List<String>> nodes) {
    List<String> keys = new ArrayList<>();
    for (SettingSpec spec : catalog.specs()) {
      List<String> names = spec.placeholders();
      if (names.isEmpty()) {
        keys.add(spec.key());
      } else if (WORKFLOW_PLACEHOLDERS.containsAll(names)) {
        nodes.forEach(
            (workflow, nodeNames) -> {
              if (names.contains("node")) {
                nodeNames.forEach(
                    node -> keys.add(spec.expand(Map.of("workflow", workflow, "node", node))));
              } else {
                keys.add(spec.expand(Map.of("workflow", workflow)));
              }
            });
      } else {
        keys.add(spec.key());
      }
    }
    return keys;
  }

  private record Loaded(List<SettingsCatalog.Entry> entries, List<String> choices) {}
}
