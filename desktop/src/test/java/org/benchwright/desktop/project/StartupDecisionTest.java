package org.benchwright.desktop.project;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class StartupDecisionTest {

  private static final Path DEMO = Path.of("/data/benchwright/demo.bwproj");
  private static final Path MINE = Path.of("/home/u/mine.bwproj");

  @Test
  void nothingConfiguredOpensTheDemo() {
    assertThat(StartupDecision.decide(DesktopSettings.empty(), DEMO, p -> false))
        .isEqualTo(new StartupDecision.OpenDemo(DEMO));
  }

  @Test
  void theLastProjectIsReopenedWhenItStillExists() {
    DesktopSettings s = DesktopSettings.empty().opened(MINE);

    assertThat(StartupDecision.decide(s, DEMO, MINE::equals))
        .isEqualTo(new StartupDecision.OpenLast(MINE));
  }

  @Test
  void aVanishedLastProjectOpensNothingAndSaysWhy() {
    DesktopSettings s = DesktopSettings.empty().opened(MINE);

    StartupDecision d = StartupDecision.decide(s, DEMO, p -> false);

    assertThat(d).isInstanceOf(StartupDecision.OpenNothing.class);
    assertThat(((StartupDecision.OpenNothing) d).message())
        .contains(MINE.toString())
        .contains("moved or deleted");
  }

  @Test
  void aUserWhoClosedTheirProjectGetsNeitherItNorTheDemo() {
    DesktopSettings s = DesktopSettings.empty().opened(MINE).closed();

    assertThat(StartupDecision.decide(s, DEMO, p -> true))
        .isEqualTo(new StartupDecision.OpenNothing(null));
  }
}
