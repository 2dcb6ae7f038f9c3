package org.benchwright.engine.api.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.benchwright.engine.api.ApiFixture;

/**
 * The stateful fuzzer: one long sequence of requests over every operation of the document, each
 * valid or broken in one way, following links so what one request makes the next one uses, every
 * answer checked by the {@link Oracle}. The first failure is shrunk to a short reproducer.
 */
final class Fuzzer {

  /** The seed makes the draws repeatable; the budget is whichever limit comes first. */
  record Config(long seed, int maxRequests, Duration budget, Duration shrinkBudget) {}

  /** One exchange of the sequence. */
  record Step(FuzzRequest request, ApiFixture.Response response) {
    JsonNode json() {
      String type = response.contentType();
      return type != null && type.contains("json") ? Requests.read(response.body()) : null;
    }
  }

  /** What a run found: the report and, if a property broke, the reproducer. */
  record Result(String report, Optional<String> failure, List<String> neverExercised) {}

  private final ApiDocument doc;
  private final Config config;
  private final Random random;
  private final Values values;
  private final Requests requests;
  private final IdPool pool;
  private final Oracle oracle = new Oracle();
  private final List<Step> steps = new ArrayList<>();
  private final Map<String, Map<Integer, Integer>> statusesByOp = new TreeMap<>();
  private final Map<Integer, Integer> statuses = new TreeMap<>();
  private final Map<String, Integer> mutations = new TreeMap<>();
  private final Map<String, Long> millisByOp = new TreeMap<>();

  /** Why a valid request was last refused, by operation (says why one never got a 2xx). */
  private final Map<String, String> lastRefusal = new TreeMap<>();

  private int valid;
  private int invalid;
  private int generatorRefused;

  Fuzzer(ApiDocument doc, Config config, java.util.function.Consumer<Values> seeds) {
    this.doc = doc;
    this.config = config;
    this.random = new Random(config.seed());
    this.values = new Values(doc, random);
    seeds.accept(values);
    this.requests = new Requests(values);
    this.pool = new IdPool(doc);
    doc.operations().forEach(op -> statusesByOp.put(op.operationId(), new TreeMap<>()));
  }

