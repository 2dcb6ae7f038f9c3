package org.benchwright.engine.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.benchwright.engine.cli.BenchwrightCli;
import org.benchwright.engine.model.OpenAiStub;

/**
 * `benchwright run` of the benchmark generator in a child JVM against the stub, killed with SIGKILL
 * at a chosen line of its progress output: how the kill-and-resume tests make a run interrupted.
 */
public final class CliRunChild {

  private CliRunChild() {}

  /**
   * Runs {@code task} in {@code project} and kills the child at the first output line {@code
   * killAt} accepts (it sees every line in order, so it may count); fails if the child ends before
   * reaching {@code what}.
   */
  public static void runAndKill(
      Path project, String task, OpenAiStub stub, String what, Predicate<String> killAt)
      throws Exception {
    runAndKill(
        project, List.of("--workflow", "benchmark-generator", "--task", task), stub, what, killAt);
  }

  /** The same for any workflow: {@code runArgs} are the `run` options after --project. */
  public static void runAndKill(
      Path project, List<String> runArgs, OpenAiStub stub, String what, Predicate<String> killAt)
      throws Exception {
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd =
        new ArrayList<>(
            List.of(
                javaBin,
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                BenchwrightCli.class.getName(),
                "run",
                "--project",
                project.toString()));
    cmd.addAll(runArgs);
    cmd.addAll(List.of("--model", "openai-compatible:stub-model", "--base-url", stub.baseUrl()));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("OPENAI_COMPATIBLE_API_KEY", AgentHarness.PLANTED_KEY);
    pb.redirectError(ProcessBuilder.Redirect.DISCARD);
    Process child = pb.start();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      boolean reached = false;
      String line;
      while (!reached && (line = out.readLine()) != null) {
        reached = killAt.test(line);
      }
      assertThat(reached).as("the child reached %s", what).isTrue();
    } finally {
      child.destroyForcibly();
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("the killed child ended").isTrue();
    }
  }
}
