package org.benchwright.engine.api.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.benchwright.engine.agent.AgentHarness.args;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.benchwright.engine.agent.ConversationScript;
import org.benchwright.engine.api.ApiFixture;
import org.benchwright.engine.api.ApiSeeds;
import org.benchwright.engine.api.Contract;
import org.benchwright.testsupport.DockerRequired;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract fuzzer over a real service (issue 19): every operation of the document, valid and
 * broken requests in stateful sequences, every answer checked. {@code -Dfuzz.seed=N} repeats a run;
 * {@code -Dfuzz.seconds} and {@code -Dfuzz.requests} bound it. The report goes to {@code
 * target/fuzz-report.txt}.
 */
@ExtendWith(DockerRequired.class)
class ApiFuzzIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void everyOperationKeepsTheContractUnderGeneratedRequestSequences() throws IOException {
    long seed = Long.getLong("fuzz.seed", new java.util.Random().nextLong() & 0xffff_ffffL);
    var config =
        new Fuzzer.Config(
            seed,
            Integer.getInteger("fuzz.requests", 100_000),
            Duration.ofSeconds(Long.getLong("fuzz.seconds", 90)),
            Duration.ofSeconds(Long.getLong("fuzz.shrinkSeconds", 60)));
    // Said first: a run that dies (not a checked failure) must still be repeatable.
    System.out.println("API fuzz seed: " + seed + " (re-run with -Dfuzz.seed=" + seed + ")");
    AtomicInteger services = new AtomicInteger();
    Supplier<Target> fresh = () -> service(dir.resolve("service-" + services.incrementAndGet()));
    ApiDocument doc = new ApiDocument(Contract.shipped().document());
    try (Target target = fresh.get()) {
      Fuzzer fuzzer = new Fuzzer(doc, config, values -> seeds(values, target.api()));
      Fuzzer.Result result = fuzzer.run(target, fresh);
      String report =
          result.report() + result.failure().map(f -> "\nFAILURE\n" + f).orElse("\nno failure\n");
      System.out.println(report);
      Path out = Path.of("target", "fuzz-report.txt");
      Files.createDirectories(out.getParent());
      Files.writeString(out, report);
      if (result.failure().isPresent()) {
        fail(result.failure().get());
      }
      assertThat(result.neverExercised()).as("operations never sent").isEmpty();
    }
  }

  /**
   * The few values generation cannot guess: a workflow the stub's script plays, the model choice
   * that reaches the stub, and runs that mostly start paused (so what runs in the background stays
   * small and the project comes to rest between requests).
   */
  private static void seeds(Values values, ApiFixture api) {
    values.seed("workflow", () -> Values.NODES.textNode("benchmark-generator"));
    values.seed("model", () -> JSON.valueToTree(api.model()));
    values.seed("paused", () -> Values.NODES.booleanNode(values.random().nextInt(4) > 0));
  }

  /** A fresh service whose runs plan, stop at the plan gate, and give up when approved. */
  private static Target service(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    ApiFixture api = ApiFixture.start(dir);
    ApiSeeds.fill(api);
    api.project().settings().put("workflow.benchmark-generator.planner.plan_approval", "\"ask\"");
    ConversationScript s = new ConversationScript();
    s.planner();
    s.role("coder", s.call("submit", args("outcome", "impossible", "summary", "stopping here")));
    api.answering(s);
    return new Target(api);
  }
}
