package org.benchwright.desktop.main;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.geometry.Rectangle2D;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the main window opens, from the screens and the placement the last launch left. */
class WindowPlacementTest {

  // Usable areas (without a 40 px panel at the top): the laptop, and a monitor right of it.
  private static final Rectangle2D LAPTOP = new Rectangle2D(0, 40, 1600, 960);
  private static final Rectangle2D MONITOR = new Rectangle2D(1600, 0, 2560, 1440);

  @Test
  void aFirstLaunchFitsTheWindowToThePrimaryScreenCentred() {
    WindowPlacement p = WindowPlacement.place(List.of(LAPTOP, MONITOR), null);

    assertThat(p).isEqualTo(new WindowPlacement(80, 88, 1440, 864, false));
    assertThat(p.bounds()).matches(b -> LAPTOP.contains(b));
  }

  @Test
  void onABigScreenTheFirstWindowIsCappedAndCentred() {
    WindowPlacement p = WindowPlacement.place(List.of(new Rectangle2D(0, 0, 3840, 2100)), null);

    assertThat(p).isEqualTo(new WindowPlacement(960, 450, 1920, 1200, false));
  }

  @Test
  void onASmallScreenTheFirstWindowKeepsItsMinimumButNeverOverflows() {
    assertThat(WindowPlacement.place(List.of(new Rectangle2D(0, 0, 860, 560)), null))
        .isEqualTo(new WindowPlacement(30, 28, 800, 504, false));
    assertThat(WindowPlacement.place(List.of(new Rectangle2D(0, 0, 1024, 560)), null))
        .isEqualTo(new WindowPlacement(51, 28, 922, 504, false));
    assertThat(WindowPlacement.place(List.of(new Rectangle2D(0, 0, 700, 480)), null))
        .isEqualTo(new WindowPlacement(0, 0, 700, 480, false));
  }

  @Test
  void aRememberedPlacementOnAScreenIsUsedAsItWas() {
    WindowPlacement onMonitor = new WindowPlacement(1700, 100, 2000, 1200, false);
    WindowPlacement maximized = new WindowPlacement(20, 60, 1000, 700, true);

    assertThat(WindowPlacement.place(List.of(LAPTOP, MONITOR), onMonitor)).isEqualTo(onMonitor);
    assertThat(WindowPlacement.place(List.of(LAPTOP, MONITOR), maximized)).isEqualTo(maximized);
  }

  @Test
  void aRememberedPlacementHalfOffItsScreenIsMovedOnToIt() {
    // Dragged partly below the laptop's edge: still mostly there, so moved up onto it.
    WindowPlacement low = new WindowPlacement(300, 400, 1200, 800, false);

    assertThat(WindowPlacement.place(List.of(LAPTOP), low))
        .isEqualTo(new WindowPlacement(300, 200, 1200, 800, false));
    // Bigger than the screen it is on now (the resolution went down): shrunk to it.
    assertThat(
            WindowPlacement.place(List.of(LAPTOP), new WindowPlacement(0, 40, 2400, 1400, false)))
        .isEqualTo(new WindowPlacement(0, 40, 1600, 960, false));
  }

  @Test
  void aPlacementOnAScreenThatHasGoneFallsBackToTheFittedDefault() {
    WindowPlacement onMonitor = new WindowPlacement(1700, 100, 2000, 1200, false);
    WindowPlacement maximizedThere = new WindowPlacement(1700, 100, 2000, 1200, true);
    WindowPlacement mostlyOff = new WindowPlacement(1200, 100, 1000, 800, false);

    assertThat(WindowPlacement.place(List.of(LAPTOP), onMonitor))
        .isEqualTo(new WindowPlacement(80, 88, 1440, 864, false));
    assertThat(WindowPlacement.place(List.of(LAPTOP), maximizedThere))
        .isEqualTo(new WindowPlacement(80, 88, 1440, 864, true));
    assertThat(WindowPlacement.place(List.of(LAPTOP), mostlyOff))
        .isEqualTo(new WindowPlacement(80, 88, 1440, 864, false));
  }

  @Test
  void aDamagedOrTinyPlacementIsIgnored() {
    WindowPlacement fitted = WindowPlacement.place(List.of(LAPTOP), null);

    assertThat(
            WindowPlacement.place(
                List.of(LAPTOP), new WindowPlacement(Double.NaN, 0, 1000, 700, false)))
        .isEqualTo(fitted);
    assertThat(WindowPlacement.place(List.of(LAPTOP), new WindowPlacement(0, 40, 10, 10, false)))
        .isEqualTo(fitted);
  }

  @Test
  void theFileStoreRemembersAPlacementAndIgnoresADamagedFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("config").resolve("window.json");
    WindowPlacementStore store = WindowPlacementStore.file(file);
    assertThat(store.load()).isEmpty();

    WindowPlacement p = new WindowPlacement(1700.5, 100, 2000, 1200, true);
    store.save(p);

    assertThat(WindowPlacementStore.file(file).load()).contains(p);
    assertThat(Files.list(file.getParent())).containsExactly(file);
    Files.writeString(file, "{ not json");
    assertThat(WindowPlacementStore.file(file).load()).isEmpty();
    Files.writeString(file, "{\"x\": 1}");
    assertThat(WindowPlacementStore.file(file).load()).isEmpty();
  }

  @Test
  void theInMemoryStoreRemembersWithinOneInstanceOnly() {
    WindowPlacementStore store = WindowPlacementStore.inMemory();
    WindowPlacement p = new WindowPlacement(1, 2, 900, 600, false);

    store.save(p);

    assertThat(store.load()).contains(p);
    assertThat(WindowPlacementStore.inMemory().load()).isEmpty();
  }
}
