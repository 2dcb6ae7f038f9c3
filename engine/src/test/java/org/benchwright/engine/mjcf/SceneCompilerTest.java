package org.benchwright.engine.mjcf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.benchwright.engine.sandbox.ExecResult;
import org.benchwright.engine.sandbox.SandboxException;
import org.benchwright.engine.sandbox.Termination;
import org.junit.jupiter.api.Test;

/** The compiler's handling of the sandbox, against a fake sandbox. */
class SceneCompilerTest {

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static ExecResult exit(int code, String stdout) {
    return new ExecResult(
        List.of(),
        code,
        bytes(stdout),
        new byte[0],
        false,
        false,
        Duration.ZERO,
        Termination.EXIT,
        false,
        null);
  }

  /** A sandbox that records what it was given and answers with {@code answer}. */
  private static final class Fake implements SceneCompiler.Sandbox {
    final Map<String, byte[]> written = new HashMap<>();
    final List<List<String>> commands = new ArrayList<>();
    Function<List<String>, ExecResult> answer;
    boolean closed;

    Fake(Function<List<String>, ExecResult> answer) {
      this.answer = answer;
    }

    @Override
    public void writeFiles(Map<String, byte[]> files) {
      written.putAll(files);
    }

    @Override
    public ExecResult exec(List<String> command, Duration timeout) {
      commands.add(command);
      return answer.apply(command);
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  private static final SceneFiles SCENE =
      SceneFiles.of(
          Map.of(
              "scene.xml",
              bytes(
                  "<mujoco><compiler meshdir='../meshes'/><asset><mesh file='a.stl'/></asset>"
                      + "<worldbody/></mujoco>"),
              "../meshes/a.stl",
              bytes("solid")));

  @Test
  void copiesTheSceneAndWhatItNamesRunsTheExporterAndKeepsTheSessionWarm() {
    Fake fake = new Fake(c -> exit(0, CompiledSceneTest.REPORT));
    AtomicInteger opened = new AtomicInteger();
    try (SceneCompiler compiler =
        new SceneCompiler(
            () -> {
              opened.incrementAndGet();
              return fake;
            },
            SceneCompiler.Limits.defaults())) {
      assertThat(compiler.compile("scene.xml", SCENE)).isInstanceOf(CompiledScene.Compiled.class);
      assertThat(compiler.compile("scene.xml", SCENE)).isInstanceOf(CompiledScene.Compiled.class);
    }
    assertThat(opened).hasValue(1);
    assertThat(fake.closed).isTrue();
    // "../meshes" climbs out of the scene's folder: the scene goes one synthetic folder down,
    // from the workspace's root (where a run's own /workspace/... paths resolve).
    assertThat(fake.written).containsOnlyKeys("u0/scene.xml", "meshes/a.stl");
    assertThat(fake.commands.get(0)).contains("u0/scene.xml");
    assertThat(fake.commands.get(0).get(2)).contains("mjcf-check --duration 0 --scene");
  }

  @Test
  void aDeadContainerIsReplacedOnceThenReported() {
    List<Fake> fakes = new ArrayList<>();
    SceneCompiler compiler =
        new SceneCompiler(
            () -> {
              Fake f =
                  new Fake(
                      c -> {
                        throw new SandboxException(
                            SandboxException.Kind.CONTAINER_FAILED, "the container died");
                      });
              fakes.add(f);
              return f;
            },
            SceneCompiler.Limits.defaults());
    assertThatThrownBy(() -> compiler.compile("scene.xml", SCENE))
        .isInstanceOfSatisfying(
            SceneCompiler.UnavailableException.class,
            e -> assertThat(e.reason()).isEqualTo(SceneCompiler.Reason.FAILED))
        .hasMessageContaining("the container died");
    assertThat(fakes).hasSize(2).allSatisfy(f -> assertThat(f.closed).isTrue());
  }

  @Test
  void noDockerEngineIsBelievedForAWhileThenAskedAgain() {
    AtomicInteger asked = new AtomicInteger();
    AtomicLong now = new AtomicLong();
    SceneCompiler compiler =
        new SceneCompiler(
            () -> {
              asked.incrementAndGet();
              throw new SandboxException(
                  SandboxException.Kind.ENGINE_UNREACHABLE, "No Docker engine answers.");
            },
            SceneCompiler.Limits.defaults(),
            now::get);
    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(() -> compiler.compile("scene.xml", SCENE))
          .isInstanceOfSatisfying(
              SceneCompiler.UnavailableException.class,
              e -> assertThat(e.reason()).isEqualTo(SceneCompiler.Reason.NO_ENGINE));
    }
    assertThat(asked).hasValue(1);
    now.addAndGet(Duration.ofSeconds(31).toNanos());
    assertThatThrownBy(() -> compiler.compile("scene.xml", SCENE));
    assertThat(asked).hasValue(2);
  }

  @Test
  void anOldImageAndGarbageOutputAreReportedNotThrownRaw() {
    SceneCompiler old =
        new SceneCompiler(() -> new Fake(c -> exit(2, "")), SceneCompiler.Limits.defaults());
    assertThatThrownBy(() -> old.compile("scene.xml", SCENE))
        .isInstanceOfSatisfying(
            SceneCompiler.UnavailableException.class,
            e -> assertThat(e.reason()).isEqualTo(SceneCompiler.Reason.OLD_IMAGE));
    SceneCompiler garbage =
        new SceneCompiler(
            () -> new Fake(c -> exit(0, "Segmentation fault {")), SceneCompiler.Limits.defaults());
    assertThatThrownBy(() -> garbage.compile("scene.xml", SCENE))
        .isInstanceOfSatisfying(
            SceneCompiler.UnavailableException.class,
            e -> assertThat(e.reason()).isEqualTo(SceneCompiler.Reason.FAILED))
        .hasMessageContaining("not valid JSON");
  }

  @Test
  void aSceneOverTheCapIsNotCopied() {
    Fake fake = new Fake(c -> exit(0, CompiledSceneTest.REPORT));
    SceneCompiler compiler =
        new SceneCompiler(
            () -> fake,
            new SceneCompiler.Limits(10, 100, Duration.ofSeconds(5), Duration.ofSeconds(30)));
    assertThatThrownBy(() -> compiler.compile("scene.xml", SCENE))
        .isInstanceOfSatisfying(
            SceneCompiler.UnavailableException.class,
            e -> assertThat(e.reason()).isEqualTo(SceneCompiler.Reason.TOO_LARGE))
        .hasMessageContaining("exceed");
    assertThat(fake.written).isEmpty();
  }

  @Test
  void aTimeoutIsReportedAndTheSessionReplaced() {
    Fake fake =
        new Fake(
            c ->
                new ExecResult(
                    List.of(),
                    null,
                    new byte[0],
                    new byte[0],
                    false,
                    false,
                    Duration.ZERO,
                    Termination.TIMEOUT,
                    true,
                    "timed out after 60 s"));
    SceneCompiler compiler = new SceneCompiler(() -> fake, SceneCompiler.Limits.defaults());
    assertThatThrownBy(() -> compiler.compile("scene.xml", SCENE))
        .hasMessageContaining("timed out after 60 s");
    assertThat(fake.closed).isTrue();
  }
}
