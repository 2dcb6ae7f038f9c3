package org.benchwright.engine.preflight;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.benchwright.engine.model.ApiKeys;
import org.benchwright.engine.model.ModelConfig;
import org.benchwright.engine.model.ModelGateway;
import org.benchwright.engine.model.PriceTable;
import org.benchwright.engine.sandbox.DockerHealth;

/**
 * What a new run needs, checked before it is created, so that a missing key or a stopped Docker
 * engine is refused up front instead of recorded as a run that fails at its first step. The CLI's
 * {@code run} and the desktop's New Run dialog ask the same questions here and get the same words
 * the run would have failed with.
 *
 * <ul>
 *   <li>The model: a known provider, a base URL where one is needed, an API key where the provider
 *       requires one. {@code scripted} and {@code replay} answer from files and need none of it.
 *   <li>The sandbox: a Docker engine that answers and the sandbox image present. Every shipped
 *       workflow executes code, so every run with a live model needs it; scripted and replay runs
 *       are rehearsals that start Docker only once they reach code (and the demo runs without it).
 * </ul>
 */
public final class RunPreflight {

  /** The run was refused before it was created; the message says what to fix. */
  public static final class Refused extends RuntimeException {
    public Refused(String message) {
      super(message);
    }
  }

  private final ModelGateway models;
  private final Function<String, DockerHealth> docker;

  public RunPreflight(ApiKeys keys) {
    this(keys, DockerHealth::check);
  }

  /**
   * @param docker checks the engine and an image (tests stand in for Docker here)
   */
  public RunPreflight(ApiKeys keys, Function<String, DockerHealth> docker) {
    this.models = new ModelGateway(Objects.requireNonNull(keys), PriceTable.defaults());
    this.docker = Objects.requireNonNull(docker);
  }

  /** What keeps the model from being called, without calling it; quick (no network). */
  public Optional<String> modelProblem(ModelConfig model) {
    return offline(model) ? Optional.empty() : models.problem(model);
  }

  /** What keeps sandboxes from starting for a run with this model; asks the Docker engine. */
  public Optional<String> sandboxProblem(ModelConfig model, String image) {
    if (offline(model)) {
      return Optional.empty();
    }
    DockerHealth health = docker.apply(image);
    return health.ready() ? Optional.empty() : Optional.of(health.advice());
  }

  /** The first thing that keeps the run from starting, model first; empty when it can start. */
  public Optional<String> problem(ModelConfig model, String image) {
    return modelProblem(model).or(() -> sandboxProblem(model, image));
  }

  /**
   * @throws Refused naming the first thing that keeps the run from starting
   */
  public void require(ModelConfig model, String image) {
    Optional<String> problem = problem(model, image);
    if (problem.isPresent()) {
      throw new Refused(problem.get());
    }
  }

  private static boolean offline(ModelConfig model) {
    return model.provider().equals("scripted") || model.provider().equals("replay");
  }
}
