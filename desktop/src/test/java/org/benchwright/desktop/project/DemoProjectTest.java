package org.benchwright.desktop.project;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.benchwright.engine.project.EventType;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.project.RecordedEvent;
import org.benchwright.engine.project.RunInfo;
import org.benchwright.engine.project.RunStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoProjectTest {

  @TempDir Path dir;

  @Test
  void theShippedRunsBecomeAProjectWithASucceededAndAFailedRun() {
    Path demo = DemoProject.ensure(dir.resolve("data/demo.bwproj"));

    try (Project p = Project.openReadOnly(demo)) {
      List<RunInfo> runs = p.runs().list();
      assertThat(runs).extracting(RunInfo::status).contains(RunStatus.SUCCEEDED, RunStatus.FAILED);
      RunInfo ok =
          runs.stream()
              .filter(r -> r.workflow().equals("benchmark-generator"))
              .filter(r -> r.status() == RunStatus.SUCCEEDED)
              .findFirst()
              .orElseThrow();
      List<RecordedEvent> events = p.events().events(ok.id(), 1, 10_000);
      assertThat(events)
          .extracting(RecordedEvent::type)
          .contains(
              EventType.FILE_CHANGE,
              EventType.SANDBOX_EXEC,
              EventType.VALIDATION_VERDICT,
              EventType.TODO_CHANGE,
              EventType.OUTCOME);
      assertThat(p.plans().latest(ok.id())).isPresent();
      assertThat(p.files().filesAt(ok.id(), p.events().lastSeq(ok.id()))).isNotEmpty();
      assertThat(ok.inputTokens()).isPositive();
      assertThat(ok.costUsd()).isPositive();
    }
  }

  @Test
  void theShippedEngineerRunHasAPlanPartsMeshesAnAssemblyAndItsVerdicts() {
    Path demo = DemoProject.ensure(dir.resolve("data/demo.bwproj"));

    try (Project p = Project.openReadOnly(demo)) {
      RunInfo engineer =
          p.runs().list().stream()
              .filter(r -> r.workflow().equals("engineer"))
              .findFirst()
              .orElseThrow();
      assertThat(engineer.status()).isEqualTo(RunStatus.SUCCEEDED);
      long last = p.events().lastSeq(engineer.id());
      assertThat(p.files().filesAt(engineer.id(), last))
          .containsKeys(
              "solution/ramp.scad",
              "solution/ramp.stl",
              "solution/assembly.xml",
              "benchmark/with-solution.xml");
      assertThat(p.plans().latest(engineer.id()).orElseThrow().items())
          .hasSize(2)
          .allMatch(i -> i.status().equals("done"));
      List<String> verdicts =
          p.events().events(engineer.id(), 1, 10_000).stream()
              .filter(e -> e.type() == EventType.VALIDATION_VERDICT)
              .map(RecordedEvent::payloadJson)
              .toList();
      assertThat(verdicts)
          .anySatisfy(v -> assertThat(v).contains("validate_and_price").contains("over the cap"))
          .anySatisfy(v -> assertThat(v).contains("outside the build zone"))
          .anySatisfy(v -> assertThat(v).contains("\"passed\":true").contains("5 of 5 variants"));
      assertThat(engineer.costUsd()).isPositive();
    }
  }

  @Test
  void anExistingDemoIsOpenedAsItIsNotRebuilt() throws Exception {
    Path demo = DemoProject.ensure(dir.resolve("demo.bwproj"));
    long size = Files.size(demo);
    var modified = Files.getLastModifiedTime(demo);

    assertThat(DemoProject.ensure(demo)).isEqualTo(demo);
    assertThat(Files.size(demo)).isEqualTo(size);
    assertThat(Files.getLastModifiedTime(demo)).isEqualTo(modified);
  }

  @Test
  void noScratchFilesAreLeftBeside() throws Exception {
    DemoProject.ensure(dir.resolve("demo.bwproj"));

    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(f -> f.getFileName().toString())).noneMatch(n -> n.startsWith(".demo-"));
    }
  }

  @Test
  void theShippedBundleStaysSmall() throws Exception {
    try (var in = DemoProject.class.getResourceAsStream(DemoProject.BUNDLE_RESOURCE)) {
      assertThat(in.readAllBytes().length).isBetween(1_000, 1_500_000);
    }
  }
}
