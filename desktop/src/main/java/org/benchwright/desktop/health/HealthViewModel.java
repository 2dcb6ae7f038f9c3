package org.benchwright.desktop.health;

import java.util.Objects;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.benchwright.desktop.ui.UiExecutor;
import org.benchwright.engine.model.ProviderHealth;
import org.benchwright.engine.sandbox.DockerHealth;

/**
 * The status bar's health items: is the Docker engine there with the sandbox image, and can the
 * configured model provider be used. Both are checked off the FX thread, at start and whenever the
 * user asks; each says what to do when something is missing.
 */
public final class HealthViewModel {

  /** How an item looks: a colour and an icon. */
  public enum Level {
    CHECKING,
    OK,
    WARNING,
    ERROR
  }

  private final UiExecutor executor;
  private final Supplier<DockerHealth> docker;
  private final Supplier<ProviderHealth> model;

  private final Item dockerItem = new Item("Docker: checking…");
  private final Item modelItem = new Item("Model: checking…");

  /**
   * @param docker e.g. {@code DockerHealth::check}
   * @param model checks the configured model, e.g. {@code () -> ProviderHealth.check(keys, config)}
   */
  public HealthViewModel(
      UiExecutor executor, Supplier<DockerHealth> docker, Supplier<ProviderHealth> model) {
    this.executor = Objects.requireNonNull(executor);
    this.docker = Objects.requireNonNull(docker);
    this.model = Objects.requireNonNull(model);
  }

  public Item docker() {
    return dockerItem;
  }

  public Item model() {
    return modelItem;
  }

  /** Checks both again (each on its own: a slow Docker does not hold up the model's answer). */
  public void refresh() {
    refreshDocker();
    refreshModel();
  }

  public void refreshDocker() {
    dockerItem.checking("Docker: checking…");
    executor.execute(docker::get, this::show, e -> dockerItem.failed("Docker", e));
  }

  public void refreshModel() {
    modelItem.checking("Model: checking…");
    executor.execute(model::get, this::show, e -> modelItem.failed("Model", e));
  }

  void show(DockerHealth h) {
    Level level =
        switch (h.state()) {
          case READY -> Level.OK;
          // Recorded runs still open and replay; only new runs that execute code need Docker.
          case IMAGE_MISSING, ENGINE_UNREACHABLE -> Level.ERROR;
        };
    String whatFor =
        h.ready() ? "" : "\n\nWithout it, recorded runs still open; new runs cannot execute code.";
    dockerItem.set(level, h.summary(), h.advice() + whatFor);
  }

  void show(ProviderHealth h) {
    Level level =
        switch (h.state()) {
          case READY, OFFLINE -> Level.OK;
          case KEY_MISSING, UNREACHABLE -> Level.WARNING;
          case MISCONFIGURED -> Level.ERROR;
        };
    modelItem.set(level, h.summary(), h.advice());
  }

  /** One status bar item: level, a short text, and advice for its tooltip. */
  public static final class Item {
    private final ReadOnlyObjectWrapper<Level> level = new ReadOnlyObjectWrapper<>(Level.CHECKING);
    private final ReadOnlyStringWrapper text;
    private final ReadOnlyStringWrapper advice = new ReadOnlyStringWrapper("Checking…");

    Item(String initial) {
      text = new ReadOnlyStringWrapper(initial);
    }

    public ReadOnlyObjectProperty<Level> levelProperty() {
      return level.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty textProperty() {
      return text.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty adviceProperty() {
      return advice.getReadOnlyProperty();
    }

    void checking(String what) {
      level.set(Level.CHECKING);
      text.set(what);
      advice.set("Checking…");
    }

    void set(Level l, String t, String a) {
      level.set(l);
      text.set(t);
      advice.set(a);
    }

    void failed(String what, Throwable e) {
      set(
          Level.ERROR,
          what + ": check failed",
          "The check itself failed: " + e.getMessage() + "\nClick to check again.");
    }
  }
}
