package org.benchwright.desktop.project;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DesktopSettingsTest {

  @TempDir Path dir;

  @Test
  void anOpenedProjectGoesFirstOnceAndBecomesTheLastProject() {
    DesktopSettings s =
        DesktopSettings.empty()
            .opened(dir.resolve("a.bwproj"))
            .opened(dir.resolve("b.bwproj"))
            .opened(dir.resolve("a.bwproj"));

    assertThat(s.recent()).containsExactly(dir.resolve("a.bwproj"), dir.resolve("b.bwproj"));
    assertThat(s.lastProject()).isEqualTo(dir.resolve("a.bwproj"));
    assertThat(s.isFirstLaunch()).isFalse();
  }

  @Test
  void theRecentListKeepsTheTenNewest() {
    DesktopSettings s = DesktopSettings.empty();
    for (int i = 0; i < 12; i++) {
      s = s.opened(dir.resolve("p" + i + ".bwproj"));
    }

    assertThat(s.recent()).hasSize(DesktopSettings.MAX_RECENT);
    assertThat(s.recent().getFirst()).isEqualTo(dir.resolve("p11.bwproj"));
    assertThat(s.recent()).doesNotContain(dir.resolve("p0.bwproj"), dir.resolve("p1.bwproj"));
  }

  @Test
  void forgettingAFileRemovesItFromTheListAndAsLastProject() {
    DesktopSettings s =
        DesktopSettings.empty().opened(dir.resolve("a.bwproj")).opened(dir.resolve("b.bwproj"));

    DesktopSettings forgot = s.forget(dir.resolve("b.bwproj"));

    assertThat(forgot.recent()).containsExactly(dir.resolve("a.bwproj"));
    assertThat(forgot.lastProject()).isNull();
  }

  @Test
  void closingTheProjectKeepsTheListButReopensNothing() {
    DesktopSettings s = DesktopSettings.empty().opened(dir.resolve("a.bwproj")).closed();

    assertThat(s.lastProject()).isNull();
    assertThat(s.recent()).hasSize(1);
    assertThat(s.isFirstLaunch()).isFalse();
  }

  @Test
  void settingsSurviveASaveAndLoadWithTheModelButNoKey() {
    Path file = dir.resolve("config/desktop.json");
    DesktopSettings s =
        DesktopSettings.empty()
            .opened(dir.resolve("a.bwproj"))
            .withModel(
                new DesktopSettings.SavedModel(
                    "openai-compatible", "qwen", "http://localhost:8000/v1", null));

    s.save(file);
    DesktopSettings.Loaded loaded = DesktopSettings.load(file);

    assertThat(loaded.warning()).isEmpty();
    assertThat(loaded.settings()).isEqualTo(s);
  }

  @Test
  void aMissingFileIsTheFirstLaunch() {
    DesktopSettings.Loaded loaded = DesktopSettings.load(dir.resolve("nothing.json"));

    assertThat(loaded.settings().isFirstLaunch()).isTrue();
    assertThat(loaded.warning()).isEmpty();
  }

  @Test
  void aBrokenFileIsKeptAsideWithAMessageAndStartsWithDefaults() throws Exception {
    Path file = dir.resolve("desktop.json");
    Files.writeString(file, "{\"recent\": [\"/a.bwproj\", ");

    DesktopSettings.Loaded loaded = DesktopSettings.load(file);

    assertThat(loaded.settings().isFirstLaunch()).isTrue();
    assertThat(loaded.warning()).get().asString().contains(file.toString()).contains("kept as");
    try (Stream<Path> files = Files.list(dir)) {
      Path aside =
          files
              .filter(p -> p.getFileName().toString().startsWith("desktop.json.broken-"))
              .findFirst()
              .orElseThrow();
      assertThat(Files.readString(aside)).isEqualTo("{\"recent\": [\"/a.bwproj\", ");
    }
  }

  @Test
  void aFileWithTheWrongShapeIsSetAsideToo() throws Exception {
    Path file = dir.resolve("desktop.json");
    Files.writeString(file, "{\"recent\": [1, 2]}");

    DesktopSettings.Loaded loaded = DesktopSettings.load(file);

    assertThat(loaded.warning()).get().asString().contains("non-path");
    assertThat(file).doesNotExist();
  }
}