  Result run(Target target, Supplier<Target> fresh) {
    long start = System.nanoTime();
    long deadline = start + config.budget().toNanos();
    List<ApiDocument.Op> firstPass = new ArrayList<>(doc.operations());
    Optional<String> failure = Optional.empty();
    while (steps.size() < config.maxRequests() && System.nanoTime() < deadline) {
      FuzzRequest r = next(firstPass);
      if (r.valid()) {
        List<String> refusals = Oracle.refusals(r);
        if (!refusals.isEmpty()) {
          // The generator's own mistake: still sent, as the invalid request it is.
          generatorRefused++;
          r = r.mutated("GENERATED " + refusals);
        }
      }
      long sent = System.nanoTime();
      Oracle.Outcome out = oracle.exchange(target, r);
      millisByOp.merge(r.op().operationId(), (System.nanoTime() - sent) / 1_000_000, Long::sum);
      record(r, out.response());
      if (out.failure().isPresent()) {
        Shrinker shrinker = new Shrinker(oracle, config.shrinkBudget());
        failure =
            Optional.of(
                shrinker.reproducer(
                    target, fresh, steps, steps.size() - 1, out.failure().get(), config.seed()));
        break;
      }
      Step step = steps.getLast();
      if (out.response().status() < 300) {
        pool.harvest(steps.size() - 1, r, out.response().status(), step.json());
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    List<String> never =
        statusesByOp.entrySet().stream()
            .filter(e -> e.getValue().isEmpty())
            .map(Map.Entry::getKey)
            .toList();
    return new Result(report(seconds, never), failure, never);
  }

  private FuzzRequest next(List<ApiDocument.Op> firstPass) {
    ApiDocument.Op op;
    Map<String, Requests.Pooled> fixed = Map.of();
    Optional<IdPool.FollowUp> follow =
        random.nextInt(10) < 4 ? pool.nextFollowUp() : Optional.empty();
    if (!firstPass.isEmpty()) {
      // Every operation once, in the document's order (which makes things before it uses them).
      return requests.valid(firstPass.removeFirst(), pool, fixed);
    } else if (follow.isPresent()) {
      op = follow.get().op();
      fixed = follow.get().parameters();
    } else {
      op = weighted();
    }
    if (random.nextBoolean()) {
      Optional<FuzzRequest> broken = requests.invalid(op, pool, fixed);
      if (broken.isPresent()) {
        return broken.get();
      }
    }
    return requests.valid(op, pool, fixed);
  }

  /** Operations not yet answered with a 2xx are drawn three times as often. */
  private ApiDocument.Op weighted() {
    List<ApiDocument.Op> ops = doc.operations();
    int[] weights = new int[ops.size()];
    int total = 0;
    for (int i = 0; i < ops.size(); i++) {
      boolean succeeded =
          statusesByOp.get(ops.get(i).operationId()).keySet().stream().anyMatch(s -> s < 300);
      weights[i] = succeeded ? 1 : 3;
      total += weights[i];
    }
    int roll = random.nextInt(total);
    for (int i = 0; i < ops.size(); i++) {
      roll -= weights[i];
      if (roll < 0) {
        return ops.get(i);
      }
    }
    return ops.getLast();
  }

  private void record(FuzzRequest r, ApiFixture.Response response) {
    steps.add(new Step(r, response));
    if (r.valid()) {
      valid++;
    } else {
      invalid++;
      mutations.merge(r.mutation().replaceFirst(" .*", ""), 1, Integer::sum);
    }
    statuses.merge(response.status(), 1, Integer::sum);
    if (r.valid() && response.status() >= 400) {
      lastRefusal.put(
          r.op().operationId(), response.status() + " " + FuzzRequest.abbreviate(response.body()));
    }
    statusesByOp.get(r.op().operationId()).merge(response.status(), 1, Integer::sum);
  }

  private String report(double seconds, List<String> never) {
    List<String> no2xx =
        statusesByOp.entrySet().stream()
            .filter(e -> e.getValue().keySet().stream().noneMatch(s -> s >= 200 && s < 300))
            .map(Map.Entry::getKey)
            .toList();
    StringBuilder b = new StringBuilder();
    b.append("API fuzz report\n");
    b.append("seed: ")
        .append(config.seed())
        .append(" (re-run with -Dfuzz.seed=")
        .append(config.seed())
        .append(")\n");
    b.append(String.format("time: %.1f s%n", seconds));
    b.append("requests sent: ")
        .append(steps.size())
        .append(" (valid ")
        .append(valid)
        .append(", invalid ")
        .append(invalid)
        .append(")\n");
    int total = statusesByOp.size();
    b.append("operations exercised: ")
        .append(total - never.size())
        .append(" of ")
        .append(total)
        .append(never.isEmpty() ? "" : ", never: " + never)
        .append('\n');
    b.append("operations answered with a 2xx: ")
        .append(total - no2xx.size())
        .append(" of ")
        .append(total)
        .append(no2xx.isEmpty() ? "" : ", never a 2xx: " + no2xx)
        .append('\n');
    for (String op : no2xx) {
      b.append("  ").append(op).append(" last refused: ").append(lastRefusal.get(op)).append('\n');
    }
    b.append("status histogram: ").append(statuses).append('\n');
    b.append("invalid requests by mutation: ").append(mutations).append('\n');
    b.append("4xx answers checked against the project digest: ")
        .append(oracle.digestsChecked)
        .append(" (commits by runs in between, told apart by resending: ")
        .append(oracle.backgroundCommits)
        .append(")\n");
    b.append("generated \"valid\" requests the document refused (sent as invalid): ")
        .append(generatorRefused)
        .append('\n');
    b.append("by operation:\n");
    statusesByOp.forEach(
        (op, s) ->
            b.append(
                String.format(
                    "  %-20s %5d requests %6d ms  %s%n",
                    op,
                    s.values().stream().mapToInt(Integer::intValue).sum(),
                    millisByOp.getOrDefault(op, 0L),
                    s)));
    return b.toString();
  }
}
