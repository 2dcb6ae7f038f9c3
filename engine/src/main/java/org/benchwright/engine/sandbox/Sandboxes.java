package org.benchwright.engine.sandbox;

import com.github.dockerjava.api.model.Container;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.benchwright.engine.project.Project;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sandbox service of one project: opens sessions, bounds how many commands run at once, keeps a
 * warm pool of started containers, and removes every container and volume it made — at close, in a
 * shutdown hook, and (for a crashed earlier process) at start.
 */
public final class Sandboxes implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Sandboxes.class);

  /**
   * How the service behaves.
   *
   * @param owner a stable name for what owns the containers (the project's uid): orphans with this
   *     owner are removed at start, since one writer per project means no other live process can be
   *     using them
   * @param defaults the spec of sessions opened without one, and of the warm pool
   * @param maxConcurrent most commands executing at once; the rest wait in order
   * @param warmPool started containers kept ready for new sessions of the default spec
   */
  public record Settings(String owner, SandboxSpec defaults, int maxConcurrent, int warmPool) {
    public Settings {
      if (maxConcurrent < 1 || warmPool < 0) {
        throw new IllegalArgumentException("maxConcurrent >= 1 and warmPool >= 0");
      }
    }

    public static Settings forOwner(String owner) {
      return new Settings(
          owner, SandboxSpec.defaults(), Runtime.getRuntime().availableProcessors(), 1);
    }

    /**
     * The sandboxes of a project's runs: owned by the project, with the limits its settings give a
     * workflow's runs ({@code sandbox.limits[.WORKFLOW]}; null: the project's own).
     */
    public static Settings forProject(Project project, String workflow) {
      return forOwner(project.uid())
          .withDefaults(
              SandboxSpec.defaults()
                  .withLimits(SandboxDefaults.limitsFor(project.settings(), workflow)));
    }

    public Settings withDefaults(SandboxSpec spec) {
      return new Settings(owner, spec, maxConcurrent, warmPool);
    }

    public Settings withMaxConcurrent(int n) {
      return new Settings(owner, defaults, n, warmPool);
    }

    public Settings withWarmPool(int n) {
      return new Settings(owner, defaults, maxConcurrent, n);
    }
  }

  private final Settings settings;
  private final DockerAccess docker;
  private final Containers containers;
  private final Semaphore slots;
  private final LinkedBlockingDeque<Containers.Box> warm = new LinkedBlockingDeque<>();
  private final Set<SandboxSession> sessions = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService refill;
  private final Thread shutdownHook;
  private volatile boolean closed;

  private Sandboxes(Settings settings, DockerAccess docker) {
    this.settings = settings;
    this.docker = docker;
    this.containers = new Containers(docker);
    this.slots = new Semaphore(settings.maxConcurrent(), true);
    this.refill =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "sandbox-warm-pool");
              t.setDaemon(true);
              return t;
            });
    this.shutdownHook = new Thread(this::removeEverything, "sandbox-cleanup");
  }

  /**
   * Connects to the Docker engine (DOCKER_HOST honoured), removes orphans of crashed processes,
   * checks the default image exists, and starts filling the warm pool.
   */
  public static Sandboxes start(Settings settings) {
    DockerAccess docker = new DockerAccess();
    try {
      docker.ping();
      Sandboxes s = new Sandboxes(settings, docker);
      int reaped = s.reapOrphans();
      if (reaped > 0) {
        LOG.info("Removed {} sandbox container(s) left by a stopped process", reaped);
      }
      s.requireImage(settings.defaults().image());
      Runtime.getRuntime().addShutdownHook(s.shutdownHook);
      s.topUpPool();
      return s;
    } catch (RuntimeException e) {
      docker.close();
      throw e;
    }
  }

  /** The image and limits sessions get unless they ask for others. */
  public SandboxSpec defaults() {
    return settings.defaults();
  }

  /** Opens a session of the default spec, from the warm pool when one is ready. */
  public SandboxSession open(String run) {
    return open(run, settings.defaults());
  }

  public SandboxSession open(String run, SandboxSpec spec) {
    checkOpen();
    Map<String, String> labels = Labels.of(settings.owner(), run);
    Containers.Box box = spec.equals(settings.defaults()) ? warm.pollFirst() : null;
    if (box != null) {
      topUpPoolSoon();
    } else {
      box = containers.create(spec, labels);
    }
    SandboxSession[] holder = new SandboxSession[1];
    SandboxSession session =
        new SandboxSession(
            docker, containers, slots, box, labels, () -> sessions.remove(holder[0]));
    holder[0] = session;
    sessions.add(session);
    return session;
  }

  /** The most commands that execute at once: the slot count. */
  public int slotCount() {
    return settings.maxConcurrent();
  }

  /** How many commands are waiting for a free slot right now. */
  public int queued() {
    return slots.getQueueLength();
  }

  /** Containers started and ready in the warm pool. */
  public int warmReady() {
    return warm.size();
  }

  /**
   * Refills a little later: starting a container costs the engine a few hundred milliseconds of
   * CPU, which would otherwise slow the first command of the session that just took one.
   */
  private void topUpPoolSoon() {
    if (!closed && settings.warmPool() > 0) {
      refill.schedule(this::topUpPool, 500, TimeUnit.MILLISECONDS);
    }
  }

  private void topUpPool() {
    if (closed || settings.warmPool() == 0) {
      return;
    }
    refill.execute(
        () -> {
          while (!closed && warm.size() < settings.warmPool()) {
            try {
              // Pool containers carry the owner but no run yet: labels cannot change later,
              // so the run is known from the session that takes it.
              warm.add(containers.create(settings.defaults(), Labels.of(settings.owner(), "pool")));
            } catch (RuntimeException e) {
              LOG.warn("Could not pre-start a sandbox: {}", e.getMessage());
              return;
            }
          }
          if (closed) {
            drainPool();
          }
        });
  }

  private void requireImage(String image) {
    try {
      docker.control().inspectImageCmd(image).exec();
    } catch (com.github.dockerjava.api.exception.NotFoundException e) {
      throw DockerAccess.imageMissing(image, e);
    } catch (RuntimeException e) {
      throw docker.translate("looking for the sandbox image", e, image);
    }
  }

  /** Removes containers and volumes of this owner, or of any dead process on this host. */
  int reapOrphans() {
    int removed = 0;
    List<Container> found =
        docker
            .control()
            .listContainersCmd()
            .withShowAll(true)
            .withLabelFilter(Map.of(Labels.MANAGED, "true"))
            .exec();
    for (Container c : found) {
      Map<String, String> labels = c.getLabels();
      if (settings.owner().equals(labels.get(Labels.OWNER)) || Labels.ownerIsDead(labels)) {
        containers.remove(c.getId(), null);
        removed++;
      }
    }
    var volumes =
        docker
            .control()
            .listVolumesCmd()
            .withFilter("label", List.of(Labels.MANAGED + "=true"))
            .exec();
    if (volumes.getVolumes() != null) {
      for (var v : volumes.getVolumes()) {
        Map<String, String> labels = v.getLabels() == null ? new HashMap<>() : v.getLabels();
        if (settings.owner().equals(labels.get(Labels.OWNER)) || Labels.ownerIsDead(labels)) {
          containers.remove(null, v.getName());
        }
      }
    }
    return removed;
  }

  private void drainPool() {
    Containers.Box b;
    while ((b = warm.pollFirst()) != null) {
      containers.remove(b.containerId(), b.volumeName());
    }
  }

  private void removeEverything() {
    closed = true;
    for (SandboxSession s : new ArrayList<>(sessions)) {
      s.close();
    }
    drainPool();
  }

  private void checkOpen() {
    if (closed) {
      throw new SandboxException(SandboxException.Kind.CLOSED, "The sandbox service is closed.");
    }
  }

  /** Removes every container and volume this service made. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    refill.shutdown();
    try {
      refill.awaitTermination(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    removeEverything();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException ignored) {
      // already shutting down: the hook is running or ran
    }
    docker.close();
  }
}
