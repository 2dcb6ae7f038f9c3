package org.benchwright.desktop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class LaunchOptionsTest {

  @Test
  void noArgumentsOpensWhatTheSettingsSay() throws Exception {
    assertThat(LaunchOptions.parse(List.of())).isEqualTo(new LaunchOptions(false, null));
  }

  @Test
  void aFileArgumentIsTheProjectToOpenAsAnAbsolutePath() throws Exception {
    LaunchOptions o = LaunchOptions.parse(List.of("some/dir/../p.bwproj"));

    assertThat(o.smoke()).isFalse();
    assertThat(o.project()).isEqualTo(Path.of("some/p.bwproj").toAbsolutePath());
  }

  @Test
  void smokeIsTheSelfTest() throws Exception {
    assertThat(LaunchOptions.parse(List.of("--smoke"))).isEqualTo(new LaunchOptions(true, null));
  }

  @Test
  void helpAndVersionExitZeroWithTheirText() {
    assertThatThrownBy(() -> LaunchOptions.parse(List.of("--help")))
        .isInstanceOfSatisfying(
            LaunchOptions.UsageException.class, e -> assertThat(e.exitCode()).isZero())
        .hasMessageContaining("Usage: Benchwright [--smoke] [PROJECT.bwproj]");
    assertThatThrownBy(() -> LaunchOptions.parse(List.of("--version")))
        .isInstanceOfSatisfying(
            LaunchOptions.UsageException.class, e -> assertThat(e.exitCode()).isZero())
        .hasMessageStartingWith("Benchwright ");
  }

  @Test
  void anUnknownOptionExitsTwoEvenWithHelp() {
    assertThatThrownBy(() -> LaunchOptions.parse(List.of("--help", "--fast")))
        .isInstanceOfSatisfying(
            LaunchOptions.UsageException.class, e -> assertThat(e.exitCode()).isEqualTo(2))
        .hasMessageStartingWith("Unknown option '--fast'.");
  }

  @Test
  void twoProjectsAreRefused() {
    assertThatThrownBy(() -> LaunchOptions.parse(List.of("a.bwproj", "b.bwproj")))
        .isInstanceOfSatisfying(
            LaunchOptions.UsageException.class, e -> assertThat(e.exitCode()).isEqualTo(2))
        .hasMessageContaining("Only one project can be opened");
  }

  @Test
  void smokeWithAProjectChecksThatProjectInsteadOfTheDemo() throws Exception {
    // What a double-click runs, with the self-test flag: the installer test opens a copied project.
    LaunchOptions o = LaunchOptions.parse(List.of("--smoke", "x.bwproj"));

    assertThat(o.smoke()).isTrue();
    assertThat(o.demoWanted()).isFalse();
    assertThat(o.project()).isEqualTo(Path.of("x.bwproj").toAbsolutePath());
    assertThat(LaunchOptions.parse(List.of("--smoke")).demoWanted()).isTrue();
  }
}
