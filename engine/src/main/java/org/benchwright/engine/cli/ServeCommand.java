package org.benchwright.engine.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.benchwright.engine.api.ApiServer;
import org.benchwright.engine.api.ApiToken;
import org.benchwright.engine.model.ApiKeys;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.project.ProjectException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code benchwright serve}: the headless service over one project (ADR 0042, docs/api.md). It runs
 * until stopped (Ctrl-C, SIGTERM); runs it drives are then cancelled and recorded as such.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Serve a project over HTTP (the contract: GET /openapi.json; docs/api.md).",
      "Binds to 127.0.0.1. A new bearer token is written at each start to a file only you can"
          + " read, and printed once.",
      "When another process (the workbench, a run) writes the project, the service reads it only"
          + " and answers writes with 409."
    })
final class ServeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--project", required = true, description = "the project file")
  Path project;

  @Option(
      names = "--port",
      defaultValue = "7717",
      description = "the TCP port (0 picks a free one; default ${DEFAULT-VALUE})")
  int port;

  @Option(
      names = "--bind",
      defaultValue = ApiServer.Options.LOOPBACK,
      paramLabel = "ADDR",
      description =
          "the address to listen on (default ${DEFAULT-VALUE}); any other needs TLS or --insecure")
  String bind;

  @Option(
      names = "--tls-keystore",
      paramLabel = "FILE",
      description = "a PKCS#12 key store with the server's certificate: serve HTTPS")
  Path keyStore;

  @Option(
      names = "--tls-password-env",
      paramLabel = "VAR",
      defaultValue = "BW_TLS_PASSWORD",
      description =
          "the environment variable holding the key store's password (default ${DEFAULT-VALUE})")
  String passwordEnv;

  @Option(
      names = "--insecure",
      description = "allow a non-loopback --bind without TLS (the token travels in the clear)")
  boolean insecure;

  @Option(
      names = "--token-file",
      paramLabel = "FILE",
      description =
          "where to write the token (default ~/.config/benchwright/serve/PROJECT-UID.token)")
  Path tokenFile;

  @Option(
      names = "--max-body",
      paramLabel = "BYTES",
      defaultValue = "1048576",
      description = "the largest request body accepted (default ${DEFAULT-VALUE})")
  long maxBody;

  @Option(
      names = "--backup-dir",
      paramLabel = "DIR",
      description =
          "where POST /backups writes (default: a folder named backups beside the project file)")
  Path backupDir;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (port < 0 || port > 65535) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--port must be 0..65535.");
    }
    if (keyStore != null && !Files.isRegularFile(keyStore)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--tls-keystore " + keyStore + " is not a file.");
    }
    String password = keyStore == null ? null : System.getenv(passwordEnv);
    if (keyStore != null && password == null) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "The key store's password is read from $" + passwordEnv + ", which is not set.");
    }
    ApiServer.Options options =
        ApiServer.Options.loopback(port)
            .withBind(bind)
            .withInsecure(insecure)
            .withMaxBodyBytes(maxBody)
            .withIdleTimeout(Duration.ofSeconds(30))
            .withBackupDir(backupDir);
    if (keyStore != null) {
      options = options.withTls(keyStore, password);
    }
    // Refused before the project is opened or a token written (serve checks again, for callers
    // other than this command).
    try {
      options.check();
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    Project p;
    String writer = null;
    try {
      p = Project.open(project);
    } catch (ProjectException.Locked e) {
      p = Project.openReadOnly(project);
      writer = e.holder();
    }
    CountDownLatch closedAll = new CountDownLatch(1);
    try (Project opened = p) {
      ApiToken token = ApiToken.generate(opened.uid());
      Path file = tokenFile != null ? tokenFile : ApiToken.defaultFile(opened.uid());
      token.writeTo(file);
      CountDownLatch stopped = new CountDownLatch(1);
      try (ApiServer server =
          ApiServer.serve(
              opened,
              writer,
              ApiKeys.fromEnvironmentAndUserFile(),
              token,
              options,
              BenchwrightCli.version())) {
        Thread hook =
            new Thread(
                () -> {
                  server.close();
                  stopped.countDown();
                  // The JVM halts when the hooks end: wait for the project to be closed.
                  try {
                    closedAll.await(10, java.util.concurrent.TimeUnit.SECONDS);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                },
                "serve-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        out.printf("Serving %s at %s%n", opened.file(), server.uri());
        if (writer != null) {
          out.printf(
              "Read-only: another process writes this project (%s); writes are refused with"
                  + " 409.%n",
              writer);
        }
        out.printf("Token (shown once; also in %s): %s%n", file, token.value());
        out.printf("Contract: %s/openapi.json%n", server.uri());
        out.flush();
        stopped.await();
      }
    } finally {
      closedAll.countDown();
    }
    return 0;
  }
}
