package org.benchwright.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.benchwright.engine.capabilities.CapabilityHit;
import org.benchwright.engine.capabilities.CapabilityRegistry;
import org.benchwright.engine.capabilities.CapabilitySandbox;
import org.benchwright.engine.capabilities.CapabilitySpec;
import org.benchwright.engine.capabilities.TestOutcome;
import org.benchwright.engine.project.Capabilities;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.sandbox.Sandboxes;
import org.benchwright.engine.skills.TextEmbedder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code benchwright bench capabilities}: search over a large registry, and what the engine adds to
 * a synthesis round trip.
 *
 * <p>Search: N capabilities with distinct descriptions (embedded with the real MiniLM model at
 * registration, as agents' registrations are) in a real project file; the median of searches whose
 * query vector is cached, beside the reference of one MiniLM embedding of a query.
 *
 * <p>Synthesis: spec check, red run, green run and registration through the registry with a real
 * sandbox; the engine's share is the round trip less the time spent inside the sandbox calls
 * (measured around them), so model and sandbox time are both out of it.
 */
@Command(
    name = "capabilities",
    mixinStandardHelpOptions = true,
    description = "Measure capability search over a large registry and synthesis overhead.")
final class CapabilityBench implements Callable<Integer> {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String[] VERBS = {
    "reverse",
    "count",
    "sum",
    "sort",
    "parse",
    "convert",
    "encode",
    "decode",
    "hash",
    "split",
    "merge",
    "filter",
    "round",
    "format",
    "validate",
    "compress",
    "normalize",
    "extract",
    "rank",
    "average"
  };
  private static final String[] OBJECTS = {
    "a string",
    "the words of a text",
    "a CSV column",
    "a list of numbers",
    "an ISO date",
    "a temperature",
    "a JSON document",
    "a URL",
    "an email address",
    "a matrix",
    "a time series",
    "a file path",
    "a phone number",
    "a currency amount",
    "a set of intervals",
    "a polygon",
    "a binary tree",
    "a graph's edges",
    "an IPv4 address",
    "a colour in hex"
  };
  private static final String[] HOW = {
    "ignoring case",
    "keeping the order",
    "in place",
    "with a tolerance",
    "by a key",
    "into kilometres",
    "as base64",
    "to the nearest integer",
    "with a checksum",
    "for a report",
    "from the end",
    "skipping blanks",
    "by week",
    "as a percentage",
    "with a default",
    "into a dictionary",
    "recursively",
    "lazily",
    "in UTC",
    "by frequency",
    "with validation",
    "into chunks",
    "as a histogram",
    "without duplicates",
    "with a prefix"
  };

  @Spec CommandSpec spec;

  @Option(
      names = "--capabilities",
      description = "capabilities in the registry (default ${DEFAULT-VALUE})")
  int capabilities = 10_000;

  @Option(names = "--searches", description = "searches timed (default ${DEFAULT-VALUE})")
  int searches = 200;

  @Option(
      names = "--rounds",
      description = "synthesis round trips timed; 0 skips them (default ${DEFAULT-VALUE})")
  int rounds = 5;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Path dir = Files.createTempDirectory("bw-cap-bench");
    try (Project p = Project.create(dir.resolve("caps.bwproj"))) {
      search(p, out);
      if (rounds > 0) {
        synthesis(p, out);
      }
    } finally {
      EventLogBench.deleteTree(dir);
    }
    return 0;
  }

  private void search(Project p, PrintWriter out) {
    TextEmbedder model = TextEmbedder.miniLm();
    model.embed("warm up");
    long t0 = System.nanoTime();
    for (int i = 0; i < capabilities; i++) {
      String name = "cap_" + i;
      String description = description(i);
      p.capabilities()
          .register(
              new Capabilities.NewVersion(
                  name,
                  false,
                  description,
                  "{\"type\":\"object\"}",
                  "{}",
                  "[]",
                  "def " + name + "(**kw):\n    pass\n",
                  "def test_x():\n    pass\n",
                  model.embed(name.replace('_', ' ') + ": " + description),
                  model.modelName(),
                  null,
                  null,
                  "bench",
                  Capabilities.ACTIVE),
              List.of());
    }
    out.printf(
        Locale.ROOT,
        "registered %d capabilities in %.1f s (embedding each)%n",
        capabilities,
        (System.nanoTime() - t0) / 1e9);
    out.flush();

    CapabilityRegistry registry = CapabilityRegistry.of(p);
    List<String> queries = new ArrayList<>();
    Random rnd = new Random(7);
    for (int i = 0; i < 20; i++) {
      queries.add(description(rnd.nextInt(capabilities)).toLowerCase(Locale.ROOT));
    }
    long b0 = System.nanoTime();
    List<CapabilityHit> first = registry.search(queries.getFirst(), 5, 0.75);
    double build = (System.nanoTime() - b0) / 1e6;
    for (String q : queries) {
      registry.search(q, 5, 0.75); // every query vector cached
    }
    List<Double> times = new ArrayList<>();
    for (int i = 0; i < searches; i++) {
      long s = System.nanoTime();
      registry.search(queries.get(i % queries.size()), 5, 0.75);
      times.add((System.nanoTime() - s) / 1e6);
    }
    List<Double> embeds = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      long s = System.nanoTime();
      model.embed("query number " + i + " about " + OBJECTS[i % OBJECTS.length]);
      embeds.add((System.nanoTime() - s) / 1e6);
    }
    double median = ExperimentBench.median(times);
    double embed = ExperimentBench.median(embeds);
    out.printf(
        Locale.ROOT,
        "search over %d: %.2f ms median (target < 50), p95 %.2f ms; first search (index built)"
            + " %.0f ms; reference: one MiniLM query embedding %.2f ms (search = %.2f x)%n",
        capabilities,
        median,
        percentile(times, 0.95),
        build,
        embed,
        median / embed);
    out.printf(
        Locale.ROOT,
        "  top hit for '%s': %s%n",
        queries.getFirst(),
        first.isEmpty() ? "none" : first.getFirst().name() + " " + first.getFirst().score());
    out.flush();
  }

  private void synthesis(Project p, PrintWriter out) throws Exception {
    String owner = "bench-" + UUID.randomUUID();
    try (Sandboxes sandboxes =
        Sandboxes.start(Sandboxes.Settings.forOwner(owner).withWarmPool(0))) {
      CapabilitySandbox real = CapabilitySandbox.of(sandboxes);
      long[] inSandbox = {0};
      CapabilitySandbox timed =
          (files, command, timeout, fetch) -> {
            long s = System.nanoTime();
            try {
              return real.run(files, command, timeout, fetch);
            } finally {
              inSandbox[0] += System.nanoTime() - s;
            }
          };
      CapabilityRegistry registry = CapabilityRegistry.of(p);
      List<Double> overhead = new ArrayList<>();
      List<Double> total = new ArrayList<>();
      for (int i = 0; i < rounds + 1; i++) {
        String name = "reverse_text_" + i;
        String specJson =
            """
            {"name": "%s", "description": "Reverse a string.",
             "parameters": {"type": "object", "properties": {"text": {"type": "string"}},
                            "required": ["text"]},
             "result": {"type": "string"},
             "examples": [{"arguments": {"text": "abc"}, "result": "cba"}]}
            """
                .formatted(name);
        String tests =
            "from capability import %s\n\ndef test_word():\n    assert %s(text='hello') =="
                    .formatted(name, name)
                + " 'olleh'\n";
        String code = "def %s(text):\n    return text[::-1]\n".formatted(name);
        inSandbox[0] = 0;
        long s = System.nanoTime();
        CapabilitySpec spec = CapabilitySpec.parse(JSON.readTree(specJson));
        TestOutcome red = CapabilityRegistry.red(spec, tests, timed, Duration.ofSeconds(60));
        TestOutcome green = CapabilityRegistry.green(code, tests, timed, Duration.ofSeconds(60));
        registry.register(
            spec,
            tests,
            code,
            red,
            green,
            false,
            new CapabilityRegistry.Origin(null, null, "bench"));
        double all = (System.nanoTime() - s) / 1e6;
        if (!red.admits() || !green.admits()) {
          throw new IllegalStateException(
              "the bench's capability was not admitted: " + red + green);
        }
        if (i > 0) { // the first round warms the image and the JIT
          total.add(all);
          overhead.add(all - inSandbox[0] / 1e6);
        }
      }
      out.printf(
          Locale.ROOT,
          "synthesis round trip (spec, red, green, register): %.0f ms median, of which engine"
              + " %.1f ms median (target <= 1000), the rest in the sandbox (%d rounds, %d"
              + " capabilities registered)%n",
          ExperimentBench.median(total),
          ExperimentBench.median(overhead),
          rounds,
          p.capabilities().list().size());
      out.flush();
    }
  }

  static String description(int i) {
    String verb = VERBS[i % VERBS.length];
    String object = OBJECTS[(i / VERBS.length) % OBJECTS.length];
    String how = HOW[(i / (VERBS.length * OBJECTS.length)) % HOW.length];
    return Character.toUpperCase(verb.charAt(0))
        + verb.substring(1)
        + " "
        + object
        + " "
        + how
        + " (variant "
        + i
        + ").";
  }

  private static double percentile(List<Double> values, double q) {
    List<Double> sorted = values.stream().sorted().toList();
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1));
  }
}
