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

  private static final Path GIVEN = Path.of("/home/u/double-clicked.bwproj");

  @Test
  void aProjectGivenOnTheCommandLineWinsOverTheLastOne() {
    DesktopSettings s = DesktopSettings.empty().opened(MINE);

    assertThat(StartupDecision.decide(s, DEMO, p -> true, GIVEN, false))
        .isEqualTo(new StartupDecision.OpenGiven(GIVEN));
    // On a first launch too: a double-click on a project opens that project, not the demo.
    assertThat(StartupDecision.decide(DesktopSettings.empty(), DEMO, p -> true, GIVEN, false))
        .isEqualTo(new StartupDecision.OpenGiven(GIVEN));
  }

  @Test
  void aMissingProjectGivenOnTheCommandLineOpensNothingAndSaysWhy() {
    StartupDecision d =
        StartupDecision.decide(
            DesktopSettings.empty().opened(MINE), DEMO, MINE::equals, GIVEN, false);

    assertThat(d).isInstanceOf(StartupDecision.OpenNothing.class);
    assertThat(((StartupDecision.OpenNothing) d).message())
        .contains(GIVEN.toString())
        .contains("does not exist");
  }

  @Test
  void theSmokeTestOpensTheDemoWhateverTheSettingsSay() {
    assertThat(
            StartupDecision.decide(
                DesktopSettings.empty().opened(MINE), DEMO, p -> true, null, true))
        .isEqualTo(new StartupDecision.OpenDemo(DEMO));
  }
}
