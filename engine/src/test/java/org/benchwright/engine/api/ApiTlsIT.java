package org.benchwright.engine.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An exposed service over HTTPS with a real PKCS#12 key store (made by the JDK's keytool), and the
 * token file only its owner can read.
 */
class ApiTlsIT {

  private static final String PASSWORD = "changeit-for-test";

  @TempDir Path dir;

  private Path keyStore() throws Exception {
    Path store = dir.resolve("server.p12");
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Process p =
        new ProcessBuilder(
                keytool.toString(),
                "-genkeypair",
                "-alias",
                "benchwright",
                "-keyalg",
                "EC",
                "-dname",
                "CN=localhost",
                "-ext",
                "SAN=ip:127.0.0.1,dns:localhost",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                store.toString(),
                "-storepass",
                PASSWORD)
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return store;
  }

  private static SSLContext trusting(Path store) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      ks.load(in, PASSWORD.toCharArray());
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(ks);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    return ctx;
  }

  @Test
  void anExposedServiceSpeaksHttpsAndNotPlainHttp() throws Exception {
    Path store = keyStore();
    ApiServer.Options options =
        ApiServer.Options.loopback(0).withTls(store, PASSWORD).withBind("127.0.0.1");
    try (ApiFixture api = ApiFixture.start(dir, options)) {
      assertThat(api.server.uri().getScheme()).isEqualTo("https");
      HttpClient tls =
          HttpClient.newBuilder()
              .sslContext(trusting(store))
              .connectTimeout(Duration.ofSeconds(5))
              .build();
      HttpResponse<String> r =
          tls.send(
              HttpRequest.newBuilder(URI.create(api.server.uri() + "/project"))
                  .header("Authorization", "Bearer " + api.token.value())
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).contains(api.project.uid());

      URI plain = URI.create("http://127.0.0.1:" + api.server.port() + "/project");
      assertThatThrownBy(
              () ->
                  api.http.send(
                      HttpRequest.newBuilder(plain).timeout(Duration.ofSeconds(5)).build(),
                      HttpResponse.BodyHandlers.ofString()))
          .isInstanceOf(IOException.class);
    }
  }

  @Test
  void theTokenFileIsReadableByItsOwnerOnly() throws Exception {
    ApiToken token = ApiToken.generate("0123abcd");
    Path file = dir.resolve("nested").resolve("t.token");
    token.writeTo(file);
    assertThat(Files.readString(file).strip()).isEqualTo(token.value());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    // A second start replaces it with a new token, still private.
    ApiToken next = ApiToken.generate("0123abcd");
    next.writeTo(file);
    assertThat(Files.readString(file).strip()).isEqualTo(next.value()).isNotEqualTo(token.value());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
  }

  @Test
  void exposingWithoutTlsNeedsInsecure() {
    assertThatThrownBy(() -> ApiServer.Options.loopback(0).withBind("0.0.0.0").check())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--tls-keystore");
    ApiServer.Options.loopback(0).withBind("0.0.0.0").withInsecure(true).check();
  }
}
