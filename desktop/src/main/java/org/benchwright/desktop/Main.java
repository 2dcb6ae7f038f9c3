package org.benchwright.desktop;

import javafx.application.Application;

/**
 * Starts the workbench. Kept apart from {@link BenchwrightApp} because a main class that extends
 * {@code Application} refuses to start when JavaFX is on the classpath rather than the module path.
 */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    Application.launch(BenchwrightApp.class, args);
  }
}
