package org.benchwright.desktop.health;

import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.util.Duration;

/**
 * The two health items for the status bar: an icon and a few words each; the tooltip says what to
 * do when something is missing; a click checks again.
 */
public final class HealthView {

  private final HBox root;

  public HealthView(HealthViewModel viewModel) {
    Label docker = item("health-docker", viewModel.docker());
    Label model = item("health-model", viewModel.model());
    docker.setOnMouseClicked(e -> viewModel.refreshDocker());
    model.setOnMouseClicked(e -> viewModel.refreshModel());
    root = new HBox(12, docker, model);
    root.setPadding(new javafx.geometry.Insets(0, 12, 0, 0));
    root.getStylesheets().add(HealthView.class.getResource("health.css").toExternalForm());
  }

  public Node node() {
    return root;
  }

  private static Label item(String id, HealthViewModel.Item item) {
    Label label = new Label();
    label.setId(id);
    label.getStyleClass().add("health-item");
    // The project path on the left may shorten; what is missing must stay readable.
    label.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
    label.textProperty().bind(item.textProperty());
    Label icon = new Label();
    icon.getStyleClass().add("health-icon");
    label.setGraphic(icon);
    Tooltip tip = new Tooltip();
    tip.setWrapText(true);
    tip.setMaxWidth(480);
    tip.setShowDelay(Duration.millis(200));
    tip.setShowDuration(Duration.INDEFINITE);
    tip.textProperty().bind(item.adviceProperty().concat("\n\n(Click to check again.)"));
    label.setTooltip(tip);
    item.levelProperty()
        .subscribe(
            level -> {
              label.getStyleClass().removeIf(c -> c.startsWith("health-level-"));
              label.getStyleClass().add("health-level-" + level.name().toLowerCase());
              icon.setText(
                  switch (level) {
                    case CHECKING -> "…";
                    case OK -> "●";
                    case WARNING -> "▲";
                    case ERROR -> "■";
                  });
            });
    return label;
  }
}
