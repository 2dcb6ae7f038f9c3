package org.benchwright.desktop.ui;

import javafx.scene.Scene;

/** Work that waits for a scene's next laid-out frame, once (start-up defers to it; ADR 0036). */
public final class FirstFrame {

  private FirstFrame() {}

  /** Runs {@code action} on the FX thread right after the scene's next layout pulse, once. */
  public static void after(Scene scene, Runnable action) {
    Runnable[] once = new Runnable[1];
    once[0] =
        () -> {
          scene.removePostLayoutPulseListener(once[0]);
          action.run();
        };
    scene.addPostLayoutPulseListener(once[0]);
  }
}
